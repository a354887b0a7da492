using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>A result's fixes are built when first read; they must be what building them at once gave.</summary>
    [TestClass]
    public sealed class LazyFixesTests
    {
        [TestMethod]
        public void FixesAreBuiltOnceOnTheFirstRead()
        {
            int built = 0;
            var file = new SourceFile("m/001.sql", "CREATE TABLE t (id int);\n");
            var fix = new CodeFix("title", new[] { new TextEdit(file, new TextSpan(0, 0), "x") }, "key");
            var diagnostic = new Diagnostic(RuleCatalog.RG1001, Severity.Error, "message", new Location(file, new TextSpan(0, 6)), "public.t", new Location[0], () =>
            {
                built++;
                return new[] { fix };
            });
            Assert.AreEqual(0, built);
            IReadOnlyList<CodeFix> first = diagnostic.Fixes;
            Assert.AreSame(first, diagnostic.Fixes);
            Assert.AreEqual(1, built);
            Assert.AreSame(fix, first[0]);
        }

        [TestMethod]
        public void FixesOfAnIncrementalResultReadFromSeveralThreadsAreThoseOfAFullAnalysis()
        {
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile>();
            for (int i = 0; i < 20; i++)
            {
                string n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                files.Add(Parser.Parse(new SourceFile("m/" + n + ".sql", "CREATE TABLE t" + n + " (id int NOT NULL, v text);\nCREATE UNIQUE INDEX u" + n + " ON t" + n + " (id);\n")));
            }
            files.Add(Parser.Parse(new SourceFile("m/pub.sql", "CREATE PUBLICATION p FOR ALL TABLES;\n")));
            AnalysisResult result = new IncrementalAnalysis(settings).Analyze(files);
            AnalysisResult full = Engine.Analyze(files, settings, FixBuilding.DuringAnalysis);
            Assert.AreEqual(full.Diagnostics.Count, result.Diagnostics.Count);
            Assert.IsTrue(result.Diagnostics.Count >= 20);
            var read = new IReadOnlyList<CodeFix>[result.Diagnostics.Count];
            Parallel.For(0, read.Length, i => read[i] = result.Diagnostics[i].Fixes);
            for (int i = 0; i < read.Length; i++)
            {
                Assert.AreSame(read[i], result.Diagnostics[i].Fixes, "built once");
                FixAssert.SameFixes(full.Diagnostics[i], result.Diagnostics[i]);
            }
        }

        [TestMethod]
        [DataRow("postgres", "RG1004", "CREATE TABLE t{0} (id int PRIMARY KEY, a int);\nCREATE PUBLICATION p{0} FOR TABLE t{0} WHERE (a > 0);\n")]
        [DataRow("postgres", "RG1004", "CREATE TABLE t{0} (id int PRIMARY KEY, a int);\nCREATE PUBLICATION p{0} FOR TABLE t{0} (a);\n")]
        [DataRow("zero", "RG2001", "CREATE TABLE t{0} (id int NOT NULL, b int);\nALTER TABLE t{0} REPLICA IDENTITY FULL;\nCREATE PUBLICATION p{0} FOR TABLE t{0};\n")]
        [DataRow("pglogical", "RG2001", "CREATE TABLE t{0} (a int NOT NULL, b int);\nCREATE UNIQUE INDEX u{0} ON t{0} (a) WHERE b > 0;\nALTER TABLE t{0} REPLICA IDENTITY FULL;\nCREATE PUBLICATION p{0} FOR TABLE t{0};\n")]
        [DataRow("postgres", "RG2002", "CREATE TABLE t{0} (id int PRIMARY KEY, v text);\nALTER TABLE t{0} REPLICA IDENTITY FULL;\n")]
        [DataRow("postgres", "RG3001", "CREATE TABLE t{0} (id int NOT NULL, v text);\nALTER TABLE t{0} ADD COLUMN w int;\n")]
        // RG1002 and RG1003 build their fixes from the replay's fix history, which an incremental analysis does not keep.
        [DataRow("postgres", "RG1002", "CREATE TABLE t{0} (id int NOT NULL, v text);\nCREATE PUBLICATION p{0} FOR TABLE t{0};\nUPDATE t{0} SET v = 'x';\nALTER TABLE t{0} ADD COLUMN w int;\n")]
        [DataRow("postgres", "RG1003", "CREATE TABLE t{0} (id int, v text);\nCREATE UNIQUE INDEX u{0} ON t{0} (id);\nALTER TABLE t{0} REPLICA IDENTITY USING INDEX u{0};\nALTER TABLE t{0} ADD COLUMN w int;\n")]
        public void DeferredFixesAreThoseOfAnAnalysisThatBuildsThemAtOnce(string profile, string rule, string template)
        {
            var settings = new AnalysisSettings { Profile = profile };
            settings.RuleSeverities["RG3001"] = Severity.Warning;
            var files = new List<ParsedFile>();
            for (int i = 0; i < 6; i++)
            {
                string n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                files.Add(Parser.Parse(new SourceFile("m/" + n + ".sql", string.Format(System.Globalization.CultureInfo.InvariantCulture, template, n))));
            }
            var incremental = new IncrementalAnalysis(settings);
            incremental.Analyze(files);
            // An edit of the middle file: the final pass runs again on a rolled-back and re-replayed catalog.
            files[3] = Parser.Parse(new SourceFile("m/3.sql", "-- edited\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "3")));
            AnalysisResult incrementalResult = incremental.Analyze(files);
            AnalysisResult oneShot = Engine.Analyze(files, settings, FixBuilding.OnFirstRead);
            AnalysisResult full = Engine.Analyze(files, settings, FixBuilding.DuringAnalysis);
            foreach (AnalysisResult result in new[] { incrementalResult, oneShot })
            {
                Assert.AreEqual(full.Diagnostics.Count, result.Diagnostics.Count);
                int fired = 0, ownFixes = 0;
                for (int i = 0; i < full.Diagnostics.Count; i++)
                {
                    Diagnostic expected = full.Diagnostics[i], actual = result.Diagnostics[i];
                    Assert.AreEqual(expected.Id, actual.Id);
                    Assert.AreEqual(expected.Message, actual.Message);
                    fired += actual.Id == rule ? 1 : 0;
                    ownFixes += actual.Id == rule && actual.Fixes.Count > 2 ? 1 : 0; // more than the two suppressions
                    FixAssert.SameFixes(expected, actual);
                }
                Assert.AreEqual(6, fired, rule + " fires on every file's table");
                Assert.AreEqual(6, ownFixes, "the rule's own fixes, not only the suppressions");
            }
        }

        [TestMethod]
        public void AOneShotAnalysisKeepsNoFixHistoryUnlessAskedToBuildFixesAtOnce()
        {
            var files = new List<ParsedFile>
            {
                Parser.Parse(new SourceFile("m/1.sql", "CREATE TABLE t (id int NOT NULL, v text);\nCREATE PUBLICATION p FOR TABLE t;\n")),
                Parser.Parse(new SourceFile("m/2.sql", "UPDATE t SET v = 'x';\nALTER TABLE t ADD COLUMN w int;\n")),
            };
            var settings = new AnalysisSettings();
            AnalysisResult byDefault = Engine.Analyze(files, settings);
            AnalysisResult atOnce = Engine.Analyze(files, settings, FixBuilding.DuringAnalysis);
            Assert.AreEqual("RG1001 RG1002", string.Join(" ", byDefault.Diagnostics.Select(d => d.Id)));
            Assert.IsTrue(byDefault.Diagnostics.All(d => d.FixesAwaitAnotherReplay), "Engine.Analyze builds fixes on the first read");
            Assert.IsFalse(atOnce.Diagnostics.Any(d => d.FixesAwaitAnotherReplay), "DuringAnalysis builds them with the results");
            for (int i = 0; i < atOnce.Diagnostics.Count; i++)
            {
                FixAssert.SameFixes(atOnce.Diagnostics[i], byDefault.Diagnostics[i]);
                Assert.IsFalse(byDefault.Diagnostics[i].FixesAwaitAnotherReplay, "read once, kept");
            }
            // The sources' own overload does the same as the parsed files' one.
            Assert.IsTrue(Engine.Analyze(new[] { files[0].File, files[1].File }, settings).Diagnostics.All(d => d.FixesAwaitAnotherReplay));
        }

        [TestMethod]
        public void AReportedResultHasTheRulesFixesAsTheyWereThenFollowedByTheSuppressions()
        {
            var file = new SourceFile("m/001.sql", "CREATE TABLE a (id int);\n  CREATE TABLE t (id int);\n");
            var context = new RuleContext(new AnalysisSettings());
            var own = new CodeFix("Add a primary key", new[] { new TextEdit(file, new TextSpan(50, 0), "ALTER TABLE t ADD PRIMARY KEY (id);\n") }, "key");
            var fixes = new List<CodeFix> { own };
            context.Report(RuleCatalog.RG1001, "message", new Location(file, new TextSpan(27, 12)), "public.t", null, fixes);
            fixes.Clear(); // a rule reusing its list after reporting changes nothing
            IReadOnlyList<CodeFix> read = context.Diagnostics[0].Fixes;
            Assert.AreEqual(3, read.Count);
            Assert.AreSame(own, read[0]);
            Assert.AreEqual("Suppress RG1001 for this statement", read[1].Title);
            Assert.AreEqual("  -- replicaguard-ignore RG1001\n", read[1].Edits[0].NewText);
            Assert.AreEqual(new TextSpan(25, 0), read[1].Edits[0].Span);
            Assert.AreEqual("Suppress RG1001 for this file", read[2].Title);
            Assert.AreEqual("-- replicaguard-ignore-file RG1001\n", read[2].Edits[0].NewText);
        }
    }
}
