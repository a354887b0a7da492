using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.FrontEnds;
using ReplicaGuard.Roslyn;
using ReplicaGuard.Syntax;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Issue 8 item 4: an engine failure becomes one RG9001 naming the file, never AD0001; and cancellation stops
    /// the analysis promptly, even in the middle of parsing a large file.
    /// </summary>
    [TestClass]
    public sealed class AnalyzerGuaranteeTests
    {
        private const string FailingFile = "Migrations/0002_broken.sql";

        [TestMethod]
        public async Task AnEngineFailureIsOneRG9001OnTheFailingFileAndNeverAD0001()
        {
            // The injected parser fails on one file only, as an engine bug would.
            var failing = new ParseCache((file, version, token) =>
                file.Path.EndsWith(FailingFile, StringComparison.Ordinal)
                    ? throw new InvalidOperationException("injected engine failure")
                    : Parser.Parse(file, version, token));
            Project project = new SqlProject()
                .Sql("Migrations/0001_init.sql", "CREATE TABLE a (id int PRIMARY KEY);\n")
                .Sql(FailingFile, "CREATE TABLE b (id int);\n")
                .Sql("Migrations/0003_more.sql", "CREATE PUBLICATION p FOR ALL TABLES;\n")
                .Build();

            var exceptions = new List<Exception>();
            ImmutableArray<Diagnostic> diagnostics = await RunAsync(project, new ReplicaGuardAnalyzer(failing), exceptions, CancellationToken.None);

            Assert.AreEqual(0, exceptions.Count, "the analyzer let an exception escape: " + string.Join("\n", exceptions));
            Assert.IsFalse(diagnostics.Any(d => d.Id == "AD0001"), "AD0001 reported");
            Diagnostic failure = diagnostics.Single();
            Assert.AreEqual("RG9001", failure.Id);
            Assert.AreEqual(SqlProject.Root + FailingFile, failure.Location.GetLineSpan().Path);
            StringAssert.Contains(failure.GetMessage(CultureInfo.InvariantCulture), "injected engine failure");
        }

        [TestMethod]
        public async Task WithoutTheInjectedFailureTheSameProjectIsAnalysedNormally()
        {
            // Guards the test above: the RG9001 comes from the injected failure, not from the project.
            Project project = new SqlProject()
                .Sql("Migrations/0001_init.sql", "CREATE TABLE a (id int PRIMARY KEY);\n")
                .Sql(FailingFile, "CREATE TABLE b (id int);\n")
                .Sql("Migrations/0003_more.sql", "CREATE PUBLICATION p FOR ALL TABLES;\n")
                .Build();
            ImmutableArray<Diagnostic> diagnostics = await RunAsync(project, new ReplicaGuardAnalyzer(new ParseCache()), null, CancellationToken.None);
            Assert.IsFalse(diagnostics.Any(d => d.Id == "RG9001" || d.Id == "AD0001"), string.Join("\n", diagnostics));
            // Table b, created before the publication, is reported at the publication (see AnalyzerTests).
            Assert.IsTrue(diagnostics.Any(d => d.Id == "RG1001" && d.GetMessage(CultureInfo.InvariantCulture).Contains("\"b\"")), string.Join("\n", diagnostics));
        }

        [TestMethod]
        public async Task CancellationStopsALargeAnalysisPromptly()
        {
            // A few big files: each takes long to parse, so stopping promptly needs the parser's own checks.
            Project project = LargeProject(files: 4, statementsPerFile: 15_000);
            Compilation compilation = (await project.GetCompilationAsync())!;

            // Baseline: the same run, not cancelled, with a fresh cache so every file is parsed.
            var watch = Stopwatch.StartNew();
            ImmutableArray<Diagnostic> full = await RunAsync(compilation, project, new ReplicaGuardAnalyzer(new ParseCache()), null, CancellationToken.None);
            TimeSpan uncancelled = watch.Elapsed;
            Assert.IsTrue(full.Any(d => d.Id == "RG1001"), "the large project is analysed to the end when not cancelled");
            Assert.IsTrue(uncancelled > TimeSpan.FromSeconds(2), $"the uncancelled run must be long for this test to mean anything; it took {uncancelled}");

            using var cancellation = new CancellationTokenSource();
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
            watch.Restart();
            Exception? caught = null;
            try
            {
                await RunAsync(compilation, project, new ReplicaGuardAnalyzer(new ParseCache()), null, cancellation.Token);
            }
            catch (OperationCanceledException e)
            {
                caught = e;
            }
            TimeSpan cancelled = watch.Elapsed;
            Assert.IsNotNull(caught, $"no OperationCanceledException; the run finished after {cancelled}");
            Console.WriteLine($"uncancelled: {uncancelled}; cancelled after 50 ms: {cancelled}");
            Assert.IsTrue(cancelled < TimeSpan.FromSeconds(1), $"cancellation took {cancelled} (uncancelled: {uncancelled})");
        }

        [TestMethod]
        public void TheParserStopsWhenCancelledAndNotOtherwise()
        {
            var file = new ReplicaGuard.Text.SourceFile("big.sql", Statements(0, 1_000));
            using var cancellation = new CancellationTokenSource();
            Assert.AreEqual(1_000 + 1, Parser.Parse(file, AnalysisSettings.DefaultPostgresVersion, cancellation.Token).Statements.Count);
            cancellation.Cancel();
            Assert.ThrowsExactly<OperationCanceledException>(() => Parser.Parse(file, AnalysisSettings.DefaultPostgresVersion, cancellation.Token));
        }

        /// <summary>Files of keyless tables followed by one publication of them all; the last table has RG1001.</summary>
        private static Project LargeProject(int files, int statementsPerFile)
        {
            var project = new SqlProject();
            for (int f = 0; f < files; f++)
            {
                string name = "Migrations/" + (f + 1).ToString("D4", CultureInfo.InvariantCulture) + "_bulk.sql";
                project.Sql(name, Statements(f * statementsPerFile, statementsPerFile), expectedId: "none");
            }
            project.Sql("Migrations/9999_publish.sql", "CREATE PUBLICATION p FOR ALL TABLES;\n", expectedId: "none");
            return project.Build();
        }

        /// <summary><paramref name="count"/> small statements and a final keyless table; no [| markup.</summary>
        private static string Statements(int first, int count)
        {
            var text = new StringBuilder(count * 64);
            for (int i = first; i < first + count; i++)
            {
                text.Append("CREATE TABLE t").Append(i).Append(" (id bigint PRIMARY KEY, name text NOT NULL);\n");
            }
            return text.Append("CREATE TABLE keyless").Append(first).Append(" (a int);\n").ToString();
        }

        private static async Task<ImmutableArray<Diagnostic>> RunAsync(Project project, ReplicaGuardAnalyzer analyzer, List<Exception>? exceptions, CancellationToken cancellationToken)
        {
            Compilation compilation = (await project.GetCompilationAsync(cancellationToken))!;
            return await RunAsync(compilation, project, analyzer, exceptions, cancellationToken);
        }

        private static async Task<ImmutableArray<Diagnostic>> RunAsync(Compilation compilation, Project project, ReplicaGuardAnalyzer analyzer, List<Exception>? exceptions, CancellationToken cancellationToken)
        {
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                (exception, _, _) =>
                {
                    if (exceptions == null) throw new AssertFailedException("analyzer threw: " + exception);
                    lock (exceptions) exceptions.Add(exception);
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options);
            ImmutableArray<Diagnostic> all = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
            return all.Where(d => d.Id.StartsWith("RG", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray();
        }
    }
}
