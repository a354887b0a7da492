using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Migrations;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>Reproducers of crashes and hangs the fuzzer found, minimised; each was a bug fixed in the engine.</summary>
    [TestClass]
    public sealed class FuzzFoundBugTests
    {
        internal static AnalysisResult Analyze(params string[] texts)
        {
            var settings = new AnalysisSettings();
            settings.Publications.Add(new PublicationDeclaration("all") { AllTables = true });
            var files = new List<SourceFile>();
            for (int i = 0; i < texts.Length; i++)
            {
                files.Add(SourcePreparation.Prepare($"{i + 1:000}.sql", texts[i], settings.Placeholders));
            }
            return Bounded.Run(() => Engine.Analyze(files, settings), TimeSpan.FromSeconds(20));
        }

        [TestMethod]
        public void ArrayTypeInAlterTableAddColumnDoesNotHang()
        {
            // SkipParens ignored '[' while its callers skipped only on '(' or '[': the cursor never moved.
            AnalysisResult result = Analyze("CREATE TABLE users (id int PRIMARY KEY);\nALTER TABLE users ADD COLUMN payload int[], ADD COLUMN tags text[] NOT NULL DEFAULT '{}';");
            Assert.AreEqual(0, result.Diagnostics.Count, FuzzHarness.Render(result));
            Assert.IsNotNull(result.Catalog);
        }

        [TestMethod]
        public void InheritanceCycleIsRejectedInsteadOfOverflowingTheStack()
        {
            // ALTER TABLE a INHERIT c, with c already below a, made a cycle; SET NOT NULL then recursed forever.
            AnalysisResult result = Analyze(
                "CREATE TABLE a (id int);\nCREATE TABLE b (id int) INHERITS (a);\nCREATE TABLE c (id int) INHERITS (b);\n" +
                "ALTER TABLE a INHERIT c;\nALTER TABLE a ALTER COLUMN id SET NOT NULL;\nALTER TABLE a ADD PRIMARY KEY (id);");
            Assert.AreEqual(1, result.Rejected.Count, FuzzHarness.Render(result));
            StringAssert.Contains(result.Rejected[0].Message, "circular inheritance not allowed");
            Assert.AreEqual(4, result.Rejected[0].Statement.HeadLocation.LineSpan.Start.Line + 1);
            Assert.IsTrue(result.Catalog != null);
        }

        [TestMethod]
        public void NewTableNamingItselfAsParentIsRejectedInsteadOfOverflowingTheStack()
        {
            // The new table was in the catalog before its INHERITS / PARTITION OF names were looked up, so it
            // became its own parent; SET NOT NULL then recursed forever. PostgreSQL: the relation does not exist yet.
            AnalysisResult result = Analyze(
                "CREATE TABLE users (id int) INHERITS (users);\n" +
                "CREATE TABLE m (id int) PARTITION BY RANGE (id);\nCREATE TABLE p PARTITION OF p FOR VALUES FROM (1) TO (2) PARTITION BY RANGE (id);\n" +
                "CREATE TABLE l (LIKE l);\n" +
                "ALTER TABLE users ALTER COLUMN id SET NOT NULL;\nALTER TABLE p ALTER COLUMN id SET NOT NULL;");
            string rendering = FuzzHarness.Render(result);
            Assert.AreEqual(5, result.Rejected.Count, rendering);
            StringAssert.Contains(result.Rejected[0].Message, "relation \"users\" does not exist");
            StringAssert.Contains(result.Rejected[1].Message, "relation \"p\" does not exist");
            StringAssert.Contains(result.Rejected[2].Message, "relation \"l\" does not exist");
        }

        [TestMethod]
        public void SetNotNullOnADeepInheritanceChainDoesNotRecursePerLevel()
        {
            // SET NOT NULL walked the tree recursively: one stack frame per level overflowed a 1 MB IDE stack.
            var text = new System.Text.StringBuilder("CREATE TABLE t0 (id int);\n");
            for (int i = 1; i <= 20_000; i++) text.Append("CREATE TABLE t").Append(i).Append(" () INHERITS (t").Append(i - 1).Append(");\n");
            text.Append("ALTER TABLE t0 ALTER COLUMN id SET NOT NULL;\n");
            AnalysisResult result = Bounded.Run(() => AnalyzeUnbounded(text.ToString()), TimeSpan.FromSeconds(60), 256 * 1024);
            Assert.AreEqual(0, result.Rejected.Count, FuzzHarness.Render(result));
        }

        [TestMethod]
        public void SetNotNullOnAnInheritanceLatticeVisitsEachTableOnce()
        {
            // 40 layers of two tables, each inheriting from both above: walking every path is 2^40 visits.
            var text = new System.Text.StringBuilder("CREATE TABLE a0 (id int);\nCREATE TABLE b0 (id int);\n");
            for (int i = 1; i <= 40; i++)
            {
                text.Append("CREATE TABLE a").Append(i).Append(" () INHERITS (a").Append(i - 1).Append(", b").Append(i - 1).Append(");\n");
                text.Append("CREATE TABLE b").Append(i).Append(" () INHERITS (a").Append(i - 1).Append(", b").Append(i - 1).Append(");\n");
            }
            text.Append("ALTER TABLE a0 ALTER COLUMN id SET NOT NULL;\n");
            AnalysisResult result = Analyze(text.ToString());
            Assert.AreEqual(0, result.Rejected.Count, FuzzHarness.Render(result));
        }

        private static AnalysisResult AnalyzeUnbounded(string text)
        {
            var settings = new AnalysisSettings();
            return Engine.Analyze(new[] { SourcePreparation.Prepare("001.sql", text, settings.Placeholders) }, settings);
        }

        [TestMethod]
        public void ArrayTypeInCreateTableDoesNotHang()
        {
            AnalysisResult result = Analyze("CREATE TABLE t (a int[], b numeric(3)[2], c text[][]);");
            Assert.AreEqual(1, result.Diagnostics.Count, FuzzHarness.Render(result));
            Assert.AreEqual("RG1001", result.Diagnostics[0].Id);
        }
    }
}
