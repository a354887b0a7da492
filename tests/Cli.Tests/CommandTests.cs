using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Commands;
using ReplicaGuard.Cli.Files;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Tests
{
    /// <summary>Commands run in-process: input errors, internal errors, rules, explain, baseline.</summary>
    [TestClass]
    public sealed class CommandTests
    {
        private const string Config = "{ \"publications\": [ { \"name\": \"pub\", \"allTables\": true } ] }";

        private static string NewHistory(params string[] namesAndTexts)
        {
            string folder = TestData.NewTempFolder();
            File.WriteAllText(Path.Combine(folder, "replicaguard.json"), Config);
            Directory.CreateDirectory(Path.Combine(folder, "migrations"));
            for (int i = 0; i < namesAndTexts.Length; i += 2)
            {
                File.WriteAllText(Path.Combine(folder, "migrations", namesAndTexts[i]), namesAndTexts[i + 1]);
            }
            return folder;
        }

        private static void AssertOneLineError(CliRunner.Result result, string expected)
        {
            Assert.AreEqual(2, result.ExitCode, result.Err);
            Assert.AreEqual("", result.Out);
            string[] lines = result.Err.TrimEnd('\n').Split('\n');
            Assert.AreEqual(1, lines.Length, result.Err);
            StringAssert.Contains(lines[0], expected);
        }

        /// <summary>Reads go through this; each test decides what a read of a given file does.</summary>
        private sealed class ReadFailingFileSystem : IFileSystem
        {
            private readonly Func<string, Exception?> _failure;

            public ReadFailingFileSystem(Func<string, Exception?> failure)
            {
                _failure = failure;
            }

            public byte[] ReadAllBytes(string path)
            {
                Exception? failure = _failure(path);
                if (failure != null) throw failure;
                return File.ReadAllBytes(path);
            }

            public bool FileExists(string path) => File.Exists(path);
            public bool IsReadOnly(string path) => false;
            public void WriteAllBytes(string path, byte[] bytes) => throw new InvalidOperationException("no writes expected");
            public void CopyPermissions(string like, string path) { }
            public void MoveOver(string source, string destination) => throw new InvalidOperationException("no writes expected");
            public void Delete(string path) { }
        }

        private static readonly string[] TwoFiles = { "0001_a.sql", "CREATE TABLE a (id int);", "0002_b.sql", "CREATE TABLE b (id int PRIMARY KEY);" };

        [TestMethod]
        public void UnreadableFileIsOneLineNamingIt()
        {
            string folder = NewHistory(TwoFiles);
            var fileSystem = new ReadFailingFileSystem(path => path.EndsWith("0002_b.sql", StringComparison.Ordinal) ? new UnauthorizedAccessException("Access to the path is denied.") : null);
            CliRunner.Result result = CliRunner.Run(folder, fileSystem, null, "check", "migrations", "--output", "report.txt");
            AssertOneLineError(result, "migrations/0002_b.sql: cannot read file: Access to the path is denied.");
            Assert.IsFalse(File.Exists(Path.Combine(folder, "report.txt")));
        }

        [TestMethod]
        public void FileDeletedAfterDiscoveryIsOneLineNamingIt()
        {
            string folder = NewHistory(TwoFiles);
            var fileSystem = new ReadFailingFileSystem(path => path.EndsWith("0001_a.sql", StringComparison.Ordinal) ? new FileNotFoundException("gone", path) : null);
            AssertOneLineError(CliRunner.Run(folder, fileSystem, null, "check", "migrations"), "migrations/0001_a.sql: the file disappeared while it was being checked");
        }

        [TestMethod]
        public void UnexpectedExceptionIsOneLineWithoutStackUnlessDebugIsSet()
        {
            string folder = NewHistory(TwoFiles);
            var fileSystem = new ReadFailingFileSystem(_ => new InvalidOperationException("boom\nsecond line"));

            CliRunner.Result quiet = CliRunner.Run(folder, fileSystem, null, "check", "migrations");
            AssertOneLineError(quiet, "replicaguard: internal error: InvalidOperationException: boom second line; please report it at ");
            StringAssert.Contains(quiet.Err, "REPLICAGUARD_DEBUG=1");
            Assert.IsFalse(quiet.Err.Contains(" at ReplicaGuard.", StringComparison.Ordinal));

            CliRunner.Result debug = CliRunner.Run(folder, fileSystem, new Dictionary<string, string> { ["REPLICAGUARD_DEBUG"] = "1" }, "check", "migrations");
            Assert.AreEqual(2, debug.ExitCode);
            StringAssert.Contains(debug.Err, " at ReplicaGuard.");
        }

        [TestMethod]
        public void BinaryAndInvalidUtf8FilesAreOneLineNamingFileAndLine()
        {
            string folder = NewHistory(TwoFiles);
            string b = Path.Combine(folder, "migrations", "0002_b.sql");
            File.WriteAllBytes(b, new byte[] { (byte)'S', (byte)'\n', 0, 1, 2 });
            AssertOneLineError(CliRunner.Run(folder, "check", "migrations", "--output", "r.txt"), "migrations/0002_b.sql: not UTF-8 text: a NUL byte (0x00) at line 2");
            File.WriteAllBytes(b, Encoding.Latin1.GetBytes("SELECT 'caf\u00e9';"));
            AssertOneLineError(CliRunner.Run(folder, "check", "migrations", "--output", "r.txt"), "migrations/0002_b.sql: not UTF-8 text: invalid byte 0xE9 at line 1");
            Assert.IsFalse(File.Exists(Path.Combine(folder, "r.txt")));
        }

        [TestMethod]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void SymbolicLinkLoopIsOneLineNamingTheLink()
        {
            string folder = NewHistory(TwoFiles);
            Directory.CreateDirectory(Path.Combine(folder, "migrations", "x"));
            Directory.CreateDirectory(Path.Combine(folder, "migrations", "y"));
            Directory.CreateSymbolicLink(Path.Combine(folder, "migrations", "x", "to-y"), "../y");
            Directory.CreateSymbolicLink(Path.Combine(folder, "migrations", "y", "to-x"), "../x");
            AssertOneLineError(CliRunner.Run(folder, "check", "migrations"), "migrations/x/to-y/to-x: symbolic link loop (it leads back to migrations/x)");
        }

        [TestMethod]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void LinksThatAreNotLoopsAreFollowed()
        {
            string folder = NewHistory(TwoFiles);
            string shared = Path.Combine(folder, "shared");
            Directory.CreateDirectory(shared);
            File.WriteAllText(Path.Combine(shared, "0003_c.sql"), "CREATE TABLE c (id int);");
            Directory.CreateSymbolicLink(Path.Combine(folder, "migrations", "linked"), shared);
            Directory.CreateSymbolicLink(Path.Combine(folder, "migrations", "linked-again"), shared);
            CliRunner.Result result = CliRunner.Run(folder, "check", "migrations");
            Assert.AreEqual(1, result.ExitCode, result.Err);
            StringAssert.Contains(result.Out, "[public.c]");
        }

        [TestMethod]
        public void UnknownRuleIdInRuleIsOneLine()
        {
            AssertOneLineError(CliRunner.Run(NewHistory(TwoFiles), "fix", "migrations", "--rule", "RG1001,RG1234"), "unknown rule ID 'RG1234' in --rule");
        }

        [TestMethod]
        public void RuleKeepsOnlyThoseRules()
        {
            string folder = NewHistory("0001_a.sql", "CREATE TABLE a (id int);\nDO $$ BEGIN EXECUTE 'ALTER TABLE a ADD PRIMARY KEY (id)'; END $$;\n");
            CliRunner.Result all = CliRunner.Run(folder, "check", "migrations");
            CliRunner.Result only = CliRunner.Run(folder, "check", "migrations", "--rule", "RG9001");
            StringAssert.Contains(all.Out, "RG1001");
            StringAssert.Contains(all.Out, "RG9001");
            Assert.IsFalse(only.Out.Contains("RG1001", StringComparison.Ordinal), only.Out);
            StringAssert.Contains(only.Out, "RG9001");
            Assert.AreEqual(0, only.ExitCode, "RG9001 is a warning");
        }

        [TestMethod]
        public void RulesListsEveryRuleWithTheSeverityTheEngineWouldUse()
        {
            string folder = TestData.NewTempFolder();
            File.WriteAllText(Path.Combine(folder, "replicaguard.json"), "{ \"profile\": \"zero\", \"rules\": { \"RG3001\": \"error\", \"RG9002\": \"none\" } }");
            CliRunner.Result result = CliRunner.Run(folder, "rules");
            Assert.AreEqual(0, result.ExitCode, result.Err);
            string[] lines = result.Out.TrimEnd('\n').Split('\n');
            Assert.AreEqual("profile: zero", lines[0]);
            Assert.AreEqual(RuleCatalog.All.Count + 1, lines.Length);
            var settings = new AnalysisSettings { Profile = "zero" };
            settings.RuleSeverities["RG3001"] = Diagnostics.Severity.Error;
            settings.RuleSeverities["RG9002"] = Diagnostics.Severity.None;
            var context = new RuleContext(settings);
            for (int i = 0; i < RuleCatalog.All.Count; i++)
            {
                Diagnostics.RuleDescriptor rule = RuleCatalog.All[i];
                Diagnostics.Severity severity = context.SeverityOf(rule);
                string name = severity == Diagnostics.Severity.None ? "off" : ReplicaGuard.Cli.Output.SeverityNames.Text(severity);
                StringAssert.StartsWith(lines[i + 1], rule.Id + "  " + name.PadRight(10) + " " + rule.Title);
            }
            StringAssert.StartsWith(lines[Array.FindIndex(lines, l => l.StartsWith("RG3001", StringComparison.Ordinal))], "RG3001  error ");
            StringAssert.StartsWith(lines[Array.FindIndex(lines, l => l.StartsWith("RG9002", StringComparison.Ordinal))], "RG9002  off ");

            CliRunner.Result postgres = CliRunner.Run(folder, "rules", "--profile", "postgres");
            StringAssert.StartsWith(postgres.Out, "profile: postgres\n");
        }

        [TestMethod]
        public void ExplainPrintsTheRulePageOrTheDescriptor()
        {
            string page = Path.Combine(TestData.RepoRoot(), "docs", "rules", "RG1001.md");
            CliRunner.Result result = CliRunner.Run(TestData.NewTempFolder(), "explain", "rg1001");
            Assert.AreEqual(0, result.ExitCode, result.Err);
            if (File.Exists(page))
            {
                // Embedded at build time from docs/rules/*.md.
                Assert.AreEqual(File.ReadAllText(page).Replace("\r\n", "\n").TrimEnd('\n') + "\n", result.Out);
            }
            else
            {
                Assert.AreEqual(
                    $"# RG1001: {RuleCatalog.RG1001.Title}\n\n{RuleCatalog.RG1001.Description}\n\nDefault severity: error\nMore: {RuleCatalog.RG1001.HelpUri}\n",
                    result.Out);
            }
        }

        [TestMethod]
        public void ExplainEmbedsEveryRulePageInTheRepository()
        {
            string folder = Path.Combine(TestData.RepoRoot(), "docs", "rules");
            string[] pages = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.md") : new string[0];
            foreach (string page in pages)
            {
                string id = Path.GetFileNameWithoutExtension(page);
                Assert.AreEqual(File.ReadAllText(page), ReplicaGuard.Cli.Commands.ExplainCommand.Page(id), id);
            }
        }

        [TestMethod]
        [DataRow("RG0000", "unknown rule ID 'RG0000'")]
        [DataRow("", "explain needs exactly one rule ID")]
        public void ExplainWithoutAKnownRuleIsOneLine(string id, string expected)
        {
            string[] args = id.Length == 0 ? new[] { "explain" } : new[] { "explain", id };
            AssertOneLineError(CliRunner.Run(TestData.NewTempFolder(), args), expected);
        }

        [TestMethod]
        public void BaselineDropsKnownResultsEvenAfterLinesMoveAndReportsNewOnes()
        {
            string folder = NewHistory("0001_a.sql", "CREATE TABLE a (id int);\n", "0002_b.sql", "CREATE TABLE b (id int);\n");
            CliRunner.Result written = CliRunner.Run(folder, "baseline", "migrations");
            Assert.AreEqual(0, written.ExitCode, written.Err);
            Assert.AreEqual("wrote 2 results to replicaguard.baseline.json\n", written.Err);
            string baseline = File.ReadAllText(Path.Combine(folder, "replicaguard.baseline.json"));
            StringAssert.Contains(baseline, "\"file\": \"migrations/0001_a.sql\"");
            StringAssert.Contains(baseline, "\"version\": 1");

            CliRunner.Result clean = CliRunner.Run(folder, "check", "migrations", "--baseline", "replicaguard.baseline.json");
            Assert.AreEqual(0, clean.ExitCode, clean.Err);
            Assert.AreEqual("", clean.Out);
            StringAssert.Contains(clean.Err, "2 in the baseline not shown");

            // Unrelated edits move the statement down and reformat it: still in the baseline.
            File.WriteAllText(Path.Combine(folder, "migrations", "0001_a.sql"), "-- header\n\nCREATE TABLE x (id int PRIMARY KEY);\n\nCREATE TABLE   a\n  (id int);\n");
            Assert.AreEqual("", CliRunner.Run(folder, "check", "migrations", "--baseline", "replicaguard.baseline.json").Out);

            // A new keyless table is reported; so is a changed statement.
            File.WriteAllText(Path.Combine(folder, "migrations", "0003_c.sql"), "CREATE TABLE c (id int);\n");
            File.WriteAllText(Path.Combine(folder, "migrations", "0002_b.sql"), "CREATE TABLE b (id bigint);\n");
            CliRunner.Result later = CliRunner.Run(folder, "check", "migrations", "--baseline", "replicaguard.baseline.json");
            Assert.AreEqual(1, later.ExitCode, later.Err);
            StringAssert.Contains(later.Out, "[public.c]");
            StringAssert.Contains(later.Out, "[public.b]");
            Assert.IsFalse(later.Out.Contains("[public.a]", StringComparison.Ordinal), later.Out);
        }

        [TestMethod]
        [DataRow("{", "baseline is not valid JSON")]
        [DataRow("{\"version\": 2, \"results\": []}", "not a ReplicaGuard baseline")]
        [DataRow("{\"version\": 1, \"results\": [{\"ruleId\": 1}]}", "a baseline entry has no string \\\"ruleId\\\"")]
        public void BadBaselineIsOneLine(string content, string expected)
        {
            string folder = NewHistory(TwoFiles);
            File.WriteAllText(Path.Combine(folder, "b.json"), content);
            AssertOneLineError(CliRunner.Run(folder, "check", "migrations", "--baseline", "b.json"), "b.json: " + expected.Replace("\\\"", "\""));
        }

        [TestMethod]
        [DataRow("check", "Usage: replicaguard check")]
        [DataRow("fix", "Usage: replicaguard fix")]
        [DataRow("baseline", "Usage: replicaguard baseline")]
        [DataRow("rules", "Usage: replicaguard rules")]
        [DataRow("explain", "Usage: replicaguard explain")]
        public void EveryCommandHasHelp(string command, string expected)
        {
            CliRunner.Result viaOption = CliRunner.Run(TestData.NewTempFolder(), command, "--help");
            CliRunner.Result viaHelp = CliRunner.Run(TestData.NewTempFolder(), "help", command);
            Assert.AreEqual(0, viaOption.ExitCode, viaOption.Err);
            StringAssert.StartsWith(viaOption.Out, expected);
            Assert.AreEqual(viaOption.Out, viaHelp.Out);
            StringAssert.Contains(CliRunner.Run(TestData.NewTempFolder(), "--help").Out, "  " + command + " ");
        }

        [TestMethod]
        public void FixWithNothingToFixWritesNothingAndSaysSo()
        {
            string folder = NewHistory(TwoFiles);
            string file = Path.Combine(folder, "migrations", "0001_a.sql");
            DateTime before = File.GetLastWriteTimeUtc(file);
            CliRunner.Result result = CliRunner.Run(folder, "fix", "migrations", "--rule", "RG9002");
            Assert.AreEqual(0, result.ExitCode, result.Err);
            Assert.AreEqual("fixed 0 of 0 results in 0 files\n", result.Err);
            Assert.AreEqual(before, File.GetLastWriteTimeUtc(file));
        }

        [TestMethod]
        [DataRow(ReportFormat.Json, FixBuilding.DuringAnalysis)]
        [DataRow(ReportFormat.Sarif, FixBuilding.DuringAnalysis)]
        [DataRow(ReportFormat.Text, FixBuilding.OnFirstRead)]
        [DataRow(ReportFormat.Github, FixBuilding.OnFirstRead)]
        public void ACheckBuildsFixesDuringTheAnalysisOnlyForReportsThatCarryThem(ReportFormat format, FixBuilding expected)
        {
            // Building them on the first read would replay the history a second time for JSON and SARIF.
            Assert.AreEqual(expected, CheckCommand.FixBuildingFor(format));
        }
    }
}
