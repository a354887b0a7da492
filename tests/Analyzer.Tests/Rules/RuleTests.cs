using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using static ReplicaGuard.Tests.RuleTestHost;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class RG1003InvalidIdentityIndexTests
    {
        [TestMethod]
        [DataRow("CREATE INDEX i ON t (id);", "cannot use non-unique index \"i\" as replica identity")]
        [DataRow("CREATE UNIQUE INDEX i ON t (id) WHERE id > 0;", "cannot use partial index \"i\" as replica identity")]
        [DataRow("CREATE UNIQUE INDEX i ON t (lower(b));", "cannot use expression index \"i\" as replica identity")]
        [DataRow("CREATE UNIQUE INDEX i ON t (b);", "index \"i\" cannot be used as replica identity because column \"b\" is nullable")]
        [DataRow("ALTER TABLE t ADD CONSTRAINT i UNIQUE (id) DEFERRABLE;", "cannot use non-immediate index \"i\" as replica identity")]
        [DataRow("SELECT 1;", "index \"i\" for table \"t\" does not exist")]
        [DataRow("CREATE TABLE o (id int NOT NULL); CREATE UNIQUE INDEX i ON o (id);", "\"i\" is not an index for table \"t\"")]
        public void ReplicaIdentityUsingIndexGivesPostgresReason(string index, string reason)
        {
            string sql = "CREATE TABLE t (id int NOT NULL, b text);\n" + index + "\nALTER TABLE t REPLICA IDENTITY USING INDEX i;\n";
            var d = Single(Analyze(sql), "RG1003");
            StringAssert.Contains(d.Message, reason);
            Assert.AreEqual("REPLICA IDENTITY USING INDEX i", TextAt(d));
        }

        [TestMethod]
        public void PrimaryKeyUsingPartialIndex()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE UNIQUE INDEX i ON t (id) WHERE id > 0;\nALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX i;\n"), "RG1003");
            StringAssert.Contains(d.Message, "\"i\" is a partial index");
        }

        [TestMethod]
        [DataRow("CREATE TABLE t (id int PRIMARY KEY, b int);", "PRIMARY KEY", "column \"b\" appears twice in primary key constraint")]
        [DataRow("CREATE TABLE t (id int, b int);", "PRIMARY KEY", "column \"b\" appears twice in primary key constraint")]
        [DataRow("CREATE TABLE t (id int PRIMARY KEY, b int);", "UNIQUE", "column \"b\" appears twice in unique constraint")]
        public void UsingIndexThatNamesAColumnTwiceFailsBeforeMultiplePrimaryKeys(string table, string kind, string reason)
        {
            var d = Single(Analyze(table + "\nCREATE UNIQUE INDEX i ON t (b, b);\nALTER TABLE t ADD CONSTRAINT k " + kind + " USING INDEX i;\n"), "RG1003");
            StringAssert.Contains(d.Message, reason);
        }

        [TestMethod]
        public void AcceptedIndexIsNotReported()
        {
            None(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE UNIQUE INDEX i ON t (id);\nALTER TABLE t REPLICA IDENTITY USING INDEX i;\n"), "RG1003");
        }

        [TestMethod]
        public void NullableColumnOffersSetNotNullBeforeTheStatement()
        {
            string[] files = { "CREATE TABLE t (id int NOT NULL, b text);\nCREATE UNIQUE INDEX i ON t (b);\nALTER TABLE t REPLICA IDENTITY USING INDEX i;\n" };
            var d = Single(Analyze(files), "RG1003");
            string[] fixedFiles = ApplyFix(FixOfKind(d, "ReplicaGuard.SetNotNull"), files);
            Assert.AreEqual("CREATE TABLE t (id int NOT NULL, b text);\nCREATE UNIQUE INDEX i ON t (b);\nALTER TABLE public.t ALTER COLUMN b SET NOT NULL;\nALTER TABLE t REPLICA IDENTITY USING INDEX i;\n", fixedFiles[0]);
            None(Analyze(fixedFiles), "RG1003");
        }
    }

    [TestClass]
    public sealed class TableRepairFixTests
    {
        // t is published and the REPLICA IDENTITY USING INDEX meant to give it an identity is rejected (nullable b).
        private static readonly string[] RejectedIdentity =
        {
            "CREATE TABLE t (id int NOT NULL, b text);\nCREATE UNIQUE INDEX i ON t (b);\nCREATE PUBLICATION p FOR TABLE t;\nALTER TABLE t REPLICA IDENTITY USING INDEX i;\n",
        };

        [TestMethod]
        public void RejectedIdentityOnATableWithoutIdentityIsReplacedByTheRepair()
        {
            var d = Single(Analyze(RejectedIdentity), "RG1003");
            Assert.AreEqual("ReplicaGuard.AddPrimaryKey", d.Fixes[0].EquivalenceKey);
            StringAssert.Contains(d.Fixes[0].Title, "in place of the statement PostgreSQL rejects");
            string[] fixedFiles = ApplyFix(d.Fixes[0], RejectedIdentity);
            Assert.AreEqual("CREATE TABLE t (id int NOT NULL, b text);\nCREATE UNIQUE INDEX i ON t (b);\nCREATE PUBLICATION p FOR TABLE t;\nALTER TABLE public.t ADD PRIMARY KEY (b);\n", fixedFiles[0]);
            var again = Analyze(fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == "ReplicaGuard.RemoveRejectedStatement"), "deleting alone leaves RG1001");
        }

        [TestMethod]
        public void MissingIdentityFixAlsoDeletesTheRejectedStatement()
        {
            var d = Single(Analyze(RejectedIdentity), "RG1001");
            string[] fixedFiles = ApplyFix(d.Fixes[0], RejectedIdentity);
            var again = Analyze(fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void RemovingTheFirstTableBeforeTablesInSchemaDropsTheTableKeyword()
        {
            string[] files = { "CREATE SCHEMA s;\nCREATE TABLE t (id int);\nCREATE PUBLICATION p FOR TABLE t, TABLES IN SCHEMA s;\n" };
            var d = Single(Analyze(files), "RG1001");
            string[] fixedFiles = ApplyFix(FixOfKind(d, "ReplicaGuard.RemoveFromPublication"), files);
            Assert.AreEqual("CREATE SCHEMA s;\nCREATE TABLE t (id int);\nCREATE PUBLICATION p FOR TABLES IN SCHEMA s;\n", fixedFiles[0]);
        }

        [TestMethod]
        public void NoRemovalOfAnInheritanceChildItsParentPublishes()
        {
            var d = Single(Analyze("CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE c (x int) INHERITS (a);\nCREATE PUBLICATION p FOR TABLE a, c;\n"), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == "ReplicaGuard.RemoveFromPublication"), "a (without ONLY) publishes c again");
        }

        [TestMethod]
        public void StatementFixAddsNoSecondPrimaryKey()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\nALTER TABLE t ADD PRIMARY KEY (id);\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == "ReplicaGuard.AddPrimaryKey" || f.EquivalenceKey == "ReplicaGuard.PromoteIndexToPrimaryKey"), "the later ADD PRIMARY KEY would fail");
            Assert.AreEqual("ReplicaGuard.ReplicaIdentityFull", d.Fixes[0].EquivalenceKey);
        }

        [TestMethod]
        public void StatementFixMakesNoKeyOfAColumnALaterStatementMakesNullable()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL, a int NOT NULL);\nCREATE UNIQUE INDEX t_a ON t (a);\nCREATE PUBLICATION p FOR TABLE t;\n"
                + "DELETE FROM t;\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;\n"), "RG1002");
            string[] kinds = d.Fixes.Select(f => f.EquivalenceKey + ": " + f.Title).ToArray();
            Assert.IsFalse(d.Fixes.Any(f => f.Title.Contains("t_a")), "DROP NOT NULL fails on a key or identity-index column:\n" + string.Join("\n", kinds));
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == "ReplicaGuard.AddPrimaryKey" && f.Title.Contains("(id)")), "a key on another column stays:\n" + string.Join("\n", kinds));
        }

        [TestMethod]
        public void StatementFixKeepsKeyFixesWhenTheNullableColumnIsDroppedBefore()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL, a int NOT NULL);\nCREATE UNIQUE INDEX t_a ON t (a);\nCREATE PUBLICATION p FOR TABLE t;\n"
                + "ALTER TABLE t ALTER COLUMN id DROP NOT NULL;\nDELETE FROM t;\n"), "RG1002");
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == "ReplicaGuard.PromoteIndexToPrimaryKey"), "only a later DROP NOT NULL matters");
        }
    }

    [TestClass]
    public sealed class RG1004FilterOrColumnListTests
    {
        [TestMethod]
        public void RowFilterOutsideIdentityAtTheListItem()
        {
            var d = Single(Analyze("CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE PUBLICATION p FOR TABLE t WHERE (a > 0);\n"), "RG1004");
            Assert.AreEqual("TABLE t WHERE (a > 0)", TextAt(d));
            StringAssert.Contains(d.Message, "Column used in the publication WHERE expression is not part of the replica identity.");
            StringAssert.Contains(d.Message, "\"p\"");
        }

        [TestMethod]
        public void ColumnListWithoutKeyColumn()
        {
            var d = Single(Analyze("CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE PUBLICATION p FOR TABLE t (a);\n"), "RG1004");
            StringAssert.Contains(d.Message, "Column list used by the publication does not cover the replica identity.");
        }

        [TestMethod]
        public void FullWithAnyColumnListFails()
        {
            var d = Single(Analyze("CREATE TABLE t (id int, a int);\nALTER TABLE t REPLICA IDENTITY FULL;\nCREATE PUBLICATION p FOR TABLE t (id, a);\n"), "RG1004");
            StringAssert.Contains(d.Message, "never fits REPLICA IDENTITY FULL");
        }

        [TestMethod]
        public void FittingFilterInsertOnlyPublicationAndOldVersionsAreFine()
        {
            None(Analyze("CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE PUBLICATION p FOR TABLE t (id, a) WHERE (id > 0);\n"), "RG1004");
            None(Analyze("CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE PUBLICATION p FOR TABLE t WHERE (a > 0) WITH (publish = 'insert');\n"), "RG1004");
        }

        [TestMethod]
        public void FixUsingAFittingIndexRemovesIt()
        {
            string[] files = { "CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL);\nCREATE UNIQUE INDEX t_a ON t (a);\nCREATE PUBLICATION p FOR TABLE t WHERE (a > 0);\n" };
            var d = Single(Analyze(files), "RG1004");
            string[] fixedFiles = ApplyFix(d.Fixes[0], files);
            Assert.AreEqual("ReplicaGuard.ReplicaIdentityUsingIndex", d.Fixes[0].EquivalenceKey);
            None(Analyze(fixedFiles), "RG1004");
            None(Analyze(fixedFiles), "RG1001");
        }
    }

    [TestClass]
    public sealed class RG2001NoKeyForConsumersTests
    {
        private const string FullTable = "CREATE TABLE t (a int, b int);\nALTER TABLE t REPLICA IDENTITY FULL;\nCREATE PUBLICATION p FOR ALL TABLES;\n";

        [TestMethod]
        public void FullWithoutKeyIsAWarning()
        {
            var d = Single(Analyze(FullTable), "RG2001");
            Assert.AreEqual(Severity.Warning, d.Severity);
            None(Analyze(FullTable), "RG1001");
        }

        [TestMethod]
        public void ZeroAndPglogicalMakeItAnError()
        {
            Assert.AreEqual(Severity.Error, Single(Analyze(Settings("zero"), FullTable), "RG2001").Severity);
            Assert.AreEqual(Severity.Error, Single(Analyze(Settings("pglogical"), FullTable), "RG2001").Severity);
        }

        [TestMethod]
        public void IdentityIndexOnNullableUniqueIsNotAKeyButNotNullUniqueIs()
        {
            None(Analyze("CREATE TABLE t (a int NOT NULL);\nCREATE UNIQUE INDEX u ON t (a);\nALTER TABLE t REPLICA IDENTITY USING INDEX u;\nCREATE PUBLICATION p FOR ALL TABLES;\n"), "RG2001");
            None(Analyze("CREATE TABLE t (a int NOT NULL, b int);\nCREATE UNIQUE INDEX u ON t (a);\nALTER TABLE t REPLICA IDENTITY FULL;\nCREATE PUBLICATION p FOR ALL TABLES;\n"), "RG2001");
        }

        [TestMethod]
        public void UnpublishedTableIsNotReported()
        {
            None(Analyze("CREATE TABLE t (a int);\nALTER TABLE t REPLICA IDENTITY FULL;\n"), "RG2001");
        }

        [TestMethod]
        public void RuleSeverityNoneTurnsItOff()
        {
            None(Analyze(Settings("zero", 16, ("RG2001", Severity.None)), FullTable), "RG2001");
        }
    }

    [TestClass]
    public sealed class RG2002FullIdentityWithKeyTests
    {
        [TestMethod]
        public void FullOnKeyedTableIsASuggestionAtTheAlter()
        {
            string[] files = { "CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t REPLICA IDENTITY FULL;\n" };
            var d = Single(Analyze(files), "RG2002");
            Assert.AreEqual(Severity.Suggestion, d.Severity);
            Assert.AreEqual(2, d.Location.LineSpan.Start.Line + 1);
            string[] fixedFiles = ApplyFix(d.Fixes[0], files);
            Assert.AreEqual("CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t REPLICA IDENTITY FULL;\nALTER TABLE public.t REPLICA IDENTITY DEFAULT;\n", fixedFiles[0]);
            None(Analyze(fixedFiles), "RG2002");
        }

        [TestMethod]
        public void KeylessFullAndSupabaseAreNotReported()
        {
            None(Analyze("CREATE TABLE t (id int);\nALTER TABLE t REPLICA IDENTITY FULL;\n"), "RG2002");
            None(Analyze(Settings("supabase"), "CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t REPLICA IDENTITY FULL;\n"), "RG2002");
        }
    }

    [TestClass]
    public sealed class RG3001TableWithoutPrimaryKeyTests
    {
        [TestMethod]
        public void OffByDefaultOnWhenConfigured()
        {
            const string sql = "CREATE TABLE t (a int);\nCREATE TEMP TABLE x (a int);\nCREATE TABLE k (id int PRIMARY KEY);\n";
            None(Analyze(sql), "RG3001");
            var d = Single(Analyze(Settings("postgres", 16, ("RG3001", Severity.Warning)), sql), "RG3001");
            Assert.AreEqual("public.t", d.ObjectName);
        }
    }

    [TestClass]
    public sealed class RG9002UnknownReferenceTests
    {
        [TestMethod]
        public void SupabasePublicationWithoutProfile()
        {
            const string sql = "CREATE TABLE t (id int PRIMARY KEY);\nALTER PUBLICATION supabase_realtime ADD TABLE t;\n";
            var d = Single(Analyze(sql), "RG9002");
            StringAssert.Contains(d.Message, "publication \"supabase_realtime\"");
            None(Analyze(Settings("supabase"), sql), "RG9002");
        }

        [TestMethod]
        public void UnknownTablesAndSchemas()
        {
            var all = Analyze("ALTER TABLE nope ADD PRIMARY KEY (id);\nCREATE TABLE s.t (a int);\nUPDATE ghost SET a = 1;\n");
            Assert.AreEqual(3, Only(all, "RG9002").Count, Describe(all));
        }

        [TestMethod]
        public void IfExistsIsNotAReference()
        {
            None(Analyze("DROP TABLE IF EXISTS nope;\nALTER TABLE IF EXISTS nope ADD COLUMN a int;\n"), "RG9002");
        }
    }
}
