using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>Finds ../shared/corpus beside the repository root; a test that needs it fails plainly when it is missing.</summary>
    internal static class MigrationCorpus
    {
        public static string Root()
        {
            string? folder = AppContext.BaseDirectory;
            while (!string.IsNullOrEmpty(folder))
            {
                string candidate = Path.Combine(folder, "shared", "corpus");
                if (Directory.Exists(candidate)) return candidate;
                folder = Path.GetDirectoryName(folder);
            }
            Assert.Fail($"The migration corpus was not found: no folder shared/corpus above {AppContext.BaseDirectory}. It must sit beside the repository (../shared/corpus).");
            return "";
        }

        public static string Folder(params string[] parts)
        {
            string path = Path.Combine(Root(), Path.Combine(parts));
            if (!Directory.Exists(path)) Assert.Fail($"The corpus folder {path} is missing.");
            return path;
        }
    }
}
