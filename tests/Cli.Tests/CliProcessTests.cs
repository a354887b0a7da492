using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>The built tool run as users run it: `dotnet replicaguard.dll ...`, checking exit code and streams.</summary>
    [TestClass]
    public sealed class CliProcessTests
    {
        private static void AssertUsageError(ToolProcess.Result result, string expectedInMessage)
        {
            Assert.AreEqual(2, result.ExitCode, result.Err);
            Assert.AreEqual("", result.Out);
            string[] lines = result.Err.TrimEnd('\n').Split('\n');
            Assert.AreEqual(1, lines.Length, "expected one line on stderr: " + result.Err);
            StringAssert.StartsWith(lines[0], "replicaguard: error: ");
            StringAssert.Contains(lines[0], expectedInMessage);
        }

        [TestMethod]
        public void MissingPathIsOneLineAndExitTwoAndNothingWritten()
        {
            string folder = TestData.NewTempFolder();
            ToolProcess.Result result = ToolProcess.Run(folder, "check", "no-such-migrations", "--output", "report.txt");
            AssertUsageError(result, "no-such-migrations");
            Assert.IsFalse(File.Exists(Path.Combine(folder, "report.txt")));
        }

        [TestMethod]
        [DataRow("--no-such-option", "--no-such-option")]
        [DataRow("--format=xml", "xml")]
        [DataRow("--postgres-version=12", "12")]
        [DataRow("--profile=nobody", "nobody")]
        public void BadOptionsAreOneLineAndExitTwo(string option, string expectedInMessage)
        {
            string folder = TestData.NewTempFolder();
            AssertUsageError(ToolProcess.Run(folder, "check", option, "."), expectedInMessage);
        }

        [TestMethod]
        public void OptionWithoutValueIsAUsageError()
        {
            AssertUsageError(ToolProcess.Run(TestData.NewTempFolder(), "check", ".", "--format"), "--format");
        }

        [TestMethod]
        public void MissingConfigFileNamesIt()
        {
            string folder = TestData.NewTempFolder();
            AssertUsageError(ToolProcess.Run(folder, "check", "--config", "absent.json", "."), "absent.json");
        }

        [TestMethod]
        public void InvalidConfigNamesTheFileAndTheKey()
        {
            string folder = TestData.NewTempFolder();
            File.WriteAllText(Path.Combine(folder, "replicaguard.json"), "{ \"postgresVersion\": \"eleven\" }");
            ToolProcess.Result result = ToolProcess.Run(folder, "check", "--config", "replicaguard.json", ".");
            AssertUsageError(result, "replicaguard.json");
            StringAssert.Contains(result.Err, "postgresVersion");
        }

        [TestMethod]
        public void EmptyFolderIsCleanExitZero()
        {
            string folder = TestData.NewTempFolder();
            Directory.CreateDirectory(Path.Combine(folder, "migrations"));
            ToolProcess.Result result = ToolProcess.Run(folder, "check", "migrations");
            Assert.AreEqual(0, result.ExitCode, result.Err);
            Assert.AreEqual("", result.Out);
            StringAssert.StartsWith(result.Err, "0 errors, 0 warnings, 0 suggestions in 0 files (");
        }

        [TestMethod]
        public void OutputWritesTheReportToTheFileAndOnlyTheSummaryToTheTerminal()
        {
            string folder = TestData.NewTempFolder();
            string sample = Path.Combine(TestData.RepoRoot(), "samples", "alembic-zero");
            string report = Path.Combine(folder, "report.sarif");

            ToolProcess.Result result = ToolProcess.Run(folder, "check", sample, "--format", "sarif", "--output", report);

            Assert.AreNotEqual(2, result.ExitCode, result.Err);
            Assert.AreEqual("", result.Out);
            string[] errLines = result.Err.TrimEnd('\n').Split('\n');
            Assert.AreEqual(1, errLines.Length, result.Err);
            StringAssert.Contains(errLines[0], " in 2 files (");
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(report));
            Assert.AreEqual("2.1.0", document.RootElement.GetProperty("version").GetString());
        }

        [TestMethod]
        public void HelpForTheToolAndForCheckExitZero()
        {
            string folder = TestData.NewTempFolder();
            ToolProcess.Result tool = ToolProcess.Run(folder, "--help");
            ToolProcess.Result check = ToolProcess.Run(folder, "check", "--help");

            Assert.AreEqual(0, tool.ExitCode);
            StringAssert.StartsWith(tool.Out, "Usage: replicaguard <command>");
            Assert.AreEqual(0, check.ExitCode);
            StringAssert.StartsWith(check.Out, "Usage: replicaguard check");
            StringAssert.Contains(check.Out, "--postgres-version");
            Assert.AreEqual("", check.Err);
        }

        [TestMethod]
        public void VersionPrintsTheAssemblyVersion()
        {
            ToolProcess.Result result = ToolProcess.Run(TestData.NewTempFolder(), "--version");
            Assert.AreEqual(0, result.ExitCode);
            Assert.AreEqual(ReplicaGuard.Cli.Program.Version + "\n", result.Out);
            StringAssert.Matches(result.Out, new System.Text.RegularExpressions.Regex(@"^\d+\.\d+\.\d+"));
        }

        // ---- pre-merge mode, baseline and fix, run as users run them ----

        private static void Git(string folder, params string[] args)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in args) start.ArgumentList.Add(arg);
            start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "test";
            start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
            using Process process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.AreEqual(0, process.ExitCode, "git " + string.Join(" ", args) + ": " + error);
        }

        private static string NewRepository()
        {
            string folder = TestData.NewTempFolder();
            Git(folder, "init", "-q", "-b", "main");
            File.WriteAllText(Path.Combine(folder, "replicaguard.json"), "{ \"publications\": [ { \"name\": \"pub\", \"allTables\": true } ] }");
            Directory.CreateDirectory(Path.Combine(folder, "db"));
            File.WriteAllText(Path.Combine(folder, "db", "0001_legacy.sql"), "CREATE TABLE legacy (id int);\n");
            File.WriteAllText(Path.Combine(folder, "db", "0002_keyed.sql"), "CREATE TABLE keyed (id int PRIMARY KEY);\n");
            Git(folder, "add", ".");
            Git(folder, "commit", "-q", "-m", "history");
            return folder;
        }

        private static List<string> Objects(string jsonReport)
        {
            var objects = new List<string>();
            using JsonDocument document = JsonDocument.Parse(jsonReport);
            foreach (JsonElement result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                objects.Add(result.GetProperty("ruleId").GetString() + " " + result.GetProperty("objectName").GetString());
            }
            objects.Sort(StringComparer.Ordinal);
            return objects;
        }

        [TestMethod]
        public void ChangedSinceReportsOnlyResultsCausedByChangedFiles()
        {
            string repo = NewRepository();
            Git(repo, "tag", "base");
            CollectionAssert.AreEqual(new[] { "RG1001 public.legacy" }, Objects(ToolProcess.Run(repo, "check", "db", "--format", "json").Out));

            // Nothing changed since the tag: nothing to report, though the whole history is replayed.
            ToolProcess.Result unchanged = ToolProcess.Run(repo, "check", "db", "--format", "json", "--changed-since", "base");
            Assert.AreEqual(0, unchanged.ExitCode, unchanged.Err);
            CollectionAssert.AreEqual(new string[0], Objects(unchanged.Out));

            // A committed new file, an untracked new file, and a modified file that drops a key.
            File.WriteAllText(Path.Combine(repo, "db", "0003_events.sql"), "CREATE TABLE events (at timestamptz);\n");
            Git(repo, "add", ".");
            Git(repo, "commit", "-q", "-m", "events");
            File.WriteAllText(Path.Combine(repo, "db", "0004_audit.sql"), "CREATE TABLE audit (at timestamptz);\n");
            ToolProcess.Result changed = ToolProcess.Run(repo, "check", "db", "--format", "json", "--changed-since", "base");
            Assert.AreEqual(1, changed.ExitCode, changed.Err);
            CollectionAssert.AreEqual(new[] { "RG1001 public.audit", "RG1001 public.events" }, Objects(changed.Out));

            // A rename counts as a change of the new path.
            Git(repo, "mv", "db/0001_legacy.sql", "db/0001_legacy_tables.sql");
            CollectionAssert.Contains(Objects(ToolProcess.Run(repo, "check", "db", "--format", "json", "--changed-since", "base").Out), "RG1001 public.legacy");

            // A later file that causes a result on an old table (dropping its key) is a related location.
            string repo2 = NewRepository();
            File.WriteAllText(Path.Combine(repo2, "db", "0003_drop_key.sql"), "ALTER TABLE keyed DROP CONSTRAINT keyed_pkey;\n");
            CollectionAssert.AreEqual(new[] { "RG1001 public.keyed" }, Objects(ToolProcess.Run(repo2, "check", "db", "--format", "json", "--changed-since", "HEAD").Out));
        }

        [TestMethod]
        public void ChangedSinceWithABadRefOrOutsideGitIsOneLine()
        {
            string repo = NewRepository();
            AssertUsageError(ToolProcess.Run(repo, "check", "db", "--changed-since", "no-such-branch"), "'no-such-branch' is not a commit");
            string plain = TestData.NewTempFolder();
            Directory.CreateDirectory(Path.Combine(plain, "db"));
            AssertUsageError(ToolProcess.Run(plain, "check", "db", "--changed-since", "main"), "not in a git repository");
        }

        [TestMethod]
        public void BaselineRoundTrip()
        {
            string repo = NewRepository();
            ToolProcess.Result written = ToolProcess.Run(repo, "baseline", "db", "--output", "rg-baseline.json");
            Assert.AreEqual(0, written.ExitCode, written.Err);
            ToolProcess.Result clean = ToolProcess.Run(repo, "check", "db", "--baseline", "rg-baseline.json");
            Assert.AreEqual(0, clean.ExitCode, clean.Err);
            Assert.AreEqual("", clean.Out);
            File.WriteAllText(Path.Combine(repo, "db", "0003_new.sql"), "CREATE TABLE fresh (a int);\n");
            File.WriteAllText(Path.Combine(repo, "db", "0001_legacy.sql"), "-- moved down\n\n\nCREATE TABLE legacy (id int);\n");
            ToolProcess.Result later = ToolProcess.Run(repo, "check", "db", "--baseline", "rg-baseline.json", "--format", "json");
            Assert.AreEqual(1, later.ExitCode, later.Err);
            CollectionAssert.AreEqual(new[] { "RG1001 public.fresh" }, Objects(later.Out));
        }

        /// <summary>A copy of samples/alembic-zero with its migrations saved as UTF-8 with BOM and CRLF line endings.</summary>
        private static string BomCrlfSampleCopy()
        {
            string sample = Path.Combine(TestData.RepoRoot(), "samples", "alembic-zero");
            string copy = TestData.NewTempFolder();
            foreach (string file in Directory.GetFiles(sample, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(copy, Path.GetRelativePath(sample, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (file.EndsWith(".sql", StringComparison.Ordinal))
                {
                    string text = File.ReadAllText(file).Replace("\r\n", "\n").Replace("\n", "\r\n");
                    File.WriteAllText(target, text, new UTF8Encoding(true));
                }
                else
                {
                    File.Copy(file, target);
                }
            }
            return copy;
        }

        private static Dictionary<string, byte[]> Snapshot(string folder)
        {
            var files = new Dictionary<string, byte[]>();
            foreach (string file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(folder, file)] = File.ReadAllBytes(file);
            }
            return files;
        }

        private static int FixableResults(string jsonReport)
        {
            int count = 0;
            using JsonDocument document = JsonDocument.Parse(jsonReport);
            foreach (JsonElement result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                if (result.GetProperty("fixes").GetArrayLength() > 0) count++;
            }
            return count;
        }

        [TestMethod]
        public void FixDryRunWritesNothingAndPrintsADiffOfExactlyTheFixes()
        {
            string copy = BomCrlfSampleCopy();
            Dictionary<string, byte[]> before = Snapshot(copy);
            int fixable = FixableResults(ToolProcess.Run(copy, "check", ".", "--format", "json").Out);

            ToolProcess.Result dryRun = ToolProcess.Run(copy, "fix", ".", "--dry-run");

            Assert.AreEqual(0, dryRun.ExitCode, dryRun.Err);
            StringAssert.StartsWith(dryRun.Err, fixable == 0 ? "would fix 0 of " : "would fix ");
            StringAssert.Contains(dryRun.Err, "(dry run: nothing written)");
            Assert.AreEqual(fixable == 0, dryRun.Out.Length == 0, "a diff exactly when there is a fix: " + dryRun.Out);
            if (fixable > 0) StringAssert.StartsWith(dryRun.Out, "--- a/");
            Dictionary<string, byte[]> after = Snapshot(copy);
            CollectionAssert.AreEquivalent(new List<string>(before.Keys), new List<string>(after.Keys));
            foreach (var pair in before) CollectionAssert.AreEqual(pair.Value, after[pair.Key], pair.Key);
        }

        /// <summary>
        /// Meaningful once the engine offers fixes: every result that had a fix is gone after `fix`, and the files
        /// keep their BOM and CRLF line endings. With no fixes offered it only proves fix changes nothing.
        /// </summary>
        [TestMethod]
        public void FixThenCheckLeavesNoFixedResultAndKeepsBomAndCrlf()
        {
            string copy = BomCrlfSampleCopy();
            string beforeReport = ToolProcess.Run(copy, "check", ".", "--format", "json").Out;
            var fixedResults = new List<string>();
            using (JsonDocument document = JsonDocument.Parse(beforeReport))
            {
                foreach (JsonElement result in document.RootElement.GetProperty("results").EnumerateArray())
                {
                    if (result.GetProperty("fixes").GetArrayLength() > 0)
                    {
                        fixedResults.Add(result.GetProperty("ruleId").GetString() + " " + result.GetProperty("objectName").GetString());
                    }
                }
            }

            ToolProcess.Result fix = ToolProcess.Run(copy, "fix", ".");
            Assert.AreEqual(0, fix.ExitCode, fix.Err);
            StringAssert.StartsWith(fix.Err, fixedResults.Count == 0 ? "fixed 0 of " : "fixed ");

            List<string> remaining = Objects(ToolProcess.Run(copy, "check", ".", "--format", "json").Out);
            foreach (string result in fixedResults)
            {
                CollectionAssert.DoesNotContain(remaining, result, "still reported after fix");
            }
            foreach (string file in Directory.GetFiles(copy, "*.sql", SearchOption.AllDirectories))
            {
                byte[] bytes = File.ReadAllBytes(file);
                CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, new[] { bytes[0], bytes[1], bytes[2] }, file);
                string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
                Assert.IsFalse(text.Replace("\r\n", "").Contains('\n'), "a bare LF in " + file);
            }
            Assert.AreEqual(0, Directory.GetFiles(copy, "*.tmp", SearchOption.AllDirectories).Length);
        }
    }
}
