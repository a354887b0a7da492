using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

namespace ReplicaGuard.Tests
{
    /// <summary>Proves the server and the oracle right on histories whose answer is known from the semantics page.</summary>
    [TestClass]
    public sealed class HarnessTests
    {
        private static OracleResult Run(params string[] statements) => RunFiles(new[] { statements });

        private static OracleResult RunFiles(params string[][] files)
        {
            var history = new History(files.Select((s, i) => HistoryFile.FromStatements("V" + (i + 1) + "__f.sql", s)).ToList());
            using var oracle = new ServerOracle(PgServer.Get());
            return oracle.Run(history);
        }

        [TestMethod]
        public void ServerRunsWithLogicalWalLevel()
        {
            PgServer server = PgServer.Get();
            using NpgsqlConnection connection = server.Open();
            using var command = new NpgsqlCommand("SHOW wal_level", connection);
            Assert.AreEqual("logical", (string?)command.ExecuteScalar());
            Assert.AreEqual(15, server.MajorVersion, "Debian's PostgreSQL 15 is the reference server");
        }

        [TestMethod]
        public void KeylessTableUnderAllTablesPublicationIsMissingIdentity()
        {
            OracleResult result = Run(
                "CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL)",
                "CREATE PUBLICATION p FOR ALL TABLES");
            Assert.AreEqual(0, result.Failed.Count, result.FailedText());
            CollectionAssert.AreEqual(new[] { "public.alembic_version" }, result.MissingIdentity.ToList());
            TableProbe probe = result.Tables.Single(t => t.Table == "public.alembic_version");
            StringAssert.Contains(probe.UpdateError, "cannot update table \"alembic_version\"");
            StringAssert.Contains(probe.DeleteError, "cannot delete from table \"alembic_version\"");
        }

        [TestMethod]
        public void TableWithPrimaryKeyIsNotMissingIdentity()
        {
            OracleResult result = Run(
                "CREATE TABLE public.with_pk (id int PRIMARY KEY, a text)",
                "CREATE TABLE public.without_pk (id int, a text)",
                "CREATE PUBLICATION p FOR ALL TABLES");
            CollectionAssert.AreEqual(new[] { "public.without_pk" }, result.MissingIdentity.ToList());
            Assert.IsFalse(result.Tables.Single(t => t.Table == "public.with_pk").Fails);
        }

        [TestMethod]
        public void InsertOnlyPublicationGivesNothing()
        {
            OracleResult result = Run(
                "CREATE TABLE public.t (a int)",
                "CREATE PUBLICATION p FOR ALL TABLES WITH (publish = 'insert')");
            Assert.AreEqual(1, result.Tables.Count);
            Assert.AreEqual(0, result.MissingIdentity.Count);
        }

        [TestMethod]
        public void UpdateOnlyPublicationFailsUpdateButNotDelete()
        {
            OracleResult result = Run(
                "CREATE TABLE public.t (a int)",
                "CREATE PUBLICATION p FOR TABLE t WITH (publish = ' UPDATE ')");
            TableProbe probe = result.Tables.Single();
            StringAssert.Contains(probe.UpdateError, TableProbe.MissingIdentityText);
            Assert.IsNull(probe.DeleteError);
        }

        [TestMethod]
        public void FailingStatementIsRecordedAndTheRestStillApplies()
        {
            OracleResult result = Run(
                "CREATE TABLE public.a (x int)",
                "CREATE TABLE public.a (x int)",
                "ALTER TABLE nowhere.b ADD PRIMARY KEY (x)",
                "CREATE TABLE public.b (x int)",
                "CREATE PUBLICATION p FOR ALL TABLES");
            Assert.AreEqual(2, result.Failed.Count, result.FailedText());
            Assert.AreEqual(1, result.Failed[0].StatementIndex);
            Assert.AreEqual("42P07", result.Failed[0].SqlState);
            Assert.AreEqual(2, result.Failed[1].StatementIndex);
            Assert.AreEqual("3F000", result.Failed[1].SqlState);
            CollectionAssert.AreEqual(new[] { "public.a", "public.b" }, result.MissingIdentity.ToList());
        }

        [TestMethod]
        public void HistoriesDoNotSeeEachOther()
        {
            Run("CREATE TABLE public.leftover (x int)", "CREATE PUBLICATION p FOR ALL TABLES");
            OracleResult second = Run("CREATE TABLE public.other (x int)", "CREATE PUBLICATION p FOR ALL TABLES");
            Assert.AreEqual(0, second.Failed.Count, second.FailedText());
            CollectionAssert.AreEqual(new[] { "public.other" }, second.MissingIdentity.ToList());
        }

        [TestMethod]
        public void PartitionedParentIsNotProbedButItsLeavesAre()
        {
            OracleResult result = Run(
                "CREATE TABLE public.parent (a int, b int) PARTITION BY LIST (a)",
                "CREATE TABLE public.leaf1 PARTITION OF public.parent FOR VALUES IN (1)",
                "CREATE TABLE public.\"Leaf2\" PARTITION OF public.parent FOR VALUES IN (2)",
                "CREATE UNLOGGED TABLE public.scratch (a int)",
                "CREATE PUBLICATION p FOR ALL TABLES");
            CollectionAssert.AreEqual(new[] { "public.Leaf2", "public.leaf1" }, result.MissingIdentity.ToList());
        }

