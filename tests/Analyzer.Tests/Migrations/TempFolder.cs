using System;
using System.IO;

namespace ReplicaGuard.Tests
{
    /// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rg-migrations-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string relative, string text = "select 1;")
        {
            string full = System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }

        public string WriteBytes(string relative, byte[] bytes)
        {
            string full = System.IO.Path.Combine(Path, relative);
            File.WriteAllBytes(full, bytes);
            return full;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder must not fail a test.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
