using System;
using System.IO;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>Finds ../shared/corpus beside the repository root by walking up from the running program.</summary>
    internal static class Corpus
    {
        public static string Root { get; } = Find();

        public static string GitLabStructure => Path.Combine(Root, "gitlab", "db", "structure.sql");

        private static string Find()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new InvalidOperationException(
                "shared/corpus not found beside the repository root (walked up from " + AppContext.BaseDirectory + "); the benchmarks need it.");
        }
    }
}
