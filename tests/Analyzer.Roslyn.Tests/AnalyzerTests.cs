using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Roslyn;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class AnalyzerTests
    {
        internal const string ZeroConfig = "{ \"profile\": \"zero\", \"publications\": [ { \"name\": \"_zero_public_0\", \"tablesInSchema\": [\"public\"] } ] }";

        internal const string Users = "BEGIN;\n\n[|CREATE TABLE alembic_version|] (version_num varchar(32) NOT NULL);\n\nCREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\nCOMMIT;\n";

        [TestMethod]
        public async Task SeedCaseIsReportedAtTheMarkedSpanWithHelpLinkAndSeverity()
        {
            ImmutableArray<Diagnostic> diagnostics = await new SqlProject()
                .Sql("Migrations/0001_create_users.sql", Users)
                .Sql("Migrations/0002_posts.sql", "CREATE TABLE posts (id serial PRIMARY KEY);\n")
                .Config(ZeroConfig)
                .VerifyAsync();
            Diagnostic d = diagnostics.Single();
            Assert.AreEqual(DiagnosticSeverity.Error, d.Severity);
            Assert.AreEqual(RuleCatalog.RG1001.HelpUri, d.Descriptor.HelpLinkUri);
            FileLinePositionSpan lines = d.Location.GetLineSpan();
            Assert.AreEqual(2, lines.StartLinePosition.Line);
            Assert.AreEqual(0, lines.StartLinePosition.Character);
            Assert.AreEqual(28, lines.EndLinePosition.Character);
            StringAssert.Contains(d.GetMessage(), "alembic_version");
            Assert.AreEqual(LocationKind.ExternalFile, d.Location.Kind);
        }

        [TestMethod]
        public async Task TheWholeProjectIsOneHistoryOrderedByConventionNotItemOrder()
        {
            // V2 (the publication) is listed first; the conventions apply V1 first, so the table exists when published
            // (in item order the publication would name a missing table and publish nothing).
            await new SqlProject()
                .Sql("db/V2__publish.sql", "[|CREATE PUBLICATION p|] FOR TABLE t;\n")
                .Sql("db/V1__table.sql", "CREATE TABLE t (a int);\n")
                .VerifyAsync();
        }

        [TestMethod]
        public async Task WithoutThePublicationFileThereIsNothingToReport()
        {
            await new SqlProject().Sql("db/V1__table.sql", "CREATE TABLE t (a int);\n").VerifyAsync();
        }

        [TestMethod]
        public async Task ConfigFilesListSetsTheOrderAndTheMembers()
        {
            // Only the files listed run: the publication file is left out, so nothing is published.
            await new SqlProject()
                .Sql("db/V1__table.sql", "CREATE TABLE t (a int);\n")
                .Sql("db/V2__publish.sql", "CREATE PUBLICATION p FOR TABLE t;\n")
                .Config("{ \"files\": [\"db/V1__table.sql\"] }")
                .VerifyAsync();
        }

        [TestMethod]
        public void SupportedDiagnosticsDeclareEveryCatalogRuleWithItsCategorySeverityAndHelpLink()
        {
            ImmutableArray<DiagnosticDescriptor> supported = new ReplicaGuardAnalyzer().SupportedDiagnostics;
            Assert.AreEqual(RuleCatalog.All.Count, supported.Length);
            foreach (ReplicaGuard.Diagnostics.RuleDescriptor rule in RuleCatalog.All)
            {
                DiagnosticDescriptor d = supported.Single(s => s.Id == rule.Id);
                Assert.AreEqual(rule.Category, d.Category, rule.Id);
                Assert.AreEqual(rule.Title, d.Title.ToString(), rule.Id);
                Assert.AreEqual(rule.HelpUri, d.HelpLinkUri, rule.Id);
                Assert.AreEqual(rule.DefaultSeverity != ReplicaGuard.Diagnostics.Severity.None, d.IsEnabledByDefault, rule.Id);
                if (rule.DefaultSeverity != ReplicaGuard.Diagnostics.Severity.None)
                {
                    Assert.AreEqual(RoslynDescriptors.ToRoslyn(rule.DefaultSeverity), d.DefaultSeverity, rule.Id);
                }
            }
        }

        [TestMethod]
        public void ReleaseTrackingListsEveryRule()
        {
            string unshipped = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Analyzer.Roslyn", "AnalyzerReleases.Unshipped.md"));
            foreach (ReplicaGuard.Diagnostics.RuleDescriptor rule in RuleCatalog.All)
            {
                StringAssert.Contains(unshipped, rule.Id + " | " + rule.Category + " |");
            }
        }

        [TestMethod]
        public async Task GlobalConfigSeverityNoneSilencesAndWarningDowngrades()
        {
            ImmutableArray<Diagnostic> none = await new SqlProject()
                .Sql("Migrations/0001.sql", Users).Config(ZeroConfig)
                .Global("dotnet_diagnostic.RG1001.severity = none")
                .AnalyzeAsync();
            Assert.AreEqual(0, none.Length);

            ImmutableArray<Diagnostic> warning = await new SqlProject()
                .Sql("Migrations/0001.sql", Users).Config(ZeroConfig)
                .Global("dotnet_diagnostic.RG1001.severity = warning")
                .AnalyzeAsync();
            Assert.AreEqual(DiagnosticSeverity.Warning, warning.Single().Severity);
        }

        [TestMethod]
        public async Task ReplicaGuardJsonRulesSetTheSeverity()
        {
            string config = ZeroConfig.TrimEnd('}', ' ') + ", \"rules\": { \"RG1001\": \"warning\" } }";
            ImmutableArray<Diagnostic> diagnostics = await new SqlProject().Sql("Migrations/0001.sql", Users).Config(config).VerifyAsync();
            Assert.AreEqual(DiagnosticSeverity.Warning, diagnostics.Single().Severity);
        }

        [TestMethod]
        public async Task BrokenReplicaGuardJsonIsOneRG9001OnTheConfigFile()
        {
            ImmutableArray<Diagnostic> diagnostics = await new SqlProject()
                .Sql("Migrations/0001.sql", Users.Replace("[|", "").Replace("|]", ""))
                .Config("{ \"profile\": \"nope\" }")
                .AnalyzeAsync();
            Diagnostic d = diagnostics.Single();
            Assert.AreEqual("RG9001", d.Id);
            Assert.AreEqual(SqlProject.Root + "replicaguard.json", d.Location.GetLineSpan().Path);
            StringAssert.Contains(d.GetMessage(), "profile");
        }

        [TestMethod]
        public async Task InvalidPostgresVersionPropertyIsReportedAndNamed()
        {
            ImmutableArray<Diagnostic> diagnostics = await new SqlProject()
                .Sql("Migrations/0001.sql", "CREATE TABLE t (a int PRIMARY KEY);\n")
                .Global("build_property.ReplicaGuardPostgresVersion = 9")
                .AnalyzeAsync();
            Diagnostic d = diagnostics.Single();
            Assert.AreEqual("RG9001", d.Id);
            StringAssert.Contains(d.GetMessage(), "ReplicaGuardPostgresVersion");
        }

        [TestMethod]
        public async Task ProfilePropertyIsValidatedLikeTheConfigKey()
        {
            ImmutableArray<Diagnostic> bad = await new SqlProject()
                .Sql("Migrations/0001.sql", "CREATE TABLE t (a int PRIMARY KEY);\n")
                .Global("build_property.ReplicaGuardProfile = zeroo")
                .AnalyzeAsync();
            Assert.AreEqual("RG9001", bad.Single().Id);
            StringAssert.Contains(bad.Single().GetMessage(), "ReplicaGuardProfile");

            ImmutableArray<Diagnostic> good = await new SqlProject()
                .Sql("Migrations/0001.sql", "CREATE TABLE t (a int PRIMARY KEY);\n")
                .Global("build_property.ReplicaGuardProfile = zero")
                .AnalyzeAsync();
            Assert.AreEqual(0, good.Length, string.Join("\n", good));
        }

        [TestMethod]
        public async Task TaskReporterSilencesTheAnalyzerSoEachResultIsReportedOnce()
        {
            ImmutableArray<Diagnostic> diagnostics = await new SqlProject()
                .Sql("Migrations/0001.sql", Users).Config(ZeroConfig)
                .Global("build_property.ReplicaGuardReporter = Task")
                .AnalyzeAsync();
            Assert.AreEqual(0, diagnostics.Length);
        }

        [TestMethod]
        public async Task FilesMarkedByTheTargetsAreTheMigrationsWhenAnyIsMarked()
        {
            // The targets mark migrations with ReplicaGuardMigration=true; other .sql AdditionalFiles are then ignored.
            ImmutableArray<Diagnostic> diagnostics = await new SqlProject()
                .Sql("Migrations/0001.sql", Users).Config(ZeroConfig)
                .Sql("other/seed.sql", "CREATE TABLE loose (a int);\n")
                .Global("[" + SqlProject.Root + "Migrations/0001.sql]")
                .Global("build_metadata.AdditionalFiles.ReplicaGuardMigration = true")
                .AnalyzeAsync();
            Assert.AreEqual(1, diagnostics.Length, string.Join("\n", diagnostics));
            StringAssert.Contains(diagnostics[0].GetMessage(), "alembic_version");
        }

        [TestMethod]
        public async Task EditingOneFileReparsesOnlyThatFile()
        {
            Project project = new SqlProject()
                .Sql("Migrations/0001.sql", Users).Config(ZeroConfig)
                .Sql("Migrations/0002.sql", "CREATE TABLE posts (id serial PRIMARY KEY);\n")
                .Sql("Migrations/0003.sql", "CREATE TABLE tags (id serial PRIMARY KEY);\n")
                .Build();
            await SqlProject.AnalyzeAsync(project);
            int before = ReplicaGuardAnalyzer.Parses.ParseCount;
            await SqlProject.AnalyzeAsync(project.Solution.GetProject(project.Id)!.WithCompilationOptions(project.CompilationOptions!.WithModuleName("again")));
            Assert.AreEqual(before, ReplicaGuardAnalyzer.Parses.ParseCount, "an unchanged history must not be re-parsed");

            TextDocument third = project.AdditionalDocuments.Single(d => d.FilePath!.EndsWith("0003.sql", StringComparison.Ordinal));
            Project edited = project.Solution.WithAdditionalDocumentText(third.Id, SourceText.From("CREATE TABLE tags (id int);\n")).GetProject(project.Id)!;
            ImmutableArray<Diagnostic> diagnostics = await SqlProject.AnalyzeAsync(edited);
            Assert.AreEqual(before + 1, ReplicaGuardAnalyzer.Parses.ParseCount, "only the edited file is parsed again");
            Assert.AreEqual(2, diagnostics.Count(d => d.Id == "RG1001"), string.Join("\n", diagnostics));
        }

        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public async Task NeverThrowsOnAnyCorpusFile()
        {
            // Each corpus file as a one-file project. This test is about the analyzer never throwing (AD0001).
            // The engine currently runs for minutes on some corpus files and histories (reported to the lead): a file
            // over its time budget is abandoned and listed in the output, not failed here; an exception always fails.
            string root = CorpusRoot();
            int count = 0;
            var slow = new List<string>();
            foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (!file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".sql.postgres", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                count++;
                var project = new SqlProject().Sql(Path.GetRelativePath(root, file).Replace('\\', '/').Replace(".sql.postgres", ".sql"),
                    File.ReadAllText(file).Replace("[|", "[ |").Replace("|]", "| ]"));
                var exceptions = new List<Exception>();
                Task<ImmutableArray<Diagnostic>> analysis = Task.Run(() => SqlProject.AnalyzeAsync(project.Build(), exceptions));
                if (await Task.WhenAny(analysis, Task.Delay(TimeSpan.FromSeconds(5))) != analysis)
                {
                    slow.Add(Path.GetRelativePath(root, file));
                    continue;
                }
                ImmutableArray<Diagnostic> diagnostics = await analysis;
                Assert.AreEqual(0, exceptions.Count, file + ": " + string.Join("\n", exceptions));
                Assert.IsFalse(diagnostics.Any(d => d.Id == "AD0001"), file);
                Assert.IsFalse(diagnostics.Any(d => d.Id == "RG9001" && d.GetMessage().Contains("could not analyse", StringComparison.Ordinal)), file + ": " + string.Join("\n", diagnostics));
            }
            TestContext.WriteLine($"{count} corpus files; {slow.Count} over the 5 s budget (engine speed, not checked here): {string.Join(", ", slow)}");
            Assert.IsTrue(count > 100, "expected the corpus's .sql files, found " + count);
            Assert.IsTrue(slow.Count < count / 2, "most corpus files must finish within the budget; slow: " + string.Join(", ", slow));
        }

        [TestMethod]
        public async Task NeverThrowsOnHostileInput()
        {
            var random = new Random(20261121);
            var project = new SqlProject();
            string[] hostile =
            {
                "", "\0\0\0", "'unterminated", "$$ never closed", "/* open comment", "E'\\", "\"", "\uFEFF\uFEFF;;;",
                "CREATE TABLE", "CREATE PUBLICATION p FOR ALL TABLES", "ALTER TABLE ONLY", new string('(', 5000),
                "\ud800 lone surrogate", "CREATE TABLE t (a int) PARTITION BY RANGE (a); CREATE TABLE t1 PARTITION OF t",
            };
            for (int i = 0; i < hostile.Length; i++)
            {
                project.Sql($"db/{i:0000}_hostile.sql", hostile[i].Replace("[|", "").Replace("|]", ""));
            }
            for (int i = 0; i < 20; i++)
            {
                var chars = new char[random.Next(1, 400)];
                for (int c = 0; c < chars.Length; c++) chars[c] = (char)random.Next(1, 128);
                project.Sql($"db/{100 + i:0000}_random.sql", new string(chars).Replace("[|", "").Replace("|]", ""));
            }
            var exceptions = new List<Exception>();
            ImmutableArray<Diagnostic> diagnostics = await SqlProject.AnalyzeAsync(project.Build(), exceptions);
            Assert.AreEqual(0, exceptions.Count, string.Join("\n", exceptions));
            Assert.IsFalse(diagnostics.Any(d => d.Id == "AD0001"));
        }

        internal static string RepositoryRoot()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
            {
                dir = dir.Parent;
            }
            Assert.IsNotNull(dir, "repository root (Analyzer.sln) not found above " + AppContext.BaseDirectory);
            return dir!.FullName;
        }

        internal static string CorpusRoot()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate)) return candidate;
                dir = dir.Parent;
            }
            Assert.Fail("The shared corpus was not found: expected shared/corpus beside the repository root (walked up from " + AppContext.BaseDirectory + ").");
            return "";
        }
    }
}
