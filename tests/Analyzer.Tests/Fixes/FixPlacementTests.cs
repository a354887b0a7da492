using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using static ReplicaGuard.Tests.RuleTestHost;

namespace ReplicaGuard.Tests
{
    /// <summary>Each fix applied to the text gives the exact expected text, and re-analysis no longer reports the table.</summary>
    [TestClass]
    public sealed class FixPlacementTests
    {
        private static string[] FixAndCheck(string[] files, string rule, string kind, AnalysisSettings? settings = null)
        {
            settings ??= Settings();
            Diagnostic d = Single(Analyze(settings, files), rule);
            string[] fixedFiles = ApplyFix(FixOfKind(d, kind), files);
            var again = Analyze(settings, fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal) && x.ObjectName == d.ObjectName), "still reported after the fix:\n" + fixedFiles[0] + "\n" + Describe(again));
            return fixedFiles;
        }

        [TestMethod]
        public void AddPrimaryKeyGoesInsideAOneLineCreate()
        {
            string[] files = { "CREATE TABLE v (version_num varchar(32) NOT NULL);\nCREATE PUBLICATION p FOR ALL TABLES;\n" };
            var d = Single(Analyze(files), "RG1001");
            string[] result = FixAndCheck(files, "RG1001", FixKinds.AddPrimaryKey);
            Assert.AreEqual("CREATE TABLE v (version_num varchar(32) NOT NULL, PRIMARY KEY (version_num));\nCREATE PUBLICATION p FOR ALL TABLES;\n", result[0]);
            StringAssert.Contains(d.Fixes.First(f => f.EquivalenceKey == FixKinds.AddPrimaryKey).Title, "fails if existing rows have duplicate values");
        }

        [TestMethod]
        public void AddPrimaryKeyInsideAMultiLineCreateKeepsIndentAndCrlf()
        {
            string[] files = { "CREATE TABLE t (\r\n    id bigint NOT NULL,\r\n    name text\r\n);\r\nCREATE PUBLICATION p FOR TABLE t;\r\n" };
            string[] result = FixAndCheck(files, "RG1001", FixKinds.AddPrimaryKey);
            Assert.AreEqual("CREATE TABLE t (\r\n    id bigint NOT NULL,\r\n    name text,\r\n    PRIMARY KEY (id)\r\n);\r\nCREATE PUBLICATION p FOR TABLE t;\r\n", result[0]);
        }

        [TestMethod]
        public void PromoteUniqueIndexGoesAfterTheIndex()
        {
            string[] files = { "CREATE TABLE t (code text NOT NULL);\nCREATE UNIQUE INDEX t_code ON t (code);\nCREATE PUBLICATION p FOR ALL TABLES;\n" };
            var d = Single(Analyze(files), "RG1001");
            Assert.AreEqual(FixKinds.PromoteIndexToPrimaryKey, d.Fixes[0].EquivalenceKey, "promoting comes first");
            string[] result = FixAndCheck(files, "RG1001", FixKinds.PromoteIndexToPrimaryKey);
            Assert.AreEqual("CREATE TABLE t (code text NOT NULL);\nCREATE UNIQUE INDEX t_code ON t (code);\nCREATE PUBLICATION p FOR ALL TABLES;\nALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_code;\n", result[0]);
        }

        [TestMethod]
        public void UsingIndexAndFullRightAfterCreate()
        {
            string[] files = { "CREATE TABLE t (a int NOT NULL, CONSTRAINT t_a UNIQUE (a));\nCREATE PUBLICATION p FOR ALL TABLES;\n" };
            string[] usingIndex = FixAndCheck(files, "RG1001", FixKinds.ReplicaIdentityUsingIndex);
            Assert.AreEqual("CREATE TABLE t (a int NOT NULL, CONSTRAINT t_a UNIQUE (a));\nALTER TABLE public.t REPLICA IDENTITY USING INDEX t_a;\nCREATE PUBLICATION p FOR ALL TABLES;\n", usingIndex[0]);
            string[] full = FixAndCheck(files, "RG1001", FixKinds.ReplicaIdentityFull);
            Assert.AreEqual("CREATE TABLE t (a int NOT NULL, CONSTRAINT t_a UNIQUE (a));\nALTER TABLE public.t REPLICA IDENTITY FULL;\nCREATE PUBLICATION p FOR ALL TABLES;\n", full[0]);
        }

        [TestMethod]
        public void TableInAnotherFileGetsTheFixAfterTheDiagnosedStatement()
        {
            string[] files = { "CREATE TABLE \"Order\" (a int);\n", "SELECT 1;\nCREATE PUBLICATION p FOR ALL TABLES;\nSELECT 2;\n" };
            string[] result = FixAndCheck(files, "RG1001", FixKinds.ReplicaIdentityFull);
            Assert.AreEqual(files[0], result[0]);
            Assert.AreEqual("SELECT 1;\nCREATE PUBLICATION p FOR ALL TABLES;\nALTER TABLE public.\"Order\" REPLICA IDENTITY FULL;\nSELECT 2;\n", result[1]);
        }

        [TestMethod]
        public void Rg1002FixGoesRightBeforeTheUpdate()
        {
            string[] files = { "CREATE TABLE v (n text);\nCREATE PUBLICATION p FOR ALL TABLES;\n", "BEGIN;\n  UPDATE v SET n = 'b';\nCOMMIT;\n" };
            var d = Single(Analyze(files), "RG1002");
            string[] result = ApplyFix(FixOfKind(d, FixKinds.ReplicaIdentityFull), files);
            Assert.AreEqual("BEGIN;\n  ALTER TABLE public.v REPLICA IDENTITY FULL;\n  UPDATE v SET n = 'b';\nCOMMIT;\n", result[1]);
            None(Analyze(result), "RG1002");
        }

        [TestMethod]
        public void LostIdentityIsFixedAfterTheStatementThatLostIt()
        {
            string[] files = { "CREATE TABLE t (id int PRIMARY KEY, b int);\nCREATE PUBLICATION p FOR ALL TABLES;\nALTER TABLE t DROP CONSTRAINT t_pkey;\n" };
            string[] result = FixAndCheck(files, "RG1001", FixKinds.AddPrimaryKey);
            Assert.AreEqual(files[0] + "ALTER TABLE public.t ADD PRIMARY KEY (id);\n", result[0]);
        }

        [TestMethod]
        public void NoFullUnderZeroNorWithAColumnList()
        {
            var zero = Single(Analyze(Settings("zero"), "CREATE TABLE t (a int);\n"), "RG1001");
            Assert.IsFalse(zero.Fixes.Any(f => f.EquivalenceKey == FixKinds.ReplicaIdentityFull));
            var list = Single(Analyze("CREATE TABLE t (a int, b int);\nCREATE PUBLICATION p FOR TABLE t (a, b);\n"), "RG1001");
            Assert.IsFalse(list.Fixes.Any(f => f.EquivalenceKey == FixKinds.ReplicaIdentityFull));
        }

        [TestMethod]
        public void RemoveFromExplicitList()
        {
            string[] two = { "CREATE TABLE t (a int);\nCREATE TABLE k (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE t, k;\n" };
            Assert.AreEqual("CREATE TABLE t (a int);\nCREATE TABLE k (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE k;\n", FixAndCheck(two, "RG1001", FixKinds.RemoveFromPublication)[0]);
            string[] last = { "CREATE TABLE t (a int);\nCREATE TABLE k (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE k, t WITH (publish = 'update');\n" };
            Assert.AreEqual("CREATE TABLE t (a int);\nCREATE TABLE k (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE k WITH (publish = 'update');\n", FixAndCheck(last, "RG1001", FixKinds.RemoveFromPublication)[0]);
            string[] alone = { "CREATE TABLE t (a int);\nCREATE PUBLICATION p;\nALTER PUBLICATION p ADD TABLE t;\n" };
            Assert.AreEqual("CREATE TABLE t (a int);\nCREATE PUBLICATION p;\n\n", FixAndCheck(alone, "RG1001", FixKinds.RemoveFromPublication)[0]);
        }

        [TestMethod]
        public void RemoveFromAListThatNamesTheTableTwice()
        {
            // PostgreSQL keeps one row for a table listed twice: removing one mention leaves it published.
            const string tables = "CREATE TABLE t (a int);\nCREATE TABLE k (id int PRIMARY KEY);\n";
            string[] both = { tables + "CREATE PUBLICATION p FOR TABLE ONLY public.t, k, t;\n" };
            Assert.AreEqual(tables + "CREATE PUBLICATION p FOR TABLE k;\n", FixAndCheck(both, "RG1001", FixKinds.RemoveFromPublication)[0]);
            string[] adjacent = { tables + "CREATE PUBLICATION p FOR TABLE k, t, TABLE t, k;\n" };
            Assert.AreEqual(tables + "CREATE PUBLICATION p FOR TABLE k, k;\n", FixAndCheck(adjacent, "RG1001", FixKinds.RemoveFromPublication)[0]);
            string[] first = { tables + "CREATE PUBLICATION p FOR TABLE t, public.t, k WITH (publish = 'delete');\n" };
            Assert.AreEqual(tables + "CREATE PUBLICATION p FOR TABLE k WITH (publish = 'delete');\n", FixAndCheck(first, "RG1001", FixKinds.RemoveFromPublication)[0]);
            string[] only = { tables + "CREATE PUBLICATION p;\nALTER PUBLICATION p ADD TABLE t, t;\n" };
            Assert.AreEqual(tables + "CREATE PUBLICATION p;\n\n", FixAndCheck(only, "RG1001", FixKinds.RemoveFromPublication)[0]);
        }

        [TestMethod]
        public void SuppressionFixesComeLastAndWork()
        {
            string[] files = { "CREATE TABLE t (a int);\n    CREATE PUBLICATION p FOR ALL TABLES;\n" };
            var d = Single(Analyze(files), "RG1001");
            Assert.AreEqual(FixKinds.SuppressFile, d.Fixes[d.Fixes.Count - 1].EquivalenceKey);
            Assert.AreEqual(FixKinds.SuppressStatement, d.Fixes[d.Fixes.Count - 2].EquivalenceKey);
            string[] statement = ApplyFix(FixOfKind(d, FixKinds.SuppressStatement), files);
            Assert.AreEqual("CREATE TABLE t (a int);\n    -- replicaguard-ignore RG1001\n    CREATE PUBLICATION p FOR ALL TABLES;\n", statement[0]);
            Assert.AreEqual(0, Analyze(statement).Count, Describe(Analyze(statement)));
            string[] file = ApplyFix(FixOfKind(d, FixKinds.SuppressFile), files);
            Assert.AreEqual("-- replicaguard-ignore-file RG1001\n" + files[0], file[0]);
            Assert.AreEqual(0, Analyze(file).Count, Describe(Analyze(file)));
        }

        [TestMethod]
        public void EveryReplicationDiagnosticHasATableFix()
        {
            var all = Analyze(Settings("postgres", 16, ("RG3001", Severity.Warning)),
                "CREATE TABLE a (x int);\nCREATE TABLE b (id int PRIMARY KEY, y int);\nCREATE TABLE c (x int);\nALTER TABLE c REPLICA IDENTITY FULL;\n"
                + "CREATE PUBLICATION p FOR TABLE a, c;\nCREATE PUBLICATION q FOR TABLE b WHERE (y > 0);\nUPDATE a SET x = 1;\n");
            foreach (var d in all.Where(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal) || x.Id.StartsWith("RG2", System.StringComparison.Ordinal) || x.Id == "RG3001"))
            {
                Assert.IsTrue(d.Fixes.Count(f => f.EquivalenceKey != FixKinds.SuppressFile && f.EquivalenceKey != FixKinds.SuppressStatement) > 0, "no real fix for " + d);
            }
            Assert.IsTrue(all.Any(x => x.Id == "RG1004") && all.Any(x => x.Id == "RG2001") && all.Any(x => x.Id == "RG1002"), Describe(all));
        }
    }
}
