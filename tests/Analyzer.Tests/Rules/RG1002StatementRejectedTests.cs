using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;
using static ReplicaGuard.Tests.RuleTestHost;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class RG1002StatementRejectedTests
    {
        private const string Published = "CREATE TABLE v (version_num text NOT NULL);\nCREATE PUBLICATION p FOR ALL TABLES;\n";

        [TestMethod]
        public void AlembicUpdateAfterPublicationIsRejected()
        {
            var d = Single(Analyze(Published + "UPDATE v SET version_num = 'b' WHERE version_num = 'a';\n"), "RG1002");
            StringAssert.Contains(d.Message, "cannot update table \"v\" because it does not have a replica identity and publishes updates");
            StringAssert.Contains(d.Message, "\"p\"");
            Assert.AreEqual("public.v", d.ObjectName);
            Assert.AreEqual(Severity.Error, d.Severity);
            Assert.AreEqual(3, d.Location.LineSpan.Start.Line + 1);
        }

        [TestMethod]
        [DataRow("UPDATE v SET nope = 'b';")]
        [DataRow("UPDATE v AS x SET version_num = 'a', nope = 'b' WHERE x.version_num = 'a';")]
        [DataRow("UPDATE ONLY v SET (version_num, nope) = ('a', 'b');")]
        [DataRow("UPDATE v SET nope[1] = 'b' FROM v w WHERE true;")]
        [DataRow("INSERT INTO v VALUES ('a') ON CONFLICT (version_num) DO UPDATE SET nope = 'b';")]
        [DataRow("WITH x AS (UPDATE v SET nope = 'b' RETURNING 1) DELETE FROM v;")]
        [DataRow("MERGE INTO v AS t USING (SELECT 1) s ON true WHEN MATCHED AND t.version_num = 'a' THEN UPDATE SET version_num = CASE WHEN true THEN 'a' END WHEN MATCHED THEN UPDATE SET nope = 'b';")]
        public void UpdateOfAMissingColumnFailsInParseAnalysisNotOnTheIdentity(string dml)
        {
            AnalysisResult result = Engine.Analyze(new[] { new SourceFile("m1.sql", Published + dml + "\n") }, Settings());
            None(result.Diagnostics, "RG1002");
            Assert.AreEqual(1, result.Rejected.Count);
            Assert.AreEqual("column \"nope\" of relation \"v\" does not exist", result.Rejected[0].Message);
        }

        [TestMethod]
        public void UpdateOfExistingColumnsWithCommasInValuesIsStillRejectedOnTheIdentity()
        {
            Single(Analyze(Published + "MERGE INTO v USING (SELECT 1) s ON true WHEN MATCHED THEN UPDATE SET version_num = lower(version_num, nope()) WHEN NOT MATCHED THEN INSERT VALUES ('a');\n"), "RG1002");
            Single(Analyze(Published + "UPDATE v SET \"version_num\" = format('%s', upper(version_num)) || ARRAY['x', lower(version_num)]::text WHERE version_num IN ('a', 'b');\n"), "RG1002");
        }

        [TestMethod]
        public void UpdateBeforeThePublicationIsFine()
        {
            None(Analyze("CREATE TABLE v (a int);\nUPDATE v SET a = 1;\nCREATE PUBLICATION p FOR ALL TABLES;\n"), "RG1002");
        }

        [TestMethod]
        public void DeleteGivesTheDeleteMessage()
        {
            var d = Single(Analyze(Published + "DELETE FROM v;\n"), "RG1002");
            StringAssert.Contains(d.Message, "cannot delete from table \"v\" because it does not have a replica identity and publishes deletes");
        }

        [TestMethod]
        public void InsertOnlyPublicationNeverFails()
        {
            None(Analyze("CREATE TABLE v (a int);\nCREATE PUBLICATION p FOR ALL TABLES WITH (publish = 'insert');\nUPDATE v SET a = 1;\nDELETE FROM v;\n"), "RG1002");
        }

        [TestMethod]
        public void PlainInsertIsNotCheckedButUpsertIs()
        {
            None(Analyze(Published + "INSERT INTO v VALUES ('a');\n"), "RG1002");
            Single(Analyze(Published + "INSERT INTO v VALUES ('a') ON CONFLICT (version_num) DO UPDATE SET version_num = 'b';\n"), "RG1002");
        }

        [TestMethod]
        public void MergeWithDeleteAndDataModifyingCte()
        {
            Single(Analyze(Published + "MERGE INTO v USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE;\n"), "RG1002");
            Single(Analyze(Published + "WITH x AS (DELETE FROM v RETURNING 1) SELECT * FROM x;\n"), "RG1002");
        }

        [TestMethod]
        public void PartitionedTargetChecksEveryLeaf()
        {
            string sql = "CREATE TABLE m (id int, k int) PARTITION BY LIST (k);\n"
                + "CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1);\n"
                + "CREATE PUBLICATION p FOR TABLE m;\n"
                + "UPDATE m SET id = 2;\n";
            var d = Single(Analyze(sql), "RG1002");
            Assert.AreEqual("public.m1", d.ObjectName);
            StringAssert.Contains(d.Message, "partition of public.m");
        }

        [TestMethod]
        public void OnlySkipsInheritanceChildren()
        {
            string sql = "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child () INHERITS (parent);\nCREATE PUBLICATION p FOR ALL TABLES;\n";
            Single(Analyze(sql + "UPDATE parent SET id = 2;\n"), "RG1002");
            None(Analyze(sql + "UPDATE ONLY parent SET id = 2;\n"), "RG1002");
        }

        [TestMethod]
        public void RowFilterFailureCarriesTheDetail()
        {
            string sql = "CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE PUBLICATION p FOR TABLE t WHERE (a > 0);\nUPDATE t SET a = 1;\n";
            var d = Single(Analyze(sql), "RG1002");
            StringAssert.Contains(d.Message, "Column used in the publication WHERE expression is not part of the replica identity.");
        }

        [TestMethod]
        public void UpdateThroughASimpleViewIsCheckedOnItsTable()
        {
            // A rule for UPDATE replaces the update of ruled, not its DELETE; a join is not auto-updatable.
            string history = Published + "CREATE VIEW vv AS SELECT * FROM v;\n"
                + "CREATE VIEW joined AS SELECT v.version_num FROM v, v AS w;\nCREATE VIEW ruled AS SELECT version_num FROM ONLY v WHERE true WITH CHECK OPTION;\n"
                + "CREATE RULE r AS ON UPDATE TO ruled DO INSTEAD NOTHING;\n"
                + "UPDATE vv SET version_num = 'b';\nUPDATE joined SET version_num = 'b';\nUPDATE ruled SET version_num = 'b';\nDELETE FROM ruled;\n";
            AnalysisResult result = Engine.Analyze(new[] { new SourceFile("m1.sql", history + "UPDATE vv SET nope = 1;\n") }, Settings());
            var lines = Only(result.Diagnostics, "RG1002").Select(d => d.Location.LineSpan.Start.Line + 1).ToList();
            CollectionAssert.AreEqual(new[] { 7, 10 }, lines, Describe(result.Diagnostics));
            StringAssert.Contains(Only(result.Diagnostics, "RG1002")[0].Message, "This UPDATE on public.v through view public.vv will fail");
            Assert.AreEqual("column \"nope\" of relation \"vv\" does not exist", result.Rejected.Single().Message);
        }

        [TestMethod]
        public void KeyedTableIsFine()
        {
            None(Analyze("CREATE TABLE v (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR ALL TABLES;\nUPDATE v SET id = 1;\n"), "RG1002");
        }
    }
}
