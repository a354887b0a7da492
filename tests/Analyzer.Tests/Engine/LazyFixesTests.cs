using System.Collections.Generic;
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
            AnalysisResult full = Engine.Analyze(files, settings);
            Assert.AreEqual(full.Diagnostics.Count, result.Diagnostics.Count);
            Assert.IsTrue(result.Diagnostics.Count >= 20);
            var read = new IReadOnlyList<CodeFix>[result.Diagnostics.Count];
            Parallel.For(0, read.Length, i => read[i] = result.Diagnostics[i].Fixes);
            for (int i = 0; i < read.Length; i++)
            {
                Assert.AreSame(read[i], result.Diagnostics[i].Fixes, "built once");
                Assert.AreEqual(full.Diagnostics[i].Fixes.Count, read[i].Count);
                for (int f = 0; f < read[i].Count; f++)
                {
                    Assert.AreEqual(full.Diagnostics[i].Fixes[f].Title, read[i][f].Title);
                    Assert.AreEqual(full.Diagnostics[i].Fixes[f].Edits[0].NewText, read[i][f].Edits[0].NewText);
                }
            }
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
