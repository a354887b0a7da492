using System;
using System.Collections.Generic;
using System.IO;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>One migration file as a host hands it over: its full path and its text.</summary>
    internal sealed class MigrationInput
    {
        public MigrationInput(string fullPath, string text)
        {
            FullPath = fullPath;
            Text = text;
        }

        public string FullPath { get; }
        public string Text { get; }
    }

    /// <summary>
    /// The order in which the analyzer and the MSBuild task replay a project's migrations, the same as
    /// `replicaguard check` on the project folder: the config's <c>files</c> list when it has one (only those
    /// files, in that order), otherwise the engine's ordering conventions (<see cref="MigrationOrdering"/>) on
    /// the paths relative to the project folder. Files the conventions skip (down and undo files) are left out.
    /// Linked into the analyzer, the code fixes and the MSBuild task so they can never disagree.
    /// </summary>
    internal static class MigrationHistory
    {
        public static List<MigrationInput> Order(IReadOnlyList<MigrationInput> inputs, string? baseDirectory, ReplicaGuardConfig? config)
        {
            if (config != null && config.Files.Count > 0)
            {
                return OrderByConfig(inputs, config);
            }

            var byRelative = new Dictionary<string, MigrationInput>(PathComparer);
            var relativePaths = new List<string>(inputs.Count);
            foreach (MigrationInput input in inputs)
            {
                string relative = Relative(input.FullPath, baseDirectory);
                if (byRelative.ContainsKey(relative))
                {
                    continue; // the same file listed twice is applied once
                }
                byRelative.Add(relative, input);
                relativePaths.Add(relative);
            }

            OrderedMigrations ordered = MigrationOrdering.Order(relativePaths);
            var result = new List<MigrationInput>(ordered.Applied.Count);
            foreach (string relative in ordered.Applied)
            {
                result.Add(byRelative[relative]);
            }
            return result;
        }

        private static List<MigrationInput> OrderByConfig(IReadOnlyList<MigrationInput> inputs, ReplicaGuardConfig config)
        {
            var byPath = new Dictionary<string, MigrationInput>(PathComparer);
            foreach (MigrationInput input in inputs)
            {
                string key = Normalize(input.FullPath);
                if (!byPath.ContainsKey(key))
                {
                    byPath.Add(key, input);
                }
            }
            var result = new List<MigrationInput>(config.Files.Count);
            foreach (string full in config.ResolveFiles())
            {
                if (byPath.TryGetValue(Normalize(full), out MigrationInput? input))
                {
                    result.Add(input);
                }
            }
            return result;
        }

        /// <summary>The path relative to <paramref name="baseDirectory"/> with '/' separators; the full path when outside it.</summary>
        public static string Relative(string fullPath, string? baseDirectory)
        {
            string path = Normalize(fullPath);
            if (!string.IsNullOrEmpty(baseDirectory))
            {
                string root = Normalize(baseDirectory!).TrimEnd('/') + "/";
                if (path.StartsWith(root, PathComparison))
                {
                    return path.Substring(root.Length);
                }
            }
            return path;
        }

        private static string Normalize(string path) => path.Replace('\\', '/');

        private static bool IsWindows => Path.DirectorySeparatorChar == '\\';

        private static StringComparison PathComparison => IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        private static StringComparer PathComparer => IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    }
}
