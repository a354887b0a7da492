using System;
using System.IO;

namespace ReplicaGuard.Cli.Files
{
    /// <summary>
    /// The file operations the tool performs on migration files and reports. Behind an interface so that tests can
    /// simulate what is hard to provoke for real: a full disk, a file deleted mid-run, an unreadable file as root.
    /// </summary>
    public interface IFileSystem
    {
        byte[] ReadAllBytes(string path);
        bool FileExists(string path);

        /// <summary>True when the file must not be modified (read-only attribute, or no owner write permission).</summary>
        bool IsReadOnly(string path);

        void WriteAllBytes(string path, byte[] bytes);

        /// <summary>Gives <paramref name="path"/> the permissions of <paramref name="like"/> (best effort).</summary>
        void CopyPermissions(string like, string path);

        /// <summary>Atomically replaces <paramref name="destination"/> by <paramref name="source"/> (a rename).</summary>
        void MoveOver(string source, string destination);

        void Delete(string path);
    }

    /// <summary>The real disk.</summary>
    public sealed class PhysicalFileSystem : IFileSystem
    {
        public static readonly PhysicalFileSystem Instance = new PhysicalFileSystem();

        public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

        public bool FileExists(string path) => File.Exists(path);

        public bool IsReadOnly(string path)
        {
            if ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0)
            {
                return true;
            }
            // root may write anything; a file without the owner's write bit is still meant to be left alone.
            return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
        }

        public void WriteAllBytes(string path, byte[] bytes)
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }

        public void CopyPermissions(string like, string path)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(like));
            }
        }

        public void MoveOver(string source, string destination) => File.Move(source, destination, overwrite: true);

        public void Delete(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
