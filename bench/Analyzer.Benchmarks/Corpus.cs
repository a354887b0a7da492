using System;
using System.IO;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>Finds ../shared/corpus beside the repository root by walking up from the running program.</summary>
    internal static class Corpus
    {
        private static string? _root;

        /// <summary>The corpus folder; <see cref="CorpusNotFoundException"/> when it is not there.</summary>
        public static string Root => _root ??= Find();

        public static string GitLabStructure => Path.Combine(Root, "gitlab", "db", "structure.sql");

        /// <summary>GitLab's structure.sql as the engine gets it, under the path its results name.</summary>
        public static SourceFile GitLabFile() => new SourceFile("db/structure.sql", File.ReadAllText(GitLabStructure));

        /// <summary>GitLab's structure.sql prepared and parsed with <paramref name="settings"/> (for timing the replay alone).</summary>
        public static ParsedFile ParsedGitLab(AnalysisSettings settings)
        {
            return Parser.Parse(Engine.Prepare(GitLabFile(), settings), settings.PostgresVersion);
        }

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
            throw new CorpusNotFoundException(
                "shared/corpus not found beside the repository root (walked up from " + AppContext.BaseDirectory + "); the benchmarks need it.");
        }
    }

    /// <summary>The corpus is missing: a plain message for the quick views (thrown outside a type initializer, so not wrapped).</summary>
    internal sealed class CorpusNotFoundException : Exception
    {
        public CorpusNotFoundException(string message)
            : base(message)
        {
        }
    }
}
