using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace ReplicaGuard.Migrations
{
    /// <summary>Finds the migration files below a folder (the I/O half; ordering is <see cref="MigrationOrdering"/>).</summary>
    public static class MigrationDiscovery
    {
        // Build output, package caches and VCS data are never migrations, and can be huge.
        private static readonly HashSet<string> ExcludedFolders =
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", ".git" };

        /// <summary>Full paths of the files to apply, in order. Throws <see cref="MigrationInputException"/> on bad input.</summary>
        public static IReadOnlyList<string> Discover(string folder)
        {
            return Discover(folder, out _);
        }

        /// <summary>As <see cref="Discover(string)"/>, also giving the files skipped (relative paths) and why.</summary>
        public static IReadOnlyList<string> Discover(string folder, out IReadOnlyList<SkippedMigration> skipped)
        {
            string root = FullFolderPath(folder);
            var relative = new List<string>();
            ListFiles(root, relative);

            OrderedMigrations ordered = MigrationOrdering.Order(relative);
            var result = new List<string>(ordered.Applied.Count);
            foreach (string path in ordered.Applied)
            {
                result.Add(Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar)));
            }
            skipped = ordered.Skipped;
            return result;
        }

        /// <summary>Relative paths ('/' separators) of every file below <paramref name="root"/>, walked depth first.</summary>
        internal static void ListFiles(string root, List<string> relativePaths)
        {
            // Identity of each folder entered: its real path where a symlink leads elsewhere, so a loop stops.
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<(string FullPath, string Relative, string Identity)>();
            string rootIdentity = ResolveLink(root) ?? root;
            visited.Add(rootIdentity);
            pending.Push((root, "", rootIdentity));

            while (pending.Count > 0)
            {
                var (fullPath, relative, identity) = pending.Pop();
                foreach (string file in EnumerateOrThrow(() => Directory.GetFiles(fullPath), fullPath))
                {
                    relativePaths.Add(relative + Path.GetFileName(file));
                }
                foreach (string directory in EnumerateOrThrow(() => Directory.GetDirectories(fullPath), fullPath))
                {
                    string name = Path.GetFileName(directory);
                    if (name.StartsWith(".", StringComparison.Ordinal) || ExcludedFolders.Contains(name)) continue;

                    string childIdentity;
                    if (IsLink(directory))
                    {
                        string? target = ResolveLink(directory);
                        if (target == null) continue; // broken link, or a runtime that cannot tell where it leads
                        childIdentity = target;
                    }
                    else
                    {
                        childIdentity = Path.Combine(identity, name);
                    }
                    if (!visited.Add(childIdentity)) continue;
                    pending.Push((directory, relative + name + "/", childIdentity));
                }
            }
        }

        private static string FullFolderPath(string folder)
        {
            string full;
            try
            {
                full = Path.GetFullPath(folder);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException || e is System.Security.SecurityException)
            {
                throw new MigrationInputException(folder, $"{folder}: not a valid folder path ({e.Message}); pass the folder that holds the migration files");
            }
            if (File.Exists(full))
            {
                throw new MigrationInputException(folder, $"{folder}: is a file, not a folder; pass the folder that holds the migration files, or list the file itself");
            }
            if (!Directory.Exists(full))
            {
                throw new MigrationInputException(folder, $"{folder}: migration folder not found; check the path (it is resolved against {Directory.GetCurrentDirectory()})");
            }
            return full;
        }

        internal static string[] EnumerateOrThrow(Func<string[]> list, string folder)
        {
            try
            {
                return list();
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is System.Security.SecurityException)
            {
                throw new MigrationInputException(folder, $"{folder}: cannot list the migration folder ({e.Message}); check that it exists and that you may read it");
            }
        }

        private static bool IsLink(string path)
        {
            try
            {
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        // netstandard2.0 has no API to resolve a link; .NET 6+ has FileSystemInfo.ResolveLinkTarget(bool), which
        // is what the engine runs on in the CLI and the tests. Where it is missing, linked folders are not followed.
        private static readonly MethodInfo? ResolveLinkTargetMethod =
            typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

        /// <summary>The full path a directory link finally leads to; the path itself when it is no link; null when unknown.</summary>
        private static string? ResolveLink(string directory)
        {
            if (!IsLink(directory)) return directory;
            if (ResolveLinkTargetMethod == null) return null;
            try
            {
                var target = ResolveLinkTargetMethod.Invoke(new DirectoryInfo(directory), new object[] { true }) as FileSystemInfo;
                return target == null || !target.Exists ? null : Path.GetFullPath(target.FullName);
            }
            catch (Exception e) when (e is TargetInvocationException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>Bad input a user can act on: what, where, what to do. Front ends print it as one line, exit code 2.</summary>
    public sealed class MigrationInputException : System.Exception
    {
        public MigrationInputException(string path, string message)
            : base(message)
        {
            PathName = path;
        }

        public string PathName { get; }
    }
}
