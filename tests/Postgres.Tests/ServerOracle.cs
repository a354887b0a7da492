using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Npgsql;

namespace ReplicaGuard.Tests
{
    /// <summary>A statement the server rejected (the history went on without it).</summary>
    public sealed record FailedStatement(int FileIndex, string FileName, int StatementIndex, string Sql, string SqlState, string Message)
    {
        public override string ToString() =>
            $"{FileName}#{StatementIndex + 1} [{SqlState}] {Message}: {Shorten(Sql)}";

        internal static string Shorten(string sql)
        {
            string flat = sql.Replace("\r", " ").Replace("\n", " ").Trim();
            return flat.Length <= 200 ? flat : flat.Substring(0, 200) + "...";
        }
    }

    /// <summary>What the UPDATE and DELETE probes of one table said; null message = allowed.</summary>
    public sealed record TableProbe(string Table, string? UpdateError, string? UpdateDetail, string? DeleteError, string? DeleteDetail)
    {
        public const string MissingIdentityText = "does not have a replica identity";

        public bool MissingIdentity =>
            (UpdateError != null && UpdateError.Contains(MissingIdentityText, StringComparison.Ordinal))
            || (DeleteError != null && DeleteError.Contains(MissingIdentityText, StringComparison.Ordinal));

        public bool Fails => UpdateError != null || DeleteError != null;

        public override string ToString() =>
            Table + ": UPDATE " + Describe(UpdateError, UpdateDetail) + "; DELETE " + Describe(DeleteError, DeleteDetail);

        private static string Describe(string? error, string? detail) =>
            error == null ? "ok" : detail == null ? error : error + " (DETAIL: " + detail + ")";
    }

    public sealed class OracleResult
    {
        public OracleResult(IReadOnlyList<FailedStatement> failed, IReadOnlyList<string> skipped, IReadOnlyList<TableProbe> tables)
        {
            Failed = failed;
            Skipped = skipped;
            Tables = tables;
        }

        public IReadOnlyList<FailedStatement> Failed { get; }

        /// <summary>Statements not sent to the server (psql meta-commands, transaction control), as text.</summary>
        public IReadOnlyList<string> Skipped { get; }

        /// <summary>Every leaf permanent user table, schema.table as stored, with its probe results.</summary>
        public IReadOnlyList<TableProbe> Tables { get; }

        public SortedSet<string> MissingIdentity =>
            new SortedSet<string>(Tables.Where(t => t.MissingIdentity).Select(t => t.Table), StringComparer.Ordinal);

        public string FailedText() =>
            Failed.Count == 0 ? "(none)" : string.Join(Environment.NewLine, Failed.Select(f => "  " + f));
    }

    /// <summary>
    /// Applies a history to the private server and probes every table (semantics section 7).
    /// <see cref="Run"/>: normally on one connection inside BEGIN ... ROLLBACK, each statement in a savepoint, so
    /// histories never see each other (not faithful after an UPDATE/DELETE: see <see cref="RunAutocommit"/>). A history with CREATE INDEX CONCURRENTLY (which refuses a transaction block) gets a
    /// database of its own, in autocommit. Each file starts like a new session: search_path is reset.
    /// </summary>
    public sealed class ServerOracle : IDisposable
    {
        private const int LargeDumpStatements = 2000;
        private const string NoActiveTransaction = "25P01";
        private static int _databaseCounter;
        private readonly PgServer _server;
        private readonly string? _privateDatabase;
        private NpgsqlConnection? _shared;

        public ServerOracle(PgServer server)
            : this(server, null)
        {
        }

        private ServerOracle(PgServer server, string? privateDatabase)
        {
            _server = server;
            _privateDatabase = privateDatabase;
        }

        /// <summary>An oracle whose transactions run in a database of its own (for running several at once).</summary>
        public static ServerOracle InPrivateDatabase(PgServer server)
        {
            string database = NewDatabaseName();
            using (NpgsqlConnection admin = server.Open())
            {
                Execute(admin, "CREATE DATABASE " + database);
            }
            return new ServerOracle(server, database);
        }

        /// <summary>The private database this oracle runs in and drops when disposed.</summary>
        public string Database => _privateDatabase ?? throw new InvalidOperationException("this oracle has no private database");

        private static string NewDatabaseName() =>
            "rg_oracle_" + Environment.ProcessId + "_" + Interlocked.Increment(ref _databaseCounter);

