using System;
using System.Collections.Generic;
using System.IO;
using ReplicaGuard.Cli.Files;
using ReplicaGuard.Cli.Input;

namespace ReplicaGuard.Cli.Fixing
{
    /// <summary>
    /// Writes the changed files so that no file is ever left half-written: first every file is checked (still
    /// there, not read-only, unchanged since it was read), then each new content goes to a temporary file in the
    /// same folder, and only when all of them are written are they renamed over the originals. Any failure before
    /// the renames removes the temporary files and leaves every original untouched.
    /// </summary>
    public static class AtomicWriter
    {
        public static void WriteAll(IReadOnlyList<FileChange> changes, IFileSystem fileSystem)
        {
            foreach (FileChange change in changes)
            {
                CheckStillWritable(change, fileSystem);
            }

            var temporaries = new List<(string Temporary, FileChange Change)>();
            try
            {
                foreach (FileChange change in changes)
                {
                    string temporary = TemporaryPath(change.Loaded.FullPath);
                    temporaries.Add((temporary, change));
                    fileSystem.WriteAllBytes(temporary, change.Loaded.Text.Encode(change.NewText));
                    fileSystem.CopyPermissions(change.Loaded.FullPath, temporary);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                string shown = temporaries.Count > 0 ? temporaries[temporaries.Count - 1].Change.File.Path : "?";
                RemoveAll(temporaries, fileSystem);
                throw new UsageException($"{shown}: cannot write the fixed file ({HistoryLoader.OneLine(e.Message)}); no file was changed; free disk space or check permissions and run again");
            }

            for (int i = 0; i < temporaries.Count; i++)
            {
                (string temporary, FileChange change) = temporaries[i];
                try
                {
                    fileSystem.MoveOver(temporary, change.Loaded.FullPath);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    RemoveAll(temporaries.GetRange(i, temporaries.Count - i), fileSystem);
                    string done = i == 0 ? "no file was changed" : $"{i} file(s) before it were fixed";
                    throw new UsageException($"{change.File.Path}: cannot replace the file ({HistoryLoader.OneLine(e.Message)}); it is unchanged, {done}; check permissions and run again");
                }
            }
        }

        private static void CheckStillWritable(FileChange change, IFileSystem fileSystem)
        {
            string path = change.Loaded.FullPath;
            string shown = change.File.Path;
            byte[] now;
            try
            {
                if (!fileSystem.FileExists(path))
                {
                    throw new UsageException($"{shown}: the file was deleted during the run; nothing was written; run fix again");
                }
                if (fileSystem.IsReadOnly(path))
                {
                    throw new UsageException($"{shown}: the file is read-only; nothing was written; make it writable (chmod u+w) or leave it out with --rule");
                }
                now = fileSystem.ReadAllBytes(path);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new UsageException($"{shown}: the file was deleted during the run; nothing was written; run fix again");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"{shown}: cannot read the file again before writing ({HistoryLoader.OneLine(e.Message)}); nothing was written");
            }
            if (!SameBytes(now, change.Loaded.Bytes))
            {
                throw new UsageException($"{shown}: the file changed during the run; nothing was written; run fix again");
            }
        }

        private static string TemporaryPath(string path)
        {
            string folder = Path.GetDirectoryName(path) ?? ".";
            return Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".replicaguard.tmp");
        }

        private static void RemoveAll(IEnumerable<(string Temporary, FileChange Change)> temporaries, IFileSystem fileSystem)
        {
            foreach ((string temporary, FileChange _) in temporaries)
            {
                try
                {
                    fileSystem.Delete(temporary);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Best effort: the original is what matters, and it is untouched.
                }
            }
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            return a.AsSpan().SequenceEqual(b);
        }
    }
}
