using System;
using System.Collections.Generic;
using System.IO;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>Hand-built diagnostics and paths the CLI tests share.</summary>
    internal static class TestData
    {
        public static Location At(SourceFile file, string text, int occurrence = 1)
        {
            int index = -1;
            for (int i = 0; i < occurrence; i++)
            {
                index = file.OriginalText.IndexOf(text, index + 1, StringComparison.Ordinal);
            }
            if (index < 0)
            {
                throw new ArgumentException($"'{text}' not in {file.Path}");
            }
            return new Location(file, new TextSpan(index, text.Length));
        }

        public static Diagnostic Make(
            Location location,
            RuleDescriptor? rule = null,
            Severity? severity = null,
            string message = "Table \"public.t\" is published for UPDATE and DELETE but has no replica identity",
            string? objectName = "public.t",
            IReadOnlyList<Location>? related = null,
            IReadOnlyList<CodeFix>? fixes = null)
        {
            RuleDescriptor descriptor = rule ?? RuleCatalog.RG1001;
            return new Diagnostic(
                descriptor,
                severity ?? descriptor.DefaultSeverity,
                message,
                location,
                objectName,
                related ?? Array.Empty<Location>(),
                fixes ?? Array.Empty<CodeFix>());
        }

        /// <summary>The checkout's root: the first folder above the test's base directory holding Analyzer.sln.</summary>
        public static string RepoRoot()
        {
            string? folder = AppContext.BaseDirectory;
            while (folder != null)
            {
                if (File.Exists(Path.Combine(folder, "Analyzer.sln")))
                {
                    return folder;
                }
                folder = Path.GetDirectoryName(folder);
            }
            throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory + ": run the tests from a checkout.");
        }

        /// <summary>
        /// The real migration corpus: ../shared/corpus beside the checkout, found by walking up from the test's base
        /// directory. A test that needs it fails (never skips) when it is missing.
        /// </summary>
        public static string CorpusRoot()
        {
            string? folder = AppContext.BaseDirectory;
            while (folder != null)
            {
                string candidate = Path.Combine(folder, "shared", "corpus");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
                folder = Path.GetDirectoryName(folder);
            }
            Microsoft.VisualStudio.TestTools.UnitTesting.Assert.Fail(
                "The migration corpus (shared/corpus beside the repository root) was not found above " + AppContext.BaseDirectory + "; this test needs it.");
            return "";
        }

        /// <summary>One folder per test run under the system temp folder; <see cref="TempFolders"/> deletes it when the run ends.</summary>
        private static readonly Lazy<string> RunFolder = new Lazy<string>(() => Path.Combine(Path.GetTempPath(), "replicaguard-cli-tests", Guid.NewGuid().ToString("N")));

        public static string NewTempFolder()
        {
            string folder = Path.Combine(RunFolder.Value, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return folder;
        }

        /// <summary>Deletes this run's temp folders (and the shared parent when no other run is using it).</summary>
        public static void DeleteTempFolders()
        {
            if (!RunFolder.IsValueCreated || !Directory.Exists(RunFolder.Value))
            {
                return;
            }
            Directory.Delete(RunFolder.Value, recursive: true);
            string parent = Path.GetDirectoryName(RunFolder.Value)!;
            try
            {
                if (Directory.GetFileSystemEntries(parent).Length == 0)
                {
                    Directory.Delete(parent);
                }
            }
            catch (IOException)
            {
                // Another run made its folder in between: the parent stays for it.
            }
        }
    }

    /// <summary>The tests write files only under <see cref="TestData.NewTempFolder"/>: nothing of them stays behind.</summary>
    [Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]
    public sealed class TempFolders
    {
        [Microsoft.VisualStudio.TestTools.UnitTesting.AssemblyCleanup]
        public static void Delete() => TestData.DeleteTempFolders();
    }
}