        /// <summary>Statements appended on the server after the history (e.g. an assumed publication).</summary>
        public OracleResult Run(History history, IReadOnlyList<string>? epilogue = null, bool ownDatabase = false)
        {
            bool needsOwnDatabase = ownDatabase || history.Files.Any(f => f.Statements.Any(StatementClassifier.IsConcurrently));
            return needsOwnDatabase ? RunInOwnDatabase(history, epilogue) : RunInTransaction(history, epilogue);
        }

        /// <summary>
        /// Each statement in a transaction of its own (psql's autocommit), each file in a new session, in this oracle's
        /// private database, which is emptied afterwards (and checked empty). This is the oracle for statement-level
        /// results (RG1002, RG1003) and for probes after DELETE/UPDATE in a history: inside one transaction
        /// PostgreSQL 15 keeps a relation's cached publication info (rd_pubdesc) when the relation was created in that
        /// same transaction, because the relcache-wide invalidation sent by CREATE PUBLICATION ... FOR ALL TABLES (and
        /// ALTER PUBLICATION of such a publication) skips new relations (RelationCacheInvalidate). A DELETE that ran
        /// before such a publication then lets a later DELETE pass that fails in any later session. The engine predicts
        /// what the committed catalog does, which is what production sees; see postgres-semantics and
        /// StatementRulesDifferentialTests. For the same reason each UPDATE and DELETE is judged in a new session
        /// (<see cref="ExecuteInNewSession"/>), and the tables are probed from one: a long session can keep stale
        /// publication info across autocommitted statements too.
        /// </summary>
        public OracleResult RunAutocommit(History history)
        {
            if (_privateDatabase == null)
            {
                throw new InvalidOperationException("RunAutocommit needs an oracle in a private database (ServerOracle.InPrivateDatabase)");
            }
            _shared ??= _server.Open(_privateDatabase);
            var failed = new List<FailedStatement>();
            var skipped = new List<string>();
            try
            {
                for (int f = 0; f < history.Files.Count; f++)
                {
                    HistoryFile file = history.Files[f];
                    // Each file starts like a new session (search_path, temporary tables); cheaper than a new connection.
                    Execute(_shared, "DISCARD ALL");
                    for (int s = 0; s < file.Statements.Count; s++)
                    {
                        string sql = file.Statements[s];
                        if (StatementClassifier.ShouldSkip(sql))
                        {
                            skipped.Add(sql);
                            continue;
                        }
                        // An UPDATE or DELETE is judged in a new session first: this one may hold a relation's
                        // publication info from before a change that did not invalidate it (below).
                        bool updateOrDelete = StatementClassifier.IsUpdateOrDelete(sql);
                        string? fresh = null;
                        string freshState = "";
                        if (updateOrDelete)
                        {
                            fresh = ExecuteInNewSession(sql, out freshState);
                        }
                        string? error = ExecuteAutocommit(_shared, sql, out string state);
                        if (updateOrDelete)
                        {
                            error = fresh;
                            state = freshState;
                        }
                        if (error != null)
                        {
                            failed.Add(new FailedStatement(f, file.Name, s, sql, state, error));
                        }
                    }
                }
                Execute(_shared, "DISCARD ALL");
                using (NpgsqlConnection probe = _server.Open(_privateDatabase))
                {
                    return new OracleResult(failed, skipped, Probe(probe));
                }
            }
            finally
            {
                Execute(_shared, "DISCARD ALL");
                Execute(_shared, EmptyDatabaseSql);
            }
        }

        /// <summary>
        /// Runs an UPDATE or DELETE in a new session (a new backend: the server's connections are not pooled) with the
        /// shared session's search_path, inside a transaction that is rolled back, and returns its error or null. A
        /// session caches each relation's publication info (rd_pubdesc), and some changes do not invalidate it: on
        /// PostgreSQL 15, after ALTER TABLE ... SET SCHEMA moves a partitioned table into a schema that a FOR TABLES IN
        /// SCHEMA publication covers, a session that had already used one of its partitions still updates it freely,
        /// while every new session gets "cannot update table" (seed 555, history 1377). The engine predicts the
        /// committed catalog, what the application's sessions see; the replica identity check runs when the statement
        /// starts, whatever the rows, so the rollback loses nothing.
        /// </summary>
        private string? ExecuteInNewSession(string sql, out string sqlState)
        {
            string searchPath;
            using (var show = new NpgsqlCommand("SELECT current_setting('search_path')", _shared))
            {
                searchPath = (string)show.ExecuteScalar()!;
            }
            using NpgsqlConnection connection = _server.Open(_privateDatabase!);
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            Execute(connection, "SELECT set_config('search_path', " + Literal(searchPath) + ", true)");
            string? error = ExecuteAutocommit(connection, sql, out sqlState);
            transaction.Rollback();
            return error;
        }

