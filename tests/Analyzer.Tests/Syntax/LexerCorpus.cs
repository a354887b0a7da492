using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>Finds the shared migration corpus: ../shared/corpus beside the repository root.</summary>
    internal static class LexerCorpus
    {
        public static string FindRoot()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }

                dir = dir.Parent;
            }

            Assert.Fail("The shared corpus was not found: expected a folder shared/corpus beside the repository root (walked up from " +
                        AppContext.BaseDirectory + ").");
            return string.Empty;
        }

        /// <summary>Every *.sql and *.sql.postgres file under the corpus, recursively, in a stable order.</summary>
        public static List<string> SqlFiles()
        {
            var files = new List<string>();
            foreach (string path in Directory.EnumerateFiles(FindRoot(), "*", SearchOption.AllDirectories))
            {
                if (path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".sql.postgres", StringComparison.OrdinalIgnoreCase))
                {
                    files.Add(path);
                }
            }

            files.Sort(StringComparer.Ordinal);
            if (files.Count == 0)
            {
                Assert.Fail("The shared corpus has no .sql or .sql.postgres files.");
            }

            return files;
        }
    }
}