        [TestMethod]
        public void ZeroColumnTableIsProbedForUpdateAndDelete()
        {
            OracleResult result = Run(
                "CREATE TABLE public.empty ()",
                "CREATE PUBLICATION p FOR ALL TABLES WITH (publish = 'update')");
            TableProbe probe = result.Tables.Single();
            StringAssert.Contains(probe.UpdateError, TableProbe.MissingIdentityText);
            Assert.IsNull(probe.DeleteError);
        }

        [TestMethod]
        public void IdentityAndGeneratedColumnsDoNotDisturbTheProbe()
        {
            OracleResult result = Run(
                "CREATE TABLE public.g (id bigint GENERATED ALWAYS AS IDENTITY, d int GENERATED ALWAYS AS (1) STORED)",
                "CREATE PUBLICATION p FOR ALL TABLES");
            TableProbe probe = result.Tables.Single();
            StringAssert.Contains(probe.UpdateError, TableProbe.MissingIdentityText);
        }

        [TestMethod]
        public void RowFilterFailureKeepsItsDetail()
        {
            OracleResult result = Run(
                "CREATE TABLE public.t (id int PRIMARY KEY, a int)",
                "CREATE PUBLICATION p FOR TABLE t WHERE (a > 0)");
            TableProbe probe = result.Tables.Single();
            Assert.IsFalse(probe.MissingIdentity);
            StringAssert.Contains(probe.UpdateDetail, "WHERE expression is not part of the replica identity");
        }

        [TestMethod]
        public void ConcurrentIndexHistoryRunsInItsOwnDatabase()
        {
            OracleResult result = Run(
                "CREATE TABLE public.t (id int NOT NULL, a int)",
                "CREATE UNIQUE INDEX CONCURRENTLY t_id ON public.t (id)",
                "ALTER TABLE public.t REPLICA IDENTITY USING INDEX t_id",
                "CREATE TABLE public.u (id int)",
                "CREATE PUBLICATION p FOR ALL TABLES");
            Assert.AreEqual(0, result.Failed.Count, result.FailedText());
            CollectionAssert.AreEqual(new[] { "public.u" }, result.MissingIdentity.ToList());
        }

        [TestMethod]
        public void OwnDatabaseRunsEachFileInATransactionUnlessItCannot()
        {
            OracleResult result = RunFiles(
                new[] { "CREATE TABLE public.t (id int NOT NULL)", "CREATE UNIQUE INDEX CONCURRENTLY t_id ON public.t (id)" },
                new[] { "LOCK TABLE public.t IN ACCESS EXCLUSIVE MODE", "ALTER TABLE public.t ADD PRIMARY KEY USING INDEX t_id", "SELECT 1/0" },
                new[] { "CREATE TABLE public.u (x int)", "CREATE PUBLICATION p FOR ALL TABLES" });
            Assert.AreEqual(1, result.Failed.Count, result.FailedText());
            Assert.AreEqual("22012", result.Failed[0].SqlState);
            CollectionAssert.AreEqual(new[] { "public.u" }, result.MissingIdentity.ToList());
        }

        [TestMethod]
        public void EachFileStartsWithTheDefaultSearchPath()
        {
            OracleResult result = RunFiles(
                new[] { "CREATE SCHEMA s", "SET search_path = s", "CREATE TABLE in_s (x int)" },
                new[] { "CREATE TABLE in_public (x int)", "CREATE PUBLICATION p FOR ALL TABLES" });
            CollectionAssert.AreEqual(new[] { "public.in_public", "s.in_s" }, result.MissingIdentity.ToList());
        }

        [TestMethod]
        public void TransactionControlAndMetaCommandsAreSkipped()
        {
            OracleResult result = Run(
                "BEGIN",
                "\\restrict abc",
                "CREATE TABLE public.t (x int)",
                "COMMIT",
                "CREATE PUBLICATION p FOR ALL TABLES");
            Assert.AreEqual(3, result.Skipped.Count);
            Assert.AreEqual(0, result.Failed.Count, result.FailedText());
            CollectionAssert.AreEqual(new[] { "public.t" }, result.MissingIdentity.ToList());
        }

        [TestMethod]
        public void AStatementTextThatCommitsDoesNotBreakTheFileTransaction()
        {
            OracleResult result = RunFiles(
                new[] { "CREATE TABLE public.t (id int NOT NULL)", "CREATE UNIQUE INDEX CONCURRENTLY t_id ON public.t (id)" },
                new[] { "CREATE TABLE public.a (x int); COMMIT; CREATE TABLE public.b (x int)", "CREATE TABLE public.c (x int)" },
                new[] { "CREATE PUBLICATION p FOR ALL TABLES" });
            Assert.AreEqual(0, result.Failed.Count, result.FailedText());
            CollectionAssert.AreEqual(new[] { "public.a", "public.b", "public.c", "public.t" }, result.MissingIdentity.ToList());
        }

        [TestMethod]
        public void CopyFromStdinLoadsItsData()
        {
            OracleResult result = Run(
                "CREATE TABLE public.t (x int, y text)",
                "COPY public.t (x, y) FROM stdin;\n1\tone\n2\ttwo\n\\.\n",
                "DO $$ BEGIN IF (SELECT count(*) FROM public.t WHERE y IN ('one', 'two')) <> 2 THEN RAISE EXCEPTION 'copy lost rows'; END IF; END $$",
                "CREATE PUBLICATION p FOR ALL TABLES");
            Assert.AreEqual(0, result.Failed.Count, result.FailedText());
            CollectionAssert.AreEqual(new[] { "public.t" }, result.MissingIdentity.ToList());
        }
    }
}
