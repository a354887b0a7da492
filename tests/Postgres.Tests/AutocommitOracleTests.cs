using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Why the statement-level differential runs in autocommit: inside the transaction that created a table, PostgreSQL
    /// 15 keeps the publication info it cached at a DELETE across CREATE PUBLICATION ... FOR ALL TABLES. The engine
    /// follows the committed catalog (a later session, production), so the oracle must too.
    /// </summary>
    [TestClass]
    public sealed class AutocommitOracleTests
    {
        private static readonly string[] StaleAfterForAllTables =
        {
            "CREATE TABLE t (a int)",
            "DELETE FROM t",
            "CREATE PUBLICATION p FOR ALL TABLES",
            "DELETE FROM t",
        };

        private static History OneFile(params string[] statements) =>
            new History(new[] { HistoryFile.FromStatements("V1__f.sql", statements) });

        [TestMethod]
        public void InOneTransactionTheSecondDeletePassesOnPostgres15()
        {
            using ServerOracle oracle = ServerOracle.InPrivateDatabase(PgServer.Get());
            OracleResult result = oracle.Run(OneFile(StaleAfterForAllTables));
            Assert.AreEqual(0, result.Failed.Count, "PostgreSQL 15's stale relcache lets the DELETE pass: " + result.FailedText());
        }

        [TestMethod]
        public void InAutocommitTheSecondDeleteFailsAsTheEnginePredicts()
        {
            AssertOnlyFailureAsTheEnginePredicts(StaleAfterForAllTables, 3, "cannot delete from table \"t\"");
        }

        /// <summary>
        /// RunAutocommit reports exactly one failed statement, at <paramref name="index"/> (0-based, one statement per
        /// line) with <paramref name="message"/>, and the engine's only RG1002 is on that statement's line.
        /// </summary>
        private static void AssertOnlyFailureAsTheEnginePredicts(string[] statements, int index, string message)
        {
            using ServerOracle oracle = ServerOracle.InPrivateDatabase(PgServer.Get());
            FailedStatement failed = oracle.RunAutocommit(OneFile(statements)).Failed.Single();
            Assert.AreEqual(index, failed.StatementIndex);
            StringAssert.StartsWith(failed.Message, message);

            AnalysisResult engine = EngineOracle.Analyze(OneFile(statements), EngineOracle.Settings());
            Diagnostic rg1002 = engine.Diagnostics.Single(d => d.Id == "RG1002");
            Assert.AreEqual(index, rg1002.Location.LineSpan.Start.Line, "RG1002 on the failing statement's line");
        }

        /// <summary>
        /// A partitioned table moved by ALTER TABLE ... SET SCHEMA into a schema that a FOR TABLES IN SCHEMA publication
        /// covers: a session that already used its partition keeps the partition's cached publication info, so its
        /// UPDATE passes, while a new session's fails (seed 555, history 1377 of the statement-level differential).
        /// </summary>
        private static readonly string[] StaleAfterParentMoved =
        {
            "CREATE SCHEMA s2",
            "CREATE TABLE \"Foo\" (a int NOT NULL, b text) PARTITION BY LIST (a)",
            "CREATE TABLE public.foo_p1 PARTITION OF public.\"Foo\" FOR VALUES IN (1)",
            "CREATE PUBLICATION p2 FOR TABLES IN SCHEMA s2",
            "DELETE FROM public.foo_p1",
            "ALTER TABLE public.\"Foo\" SET SCHEMA s2",
            "UPDATE public.foo_p1 SET a = a",
        };

        [TestMethod]
        public void AfterTheParentMovedTheSameSessionStillUpdatesThePartitionAndANewOneCannot()
        {
            PgServer server = PgServer.Get();
            using ServerOracle oracle = ServerOracle.InPrivateDatabase(server);
            // The oracle's private database, dropped with it; the statements run here, outside the oracle.
            string database = oracle.Database;
            using (var session = server.Open(database))
            {
                foreach (string sql in StaleAfterParentMoved)
                {
                    using var command = new Npgsql.NpgsqlCommand(sql, session);
                    command.ExecuteNonQuery(); // the last UPDATE passes in this session
                }
            }
            using (var fresh = server.Open(database))
            {
                using var update = new Npgsql.NpgsqlCommand(StaleAfterParentMoved[^1], fresh);
                var error = Assert.ThrowsExactly<Npgsql.PostgresException>(() => update.ExecuteNonQuery());
                StringAssert.StartsWith(error.MessageText, "cannot update table \"foo_p1\"");
            }
        }

        [TestMethod]
        public void AutocommitJudgesUpdatesAndDeletesInANewSessionAsTheEnginePredicts()
        {
            AssertOnlyFailureAsTheEnginePredicts(StaleAfterParentMoved, 6, "cannot update table \"foo_p1\"");
        }

        [TestMethod]
        public void AutocommitLeavesTheDatabaseEmptyForTheNextHistory()
        {
            using ServerOracle oracle = ServerOracle.InPrivateDatabase(PgServer.Get());
            oracle.RunAutocommit(OneFile("CREATE SCHEMA s", "CREATE TABLE s.t (a int)", "CREATE TABLE public.u (a int)", "CREATE PUBLICATION p FOR ALL TABLES"));
            OracleResult next = oracle.RunAutocommit(OneFile("CREATE SCHEMA s", "CREATE TABLE public.u (a int PRIMARY KEY)", "CREATE PUBLICATION p FOR ALL TABLES"));
            Assert.AreEqual(0, next.Failed.Count, next.FailedText());
            CollectionAssert.AreEqual(new[] { "public.u" }, next.Tables.Select(t => t.Table).ToList());
            Assert.IsFalse(next.Tables.Single().Fails);
        }
    }
}