        private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

        /// <summary>
        /// Drops every publication and user schema, recreates public as initdb makes it, and fails if any user
        /// relation or publication is left (a history must never see the previous one's objects).
        /// </summary>
        private const string EmptyDatabaseSql = @"
DO $empty$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT pubname FROM pg_publication LOOP
    EXECUTE format('DROP PUBLICATION %I', r.pubname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'replicaguard_probe')
             AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  CREATE SCHEMA public AUTHORIZATION pg_database_owner;
  GRANT USAGE ON SCHEMA public TO PUBLIC;
  EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
  IF EXISTS (SELECT 1 FROM pg_publication)
     OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'replicaguard_probe')
                  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%') THEN
    RAISE EXCEPTION 'the oracle database is not empty after cleanup';
  END IF;
END
$empty$;";

        private OracleResult RunInTransaction(History history, IReadOnlyList<string>? epilogue)
        {
            _shared ??= _server.Open(_privateDatabase ?? "postgres");
            var failed = new List<FailedStatement>();
            var skipped = new List<string>();
            Execute(_shared, "BEGIN");
            try
            {
                for (int f = 0; f < history.Files.Count; f++)
                {
                    HistoryFile file = history.Files[f];
                    Execute(_shared, "RESET search_path");
                    for (int s = 0; s < file.Statements.Count; s++)
                    {
                        string sql = file.Statements[s];
                        if (StatementClassifier.ShouldSkip(sql))
                        {
                            skipped.Add(sql);
                            continue;
                        }
                        string? error = ExecuteInSavepoint(_shared, sql, out string state);
                        if (error != null)
                        {
                            failed.Add(new FailedStatement(f, file.Name, s, sql, state, error));
                        }
                    }
                }
                RunEpilogue(_shared, epilogue, failed, inTransaction: true);
                return new OracleResult(failed, skipped, Probe(_shared));
            }
            finally
            {
                Execute(_shared, "ROLLBACK");
            }
        }

