using System;
using System.Collections.Generic;
using System.Text;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>
    /// Generates plausible migration histories (schemas, tables, keys, indexes, replica identities, publications,
    /// renames, drops, functions, COPY) so the fuzzer's seeds reach every replay path, not only what the corpus has.
    /// </summary>
    internal static class HistoryGenerator
    {
        private static readonly string[] Schemas = { "public", "app", "audit", "\"Mixed Case\"" };
        private static readonly string[] Tables = { "users", "posts", "events", "t", "\"Quoted\"", "orders_2024", "measurement" };
        private static readonly string[] Columns = { "id", "user_id", "name", "created_at", "payload", "\"Col\"", "version" };
        private static readonly string[] Types = { "int", "bigint", "text", "uuid", "varchar(32)", "timestamptz", "jsonb", "numeric(10, 2)", "int[]", "bigserial" };

        public static List<FuzzFile> Generate(Random random)
        {
            int fileCount = 1 + random.Next(4);
            var files = new List<FuzzFile>(fileCount);
            for (int f = 0; f < fileCount; f++)
            {
                var b = new StringBuilder();
                int statements = 1 + random.Next(12);
                for (int s = 0; s < statements; s++)
                {
                    b.Append(Statement(random)).Append(random.Next(4) == 0 ? "\r\n" : "\n");
                }
                files.Add(new FuzzFile($"gen/{f + 1:0000}_step.sql", b.ToString()));
            }
            return files;
        }

        private static string Pick(Random r, string[] items) => items[r.Next(items.Length)];

        private static string Table(Random r) => r.Next(4) == 0 ? Pick(r, Schemas) + "." + Pick(r, Tables) : Pick(r, Tables);

        private static string ColumnList(Random r)
        {
            int n = 1 + r.Next(3);
            var cols = new List<string>();
            for (int i = 0; i < n; i++) cols.Add(Pick(r, Columns));
            return string.Join(", ", cols);
        }

        private static string Statement(Random r)
        {
            switch (r.Next(40))
            {
                case 24: return $"CREATE TABLE {Table(r)} ({Pick(r, Columns)} int) INHERITS ({Table(r)});";
                case 25: return $"CREATE TABLE {Table(r)} (LIKE {Table(r)} INCLUDING {Pick(r, new[] { "ALL", "INDEXES", "CONSTRAINTS" })});";
                case 26: return $"ALTER INDEX {Pick(r, new[] { "ix_0", "ix_1", "c0", "users_pkey" })} {Pick(r, new[] { "RENAME TO ix_2", "ATTACH PARTITION ix_3", "SET SCHEMA app" })};";
                case 27: return $"ALTER TABLE {Table(r)} RENAME {Pick(r, new[] { "COLUMN ", "" })}{Pick(r, Columns)} TO {Pick(r, Columns)};";
                case 28: return $"ALTER TABLE {Table(r)} RENAME CONSTRAINT c{r.Next(4)} TO c{r.Next(4)};";
                case 29: return $"ALTER TABLE {Table(r)} DETACH PARTITION {Table(r)}{(r.Next(2) == 0 ? " CONCURRENTLY" : "")};";
                case 30: return $"ALTER TABLE {Table(r)} {Pick(r, new[] { "INHERIT", "NO INHERIT" })} {Table(r)};";
                case 31: return $"ALTER TABLE {Table(r)} SET {Pick(r, new[] { "LOGGED", "UNLOGGED" })};";
                case 32: return $"CREATE {Pick(r, new[] { "TEMP", "TEMPORARY", "UNLOGGED" })} TABLE {Pick(r, Tables)} (id int PRIMARY KEY);";
                case 33: return $"ALTER TABLE {Table(r)} ALTER COLUMN {Pick(r, Columns)} TYPE {Pick(r, Types)}{(r.Next(2) == 0 ? " USING 1" : "")};";
                case 34: return $"ALTER TABLE {Table(r)} DROP COLUMN {Pick(r, Columns)}{(r.Next(2) == 0 ? " CASCADE" : "")};";
                case 35: return $"ALTER SCHEMA {Pick(r, Schemas)} RENAME TO {Pick(r, Schemas)};";
                case 36: return $"ALTER PUBLICATION p{r.Next(3)} {Pick(r, new[] { "SET (publish = 'insert')", "RENAME TO p" + r.Next(3), "ADD TABLES IN SCHEMA app", "SET TABLES IN SCHEMA public, app", "OWNER TO x" })};";
                case 37: return $"CREATE TABLE {Table(r)} AS SELECT * FROM {Table(r)}{(r.Next(2) == 0 ? " WITH NO DATA" : "")};";
                case 38: return $"CREATE SCHEMA {Pick(r, Schemas)} CREATE TABLE {Pick(r, Tables)} (id int) CREATE INDEX ON {Pick(r, Tables)} (id);";
                case 39: return $"ALTER TABLE {Table(r)} ADD CONSTRAINT c{r.Next(4)} {Pick(r, new[] { "PRIMARY KEY USING INDEX ix_0", "UNIQUE USING INDEX ix_1", "EXCLUDE USING gist (id WITH =)", "UNIQUE NULLS NOT DISTINCT (id)", "PRIMARY KEY (id) DEFERRABLE" })};";
                case 0: return $"CREATE SCHEMA {(r.Next(2) == 0 ? "IF NOT EXISTS " : "")}{Pick(r, Schemas)};";
                case 1:
                case 2:
                case 3: return CreateTable(r);
                case 4: return $"CREATE {(r.Next(2) == 0 ? "UNIQUE " : "")}INDEX {(r.Next(3) == 0 ? "CONCURRENTLY " : "")}{(r.Next(2) == 0 ? "ix_" + r.Next(5) + " " : "")}ON {Table(r)} ({ColumnList(r)}){(r.Next(4) == 0 ? " WHERE id > 0" : "")};";
                case 5: return $"ALTER TABLE {Table(r)} ADD PRIMARY KEY ({ColumnList(r)});";
                case 6: return $"ALTER TABLE {(r.Next(2) == 0 ? "ONLY " : "")}{Table(r)} ADD CONSTRAINT c{r.Next(4)} UNIQUE ({ColumnList(r)});";
                case 7: return $"ALTER TABLE {Table(r)} REPLICA IDENTITY {Pick(r, new[] { "FULL", "DEFAULT", "NOTHING", "USING INDEX ix_" + r.Next(5), "USING INDEX c" + r.Next(4) })};";
                case 8: return $"ALTER TABLE {Table(r)} ALTER COLUMN {Pick(r, Columns)} {(r.Next(2) == 0 ? "SET" : "DROP")} NOT NULL;";
                case 9: return $"ALTER TABLE {Table(r)} DROP CONSTRAINT {(r.Next(2) == 0 ? "IF EXISTS " : "")}{Pick(r, new[] { "c0", "c1", "users_pkey", "t_pkey" })}{(r.Next(3) == 0 ? " CASCADE" : "")};";
                case 10: return $"ALTER TABLE {Table(r)} RENAME TO {Pick(r, Tables)};";
                case 11: return $"ALTER TABLE {Table(r)} SET SCHEMA {Pick(r, Schemas)};";
                case 12: return $"ALTER TABLE {Table(r)} ADD COLUMN {Pick(r, Columns)} {Pick(r, Types)}{(r.Next(2) == 0 ? " NOT NULL DEFAULT 0" : "")}, DROP COLUMN IF EXISTS {Pick(r, Columns)};";
                case 13: return $"DROP {Pick(r, new[] { "TABLE", "INDEX", "SCHEMA", "PUBLICATION" })} {(r.Next(2) == 0 ? "IF EXISTS " : "")}{Table(r)}{(r.Next(3) == 0 ? " CASCADE" : "")};";
                case 14: return CreatePublication(r);
                case 15: return $"ALTER PUBLICATION p{r.Next(3)} {Pick(r, new[] { "ADD", "DROP", "SET" })} TABLE {Table(r)}{(r.Next(2) == 0 ? ", " + Table(r) : "")};";
                case 16: return $"SET search_path TO {Pick(r, Schemas)}, public;";
                case 17: return "DO $$ BEGIN EXECUTE 'ALTER TABLE t REPLICA IDENTITY FULL'; END $$;";
                case 18: return "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN NEW.x := 'a;b'; RETURN NEW; END; $body$;";
                case 19: return $"COPY {Table(r)} (id, name) FROM stdin;\n1\tone;\n2\t'two'\n\\.";
                case 20: return r.Next(2) == 0 ? "BEGIN;" : "COMMIT;";
                case 21: return $"ALTER TABLE {Table(r)} ATTACH PARTITION {Pick(r, Tables)} FOR VALUES FROM (1) TO (10);";
                case 22: return $"CREATE TABLE {Table(r)} PARTITION OF {Table(r)} FOR VALUES IN ({r.Next(9)});";
                default: return $"-- comment {r.Next(100)}\n/* block /* nested */ comment */ SELECT 1;";
            }
        }

        private static string CreateTable(Random r)
        {
            var b = new StringBuilder("CREATE ");
            if (r.Next(5) == 0) b.Append("UNLOGGED ");
            b.Append("TABLE ");
            if (r.Next(3) == 0) b.Append("IF NOT EXISTS ");
            b.Append(Table(r)).Append(" (");
            int n = r.Next(5);
            for (int i = 0; i < n; i++)
            {
                if (i > 0) b.Append(", ");
                b.Append(Pick(r, Columns)).Append(' ').Append(Pick(r, Types));
                switch (r.Next(6))
                {
                    case 0: b.Append(" PRIMARY KEY"); break;
                    case 1: b.Append(" NOT NULL UNIQUE"); break;
                    case 2: b.Append(" GENERATED ALWAYS AS IDENTITY"); break;
                    case 3: b.Append(" DEFAULT now()"); break;
                }
            }
            if (r.Next(3) == 0) b.Append(n > 0 ? ", " : "").Append("PRIMARY KEY (").Append(ColumnList(r)).Append(')');
            b.Append(')');
            if (r.Next(5) == 0) b.Append(" PARTITION BY RANGE (id)");
            return b.Append(';').ToString();
        }

        private static string CreatePublication(Random r)
        {
            string name = "p" + r.Next(3);
            switch (r.Next(4))
            {
                case 0: return $"CREATE PUBLICATION {name} FOR ALL TABLES;";
                case 1: return $"CREATE PUBLICATION {name} FOR TABLE {Table(r)}, {Table(r)} WITH (publish = 'insert, update');";
                case 2: return $"CREATE PUBLICATION {name} FOR TABLES IN SCHEMA {Pick(r, Schemas)};";
                default: return $"CREATE PUBLICATION {name} FOR TABLE {Table(r)} ({ColumnList(r)}) WHERE (id > 0) WITH (publish_via_partition_root = true);";
            }
        }
    }
}