        private OracleResult RunInOwnDatabase(History history, IReadOnlyList<string>? epilogue)
        {
            string database = NewDatabaseName();
            using (NpgsqlConnection admin = _server.Open())
            {
                Execute(admin, "CREATE DATABASE " + database);
            }
            try
            {
                var failed = new List<FailedStatement>();
                var skipped = new List<string>();
                for (int f = 0; f < history.Files.Count; f++)
                {
                    HistoryFile file = history.Files[f];
                    // A fresh session per file (also picks up ALTER DATABASE ... SET made by an earlier file).
                    // Like most migration tools, a file runs in one transaction (LOCK TABLE needs one), unless it
                    // holds a statement that refuses a transaction block, or it is a large dump (psql applies
                    // those in autocommit; thousands of savepoints in one transaction make it 3x slower).
                    using NpgsqlConnection connection = _server.Open(database);
                    bool fileTransaction = file.Statements.Count <= LargeDumpStatements
                        && !file.Statements.Any(StatementClassifier.IsConcurrently);
                    if (fileTransaction)
                    {
                        Execute(connection, "BEGIN");
                    }
                    for (int s = 0; s < file.Statements.Count; s++)
                    {
                        string sql = file.Statements[s];
                        if (StatementClassifier.ShouldSkip(sql))
                        {
                            skipped.Add(sql);
                            continue;
                        }
                        string state;
                        string? error = fileTransaction
                            ? ExecuteInSavepoint(connection, sql, out state, batched: false)
                            : ExecuteAutocommit(connection, sql, out state);
                        if (error != null)
                        {
                            failed.Add(new FailedStatement(f, file.Name, s, sql, state, error));
                        }
                    }
                    if (fileTransaction)
                    {
                        Execute(connection, "COMMIT");
                    }
                }
                using NpgsqlConnection last = _server.Open(database);
                RunEpilogue(last, epilogue, failed, inTransaction: false);
                return new OracleResult(failed, skipped, Probe(last));
            }
            finally
            {
                using NpgsqlConnection admin = _server.Open();
                Execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }

        private static void RunEpilogue(NpgsqlConnection connection, IReadOnlyList<string>? epilogue, List<FailedStatement> failed, bool inTransaction)
        {
            if (epilogue == null)
            {
                return;
            }
            for (int i = 0; i < epilogue.Count; i++)
            {
                string state;
                string? error = inTransaction
                    ? ExecuteInSavepoint(connection, epilogue[i], out state)
                    : ExecuteAutocommit(connection, epilogue[i], out state);
                if (error != null)
                {
                    failed.Add(new FailedStatement(-1, "(epilogue)", i, epilogue[i], state, error));
                }
            }
        }

        /// <summary>SAVEPOINT, the statement and RELEASE go in one round trip; only a failure costs a second.</summary>
        /// <remarks>
        /// Unbatched (three round trips) for corpus files: a statement text that holds several statements (while
        /// the splitter is a stub) cannot be one command of a batch, but a plain command takes it.
        /// </remarks>
        private static string? ExecuteInSavepoint(NpgsqlConnection connection, string sql, out string sqlState, bool batched = true)
        {
            sqlState = "";
            if (!batched)
            {
                Execute(connection, "SAVEPOINT rg_stmt");
                string? plainError = ExecuteAutocommit(connection, sql, out sqlState);
                try
                {
                    Execute(connection, plainError == null ? "RELEASE SAVEPOINT rg_stmt" : "ROLLBACK TO SAVEPOINT rg_stmt");
                }
                catch (PostgresException ex) when (ex.SqlState == NoActiveTransaction)
                {
                    // The text ended the file's transaction itself (a COMMIT the splitter did not separate):
                    // what it did stays done; open a new transaction for the rest of the file.
                    Execute(connection, "BEGIN");
                }
                return plainError;
            }
            if (StatementClassifier.TrySplitCopy(sql, out string copyCommand, out string copyData))
            {
                Execute(connection, "SAVEPOINT rg_stmt");
                string? copyError = Copy(connection, copyCommand, copyData, out sqlState);
                Execute(connection, copyError == null ? "RELEASE SAVEPOINT rg_stmt" : "ROLLBACK TO SAVEPOINT rg_stmt");
                return copyError;
            }
            using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT rg_stmt"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT rg_stmt"));
            try
            {
                batch.ExecuteNonQuery();
                return null;
            }
            catch (PostgresException ex)
            {
                Execute(connection, "ROLLBACK TO SAVEPOINT rg_stmt");
                Execute(connection, "RELEASE SAVEPOINT rg_stmt");
                sqlState = ex.SqlState;
                return ex.MessageText;
            }
        }

        private static string? ExecuteAutocommit(NpgsqlConnection connection, string sql, out string sqlState)
        {
            sqlState = "";
            if (StatementClassifier.TrySplitCopy(sql, out string copyCommand, out string copyData))
            {
                return Copy(connection, copyCommand, copyData, out sqlState);
            }
            try
            {
                Execute(connection, sql);
                return null;
            }
            catch (PostgresException ex)
            {
                sqlState = ex.SqlState;
                return ex.MessageText;
            }
        }

        private static string? Copy(NpgsqlConnection connection, string command, string data, out string sqlState)
        {
            sqlState = "";
            try
            {
                using (var writer = connection.BeginTextImport(command))
                {
                    writer.Write(data);
                }
                return null;
            }
            catch (PostgresException ex)
            {
                sqlState = ex.SqlState;
                return ex.MessageText;
            }
        }

        private static List<TableProbe> Probe(NpgsqlConnection connection)
        {
            var tables = new List<TableProbe>();
            using var command = new NpgsqlCommand("SELECT * FROM replicaguard_probe.probe()", connection);
            using NpgsqlDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(new TableProbe(
                    reader.GetString(0) + "." + reader.GetString(1),
                    NullableString(reader, 2),
                    NullableString(reader, 3),
                    NullableString(reader, 4),
                    NullableString(reader, 5)));
            }
            return tables;
        }

        private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        private static void Execute(NpgsqlConnection connection, string sql)
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _shared?.Dispose();
            _shared = null;
            if (_privateDatabase != null)
            {
                using NpgsqlConnection admin = _server.Open();
                Execute(admin, "DROP DATABASE IF EXISTS " + _privateDatabase + " WITH (FORCE)");
            }
        }

        /// <summary>Formats a probe listing for failure messages.</summary>
        public static string Describe(IEnumerable<TableProbe> tables)
        {
            var text = new StringBuilder();
            foreach (TableProbe t in tables.Where(t => t.Fails))
            {
                text.Append("  ").Append(t).Append(Environment.NewLine);
            }
            return text.Length == 0 ? "  (no table fails)" : text.ToString();
        }
    }
}
