using System;
using System.Collections.Generic;
using System.Linq;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Seeded, deterministic generator of random migration histories (1 to 3 files, 5 to 40 statements) that
    /// exercise every statement family the replica-identity model covers. Names come from small pools so
    /// statements interact; a loose shadow of what exists steers most statements to plausible targets, and
    /// the rest are allowed to fail on the server (the oracle records that).
    /// </summary>
    public sealed class HistoryGenerator
    {
        private static readonly string[] SchemaPool = { "s1", "s2", "Mixed" };
        private static readonly string[] TablePool = { "t1", "t2", "t3", "foo", "Foo", "items" };
        private static readonly string[] IndexPool = { "i1", "i2", "i3", "I1" };
        private static readonly string[] PublicationPool = { "p1", "p2", "p3" };
        private static readonly string[] ExtraColumnPool = { "c", "d", "E" };

        private static readonly string[] PublishLists =
        {
            "", "insert", "update", "delete", "truncate", "insert, update", "update,delete", " Delete ", "INSERT,  UPDATE ,delete",
            "insert,update,delete,truncate", "insert, truncate",
        };

        private readonly Random _random;
        private Shadow _shadow = new Shadow();
        private List<string> _statements = new List<string>();
        private int _budget;

        public HistoryGenerator(int seed)
        {
            _random = new Random(seed);
        }

        /// <summary>Row filters and column lists (a later issue): off by default.</summary>
        public bool IncludeRowFiltersAndColumnLists { get; set; }

        /// <summary>DELETE and UPDATE statements in the history (the server checks them against the replica identity): off by default.</summary>
        public bool IncludeDml { get; set; }

        /// <summary>How often a history contains CREATE INDEX CONCURRENTLY (which costs a database of its own).</summary>
        public double ConcurrentIndexRate { get; set; } = 0.02;

        public History Next()
        {
            _shadow = new Shadow();
            int fileCount = _random.Next(1, 4);
            int total = _random.Next(5, 41);
            bool allowConcurrently = _random.NextDouble() < ConcurrentIndexRate;
            var cuts = new SortedSet<int>();
            while (cuts.Count < fileCount - 1 && total > fileCount)
            {
                cuts.Add(_random.Next(1, total));
            }
            var files = new List<HistoryFile>();
            _statements = new List<string>();
            _budget = total;
            for (int i = 0; _budget > 0; i = total - _budget)
            {
                if (cuts.Contains(i) && _statements.Count > 0)
                {
                    files.Add(HistoryFile.FromStatements(FileName(files.Count), _statements));
                    _statements = new List<string>();
                    // A new file is a new session on the server.
                    _shadow.SearchPath = new List<string> { "public" };
                }
                EmitOne(i, total, allowConcurrently);
            }
            files.Add(HistoryFile.FromStatements(FileName(files.Count), _statements));
            return new History(files);
        }

        private static string FileName(int index) => "V" + (index + 1) + "__" + (char)('a' + index) + ".sql";

        private void EmitOne(int position, int total, bool allowConcurrently)
        {
            // Early statements mostly build tables; a publication tends to come somewhere later.
            if (position < 2 || _shadow.Tables.Count == 0)
            {
                if (Chance(0.3))
                {
                    CreateSchema();
                }
                else
                {
                    CreateTable();
                }
                return;
            }
            if (position == total - 1 && _shadow.Publications.Count == 0 && Chance(0.8))
            {
                CreatePublication();
                return;
            }
            if (IncludeDml && Chance(0.12))
            {
                if (Chance(0.6))
                {
                    Delete();
                }
                else
                {
                    Update();
                }
                return;
            }
            int roll = _random.Next(100);
            if (roll < 6) { CreateSchema(); }
            else if (roll < 11) { SetSearchPath(); }
            else if (roll < 30) { CreateTable(); }
            else if (roll < 55) { AlterTable(); }
            else if (roll < 67) { CreateIndex(allowConcurrently); }
            else if (roll < 71) { DropOrRenameIndex(); }
            else if (roll < 76) { DropTableOrSchema(); }
            else if (roll < 86) { CreatePublication(); }
            else if (roll < 96) { AlterPublication(); }
            else { DropPublication(); }
        }

        // ---- schemas and search_path ----

        private void CreateSchema()
        {
            var missing = SchemaPool.Where(s => !_shadow.Schemas.Contains(s)).ToList();
            string schema = missing.Count > 0 && Chance(0.85) ? Pick(missing) : Pick(SchemaPool);
            bool ifNotExists = Chance(0.5);
            Emit("CREATE SCHEMA " + (ifNotExists ? "IF NOT EXISTS " : "") + Ident(schema));
            _shadow.Schemas.Add(schema);
        }

        private void SetSearchPath()
        {
            int kind = _random.Next(5);
            List<string> path;
            switch (kind)
            {
                case 0:
                    path = new List<string> { "missing_schema", ExistingSchema(), "public" };
                    break;
                case 1:
                    path = new List<string> { ExistingSchema() };
                    break;
                case 2:
                    Emit("RESET search_path");
                    _shadow.SearchPath = new List<string> { "public" };
                    return;
                case 3:
                    path = new List<string> { "public", ExistingSchema() };
                    break;
                default:
                    path = new List<string> { ExistingSchema(), "public" };
                    break;
            }
            string separator = Chance(0.5) ? ", " : ",";
            string op = Chance(0.5) ? " = " : " TO ";
            Emit("SET search_path" + op + string.Join(separator, path.Select(Ident)));
            _shadow.SearchPath = path;
        }

        // ---- tables ----

        private void CreateTable()
        {
            int kind = _random.Next(100);
            if (kind < 45) { CreatePlainTable(); }
            else if (kind < 60) { CreatePartitionedTable(); }
            else if (kind < 68) { CreateInheritsTable(); }
            else if (kind < 80) { CreateLikeTable(); }
            else if (kind < 90) { CreateTableAs(); }
            else { SelectInto(); }
        }

        private void CreatePlainTable()
        {
            var (schema, name, reference) = NewTableName();
            bool unlogged = Chance(0.1);
            bool ifNotExists = Chance(0.15);
            var parts = new List<string>();
            bool inlinePk = Chance(0.35);
            bool tablePk = !inlinePk && Chance(0.3);
            parts.Add("id int" + (inlinePk ? " PRIMARY KEY" : Chance(0.5) ? " NOT NULL" : ""));
            parts.Add("a int" + (Chance(0.4) ? " NOT NULL" : "") + (Chance(0.2) ? " UNIQUE" : ""));
            parts.Add("b text" + (Chance(0.2) ? " NOT NULL" : ""));
            if (Chance(0.3))
            {
                parts.Add("c bigint");
            }
            if (tablePk)
            {
                parts.Add(Chance(0.5) ? "PRIMARY KEY (id)" : "CONSTRAINT " + Ident(name + "_pkey") + " PRIMARY KEY (id, a)");
            }
            if (Chance(0.25))
            {
                parts.Add("UNIQUE (a" + (Chance(0.5) ? ", b" : "") + ")" + (Chance(0.3) ? " DEFERRABLE" : ""));
            }
            Emit("CREATE " + (unlogged ? "UNLOGGED " : "") + "TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + reference
                + " (" + string.Join(", ", parts) + ")");
            TableShadow table = _shadow.AddTable(schema, name, parts.Any(p => p.StartsWith("c ", StringComparison.Ordinal)) ? new[] { "id", "a", "b", "c" } : new[] { "id", "a", "b" });
            if (inlinePk || tablePk)
            {
                table.Indexes.Add(name + "_pkey");
            }
            if (parts.Any(p => p.Contains("UNIQUE", StringComparison.Ordinal)))
            {
                table.Indexes.Add(name + "_a_key");
            }
        }

        private void CreatePartitionedTable()
        {
            var (schema, name, reference) = NewTableName();
            bool list = Chance(0.5);
            string key = Chance(0.5) ? ", PRIMARY KEY (id, a)" : "";
            Emit("CREATE TABLE " + reference + " (id int NOT NULL, a int NOT NULL, b text" + key + ") PARTITION BY "
                + (list ? "LIST" : "RANGE") + " (a)");
            TableShadow parent = _shadow.AddTable(schema, name, new[] { "id", "a", "b" });
            if (key.Length > 0)
            {
                parent.Indexes.Add(name + "_pkey");
            }
            parent.Partitioned = true;
            parent.ListPartitioned = list;
            int partitions = Math.Min(_random.Next(0, 3), _budget);
            for (int i = 0; i < partitions; i++)
            {
                CreatePartitionOf(parent);
            }
        }

        private void CreatePartitionOf(TableShadow parent)
        {
            int n = parent.NextPartition++;
            string leafName = parent.Name.ToLowerInvariant() + "_p" + n;
            string schema = Chance(0.8) ? parent.Schema : ExistingSchema();
            string bounds = parent.ListPartitioned ? "FOR VALUES IN (" + n + ")" : "FOR VALUES FROM (" + (n * 10) + ") TO (" + (n * 10 + 10) + ")";
            Emit("CREATE TABLE " + Qualified(schema, leafName) + " PARTITION OF " + Qualified(parent.Schema, parent.Name) + " " + bounds);
            _shadow.AddTable(schema, leafName, parent.Columns.ToArray()).PartitionOf = parent;
        }

        private void CreateInheritsTable()
        {
            TableShadow? parent = PickTable(t => !t.Partitioned);
            if (parent == null)
            {
                CreatePlainTable();
                return;
            }
            var (schema, name, reference) = NewTableName();
            Emit("CREATE TABLE " + reference + " (extra int) INHERITS (" + Qualified(parent.Schema, parent.Name) + ")");
            _shadow.AddTable(schema, name, parent.Columns.Concat(new[] { "extra" }).ToArray());
        }

        private void CreateLikeTable()
        {
            TableShadow? source = PickTable(_ => true);
            if (source == null)
            {
                CreatePlainTable();
                return;
            }
            var (schema, name, reference) = NewTableName();
            string[] options = { "", " INCLUDING ALL", " INCLUDING INDEXES", " INCLUDING CONSTRAINTS", " INCLUDING ALL EXCLUDING INDEXES" };
            Emit("CREATE TABLE " + reference + " (LIKE " + Qualified(source.Schema, source.Name) + Pick(options) + ")");
            _shadow.AddTable(schema, name, source.Columns.ToArray());
        }

        private void CreateTableAs()
        {
            TableShadow? source = PickTable(_ => true);
            var (schema, name, reference) = NewTableName();
            string query = source != null && Chance(0.6)
                ? "SELECT * FROM " + Qualified(source.Schema, source.Name)
                : "SELECT 1 AS id, 2 AS a, 'x'::text AS b";
            bool noData = Chance(0.3);
            Emit("CREATE TABLE " + reference + " AS " + query + (noData ? " WITH NO DATA" : ""));
            _shadow.AddTable(schema, name, source != null && query.Contains('*') ? source.Columns.ToArray() : new[] { "id", "a", "b" }).MayHaveRows = !noData;
        }

        private void SelectInto()
        {
            var (schema, name, reference) = NewTableName();
            Emit("SELECT 1 AS id, 2 AS a, 'x'::text AS b INTO " + (Chance(0.2) ? "UNLOGGED " : "") + reference);
            _shadow.AddTable(schema, name, new[] { "id", "a", "b" }).MayHaveRows = true;
        }

        // ---- ALTER TABLE ----

        /// <summary>DELETE needs no column, so it fails on the server only for a replica identity reason (or a missing table).</summary>
        private void Delete()
        {
            TableShadow? table = PickTable(_ => true);
            if (table == null)
            {
                CreateTable();
                return;
            }
            Emit("DELETE FROM " + (Chance(0.3) ? "ONLY " : "") + TableReference(table));
        }

        /// <summary>
        /// UPDATE ... SET col = col: rows of CREATE TABLE AS tables keep their values (a NULL written by SET col = DEFAULT
        /// would make a later SET NOT NULL or PRIMARY KEY fail on data, which no model sees), and, unlike WHERE false,
        /// no partition is pruned from the check. Legal for every column this generator makes (none is generated or
        /// an identity column). The column may be gone: then the server fails before any replica identity check.
        /// </summary>
        private void Update()
        {
            TableShadow? table = PickTable(_ => true);
            if (table == null)
            {
                CreateTable();
                return;
            }
            string column = Ident(PickColumn(table));
            Emit("UPDATE " + (Chance(0.3) ? "ONLY " : "") + TableReference(table) + " SET " + column + " = " + column);
        }

        private void AlterTable()
        {
            TableShadow? table = PickTable(_ => true);
            if (table == null)
            {
                CreateTable();
                return;
            }
            string target = TableReference(table);
            string only = Chance(0.3) ? "ONLY " : "";
            int kind = _random.Next(100);
            if (kind < 8)
            {
                string column = FreeColumnName(table);
                // Always a default: a table made by CREATE TABLE AS or SELECT INTO (or a child or copy of one) holds a
                // row, and a NULL there would make a later SET NOT NULL or key fail on data ("column ... contains null
                // values", REPLICAGUARD_SEED=2026, history 35284), which no model of the migration files can see.
                Emit("ALTER TABLE " + only + target + " ADD COLUMN " + (Chance(0.2) ? "IF NOT EXISTS " : "") + Ident(column) + " int" + (Chance(0.3) ? " NOT NULL DEFAULT 0" : " DEFAULT 0"));
                table.Columns.Add(column);
            }
            else if (kind < 16)
            {
                string column = PickColumn(table);
                Emit("ALTER TABLE " + target + " DROP COLUMN " + (Chance(0.2) ? "IF EXISTS " : "") + Ident(column) + (Chance(0.3) ? " CASCADE" : ""));
                table.Columns.Remove(column);
            }
            else if (kind < 26)
            {
                string columns = Chance(0.6) ? "id" : "id, a";
                bool named = Chance(0.5);
                Emit("ALTER TABLE " + only + target + " ADD " + (named ? "CONSTRAINT " + Ident(table.Name + "_pk") + " " : "") + "PRIMARY KEY (" + columns + ")");
                table.Indexes.Add(table.Name + (named ? "_pk" : "_pkey"));
            }
            else if (kind < 34)
            {
                string columns = Chance(0.5) ? "a" : Chance(0.5) ? "id" : "a, b";
                string deferrable = Chance(0.3) ? (Chance(0.5) ? " DEFERRABLE" : " DEFERRABLE INITIALLY IMMEDIATE") : "";
                string constraint = FreeIndexName(table.Schema);
                Emit("ALTER TABLE " + only + target + " ADD CONSTRAINT " + Ident(constraint) + " UNIQUE (" + columns + ")" + deferrable);
                table.Indexes.Add(constraint);
            }
            else if (kind < 40)
            {
                string constraint = PickIndexName(table);
                Emit("ALTER TABLE " + target + " DROP CONSTRAINT " + (Chance(0.3) ? "IF EXISTS " : "") + Ident(constraint) + (Chance(0.3) ? " CASCADE" : ""));
                table.Indexes.Remove(constraint);
            }
            else if (kind < 48)
            {
                Emit("ALTER TABLE " + target + " ALTER COLUMN " + Ident(PickColumn(table)) + (Chance(0.6) ? " SET NOT NULL" : " DROP NOT NULL"));
            }
            else if (kind < 66)
            {
                string[] modes = { "DEFAULT", "FULL", "NOTHING", "USING INDEX" };
                string mode = Pick(modes);
                if (mode == "USING INDEX")
                {
                    mode += " " + Ident(PickIndexName(table));
                }
                Emit("ALTER TABLE " + only + target + " REPLICA IDENTITY " + mode);
            }
            else if (kind < 70)
            {
                Emit("ALTER TABLE " + target + " ADD " + (Chance(0.5) ? "CONSTRAINT " + Ident(table.Name + "_pkey") + " " : "")
                    + "PRIMARY KEY USING INDEX " + Ident(PickIndexName(table)));
            }
            else if (kind < 76)
            {
                string newName = FreeTableName(table.Schema);
                Emit("ALTER TABLE " + target + " RENAME TO " + Ident(newName));
                _shadow.Rename(table, newName);
            }
            else if (kind < 80)
            {
                string column = PickColumn(table);
                string newName = FreeColumnName(table);
                Emit("ALTER TABLE " + target + " RENAME COLUMN " + Ident(column) + " TO " + Ident(newName));
                table.Columns.Remove(column);
                table.Columns.Add(newName);
            }
            else if (kind < 85)
            {
                string schema = ExistingSchema();
                Emit("ALTER TABLE " + target + " SET SCHEMA " + Ident(schema));
                _shadow.Move(table, schema);
            }
            else if (kind < 89)
            {
                Emit("ALTER TABLE " + target + (Chance(0.5) ? " SET LOGGED" : " SET UNLOGGED"));
            }
            else
            {
                AttachOrDetach();
            }
        }

        private void AttachOrDetach()
        {
            TableShadow? parent = PickTable(t => t.Partitioned);
            if (parent == null)
            {
                CreatePartitionedTable();
                return;
            }
            TableShadow? leaf = PickTable(t => t.PartitionOf == parent);
            if (leaf != null && Chance(0.5))
            {
                Emit("ALTER TABLE " + Qualified(parent.Schema, parent.Name) + " DETACH PARTITION " + Qualified(leaf.Schema, leaf.Name));
                leaf.PartitionOf = null;
                return;
            }
            if (Chance(0.4))
            {
                CreatePartitionOf(parent);
                return;
            }
            TableShadow? candidate = PickTable(t => !t.Partitioned && t.PartitionOf == null && t != parent);
            if (candidate == null)
            {
                CreatePartitionOf(parent);
                return;
            }
            int n = parent.NextPartition++;
            string bounds = parent.ListPartitioned ? "FOR VALUES IN (" + n + ")" : "FOR VALUES FROM (" + (n * 10) + ") TO (" + (n * 10 + 10) + ")";
            if (candidate.MayHaveRows)
            {
                // Its row (a = 2) lies outside every bound this generator writes: ATTACH would fail on data ("partition
                // constraint ... is violated by some row"), which no model of the migration files can see. TRUNCATE is
                // never checked for a replica identity.
                Emit("TRUNCATE ONLY " + Qualified(candidate.Schema, candidate.Name));
                candidate.MayHaveRows = false;
            }
            Emit("ALTER TABLE " + Qualified(parent.Schema, parent.Name) + " ATTACH PARTITION " + Qualified(candidate.Schema, candidate.Name) + " " + bounds);
            candidate.PartitionOf = parent;
        }

        // ---- indexes ----

        private void CreateIndex(bool allowConcurrently)
        {
            TableShadow? table = PickTable(_ => true);
            if (table == null)
            {
                CreateTable();
                return;
            }
            string name = FreeIndexName(table.Schema);
            bool unique = Chance(0.6);
            bool concurrently = allowConcurrently && Chance(0.5);
            string columns;
            int shape = _random.Next(10);
            if (shape < 5)
            {
                columns = Ident(PickColumn(table));
            }
            else if (shape < 7)
            {
                columns = Ident(PickColumn(table)) + ", " + Ident(PickColumn(table));
            }
            else if (shape < 8)
            {
                columns = "(" + Ident(PickColumn(table)) + " IS NOT NULL)";
            }
            else
            {
                columns = "id";
            }
            string include = Chance(0.1) ? " INCLUDE (b)" : "";
            string where = Chance(0.15) ? " WHERE " + Ident(PickColumn(table)) + " IS NOT NULL" : "";
            string ifNotExists = Chance(0.15) ? "IF NOT EXISTS " : "";
            string only = table.Partitioned && Chance(0.3) ? "ONLY " : "";
            Emit("CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "") + ifNotExists + Ident(name)
                + " ON " + only + TableReference(table) + " (" + columns + ")" + include + where);
            table.Indexes.Add(name);
        }

        private void DropOrRenameIndex()
        {
            TableShadow? table = PickTable(t => t.Indexes.Count > 0) ?? PickTable(_ => true);
            if (table == null)
            {
                CreateTable();
                return;
            }
            string name = PickIndexName(table);
            if (Chance(0.6))
            {
                Emit("DROP INDEX " + (Chance(0.3) ? "IF EXISTS " : "") + Qualified(table.Schema, name) + (Chance(0.2) ? " CASCADE" : ""));
                table.Indexes.Remove(name);
            }
            else
            {
                string newName = FreeIndexName(table.Schema);
                Emit("ALTER INDEX " + (Chance(0.2) ? "IF EXISTS " : "") + Qualified(table.Schema, name) + " RENAME TO " + Ident(newName));
                table.Indexes.Remove(name);
                table.Indexes.Add(newName);
            }
        }

        // ---- drops ----

        private void DropTableOrSchema()
        {
            if (Chance(0.2))
            {
                string schema = Pick(SchemaPool);
                Emit("DROP SCHEMA " + (Chance(0.5) ? "IF EXISTS " : "") + Ident(schema) + " CASCADE");
                _shadow.DropSchema(schema);
                return;
            }
            TableShadow? table = PickTable(_ => true);
            if (table == null)
            {
                return;
            }
            Emit("DROP TABLE " + (Chance(0.3) ? "IF EXISTS " : "") + TableReference(table) + (Chance(0.3) ? " CASCADE" : ""));
            _shadow.Drop(table);
        }

        // ---- publications ----

        private void CreatePublication()
        {
            string name = Pick(PublicationPool);
            int kind = _random.Next(100);
            string target;
            if (kind < 30)
            {
                target = " FOR ALL TABLES";
            }
            else if (kind < 60)
            {
                target = " FOR TABLE " + TableList();
            }
            else if (kind < 75)
            {
                target = " FOR TABLES IN SCHEMA " + SchemaList();
            }
            else if (kind < 90)
            {
                target = " FOR TABLE " + TableList() + ", TABLES IN SCHEMA " + SchemaList();
            }
            else
            {
                target = "";
            }
            Emit("CREATE PUBLICATION " + Ident(name) + target + WithOptions());
            _shadow.Publications.Add(name);
        }

        private void AlterPublication()
        {
            string name = _shadow.Publications.Count > 0 && Chance(0.85) ? Pick(_shadow.Publications.ToList()) : Pick(PublicationPool);
            string p = "ALTER PUBLICATION " + Ident(name);
            int kind = _random.Next(10);
            switch (kind)
            {
                case 0: Emit(p + " ADD TABLE " + TableList()); break;
                case 1: Emit(p + " DROP TABLE " + TableList(withFilters: false)); break;
                case 2: Emit(p + " SET TABLE " + TableList()); break;
                case 3: Emit(p + " ADD TABLES IN SCHEMA " + SchemaList()); break;
                case 4: Emit(p + " DROP TABLES IN SCHEMA " + SchemaList()); break;
                case 5: Emit(p + " SET TABLES IN SCHEMA " + SchemaList()); break;
                case 6:
                case 7:
                    Emit(p + " SET (publish = '" + Pick(PublishLists) + "')");
                    break;
                case 8:
                    Emit(p + " ADD TABLE " + TableList() + ", TABLES IN SCHEMA " + SchemaList());
                    break;
                default:
                    string newName = Pick(PublicationPool);
                    Emit(p + " RENAME TO " + Ident(newName));
                    _shadow.Publications.Remove(name);
                    _shadow.Publications.Add(newName);
                    break;
            }
        }

        private void DropPublication()
        {
            string name = _shadow.Publications.Count > 0 ? Pick(_shadow.Publications.ToList()) : Pick(PublicationPool);
            Emit("DROP PUBLICATION " + (Chance(0.4) ? "IF EXISTS " : "") + Ident(name));
            _shadow.Publications.Remove(name);
        }

        private string WithOptions()
        {
            var options = new List<string>();
            if (Chance(0.5))
            {
                string spacing = Chance(0.5) ? " = " : "=";
                options.Add("publish" + spacing + "'" + Pick(PublishLists) + "'");
            }
            if (Chance(0.2))
            {
                options.Add("publish_via_partition_root = " + (Chance(0.5) ? "true" : "false"));
            }
            return options.Count == 0 ? "" : " WITH (" + string.Join(", ", options) + ")";
        }

        private string TableList(bool withFilters = true)
        {
            int count = _random.Next(1, 4);
            var items = new List<string>();
            var used = new HashSet<TableShadow>();
            for (int i = 0; i < count; i++)
            {
                TableShadow? table = PickTable(t => !used.Contains(t));
                string item;
                if (table == null || Chance(0.1))
                {
                    item = Ident(Pick(TablePool));
                }
                else
                {
                    used.Add(table);
                    item = TableReference(table);
                }
                int form = _random.Next(6);
                item = form == 0 ? "ONLY " + item : form == 1 ? item + " *" : item;
                if (withFilters && IncludeRowFiltersAndColumnLists && table != null && form > 1)
                {
                    if (Chance(0.3))
                    {
                        item += " (" + string.Join(", ", table.Columns.Take(_random.Next(1, Math.Max(2, table.Columns.Count + 1))).Select(Ident)) + ")";
                    }
                    if (Chance(0.3) && table.Columns.Count > 0)
                    {
                        item += " WHERE (" + Ident(PickColumn(table)) + " IS NOT NULL)";
                    }
                }
                items.Add(item);
            }
            return string.Join(", ", items);
        }

        private string SchemaList()
        {
            var schemas = new List<string>();
            int count = _random.Next(1, 3);
            for (int i = 0; i < count; i++)
            {
                string schema = ExistingSchema();
                if (!schemas.Contains(schema))
                {
                    schemas.Add(schema);
                }
            }
            return string.Join(", ", schemas.Select(s => Chance(0.1) && s == _shadow.SearchPath.FirstOrDefault() ? "CURRENT_SCHEMA" : Ident(s)));
        }

        // ---- names ----

        /// <summary>A table name to create: qualified or (per the shadow search_path) unqualified.</summary>
        private (string Schema, string Name, string Reference) NewTableName()
        {
            string name = Pick(TablePool);
            if (Chance(0.5))
            {
                string schema = ExistingSchema();
                name = FreeTableName(schema);
                return (schema, name, Qualified(schema, name));
            }
            string resolved = _shadow.SearchPath.FirstOrDefault(s => s == "public" || _shadow.Schemas.Contains(s)) ?? "public";
            name = FreeTableName(resolved);
            return (resolved, name, Ident(name));
        }

        private string TableReference(TableShadow table)
        {
            bool unqualifiedResolves = _shadow.SearchPath.FirstOrDefault(s => s == "public" || _shadow.Schemas.Contains(s)) == table.Schema;
            return unqualifiedResolves && Chance(0.4) ? Ident(table.Name) : Qualified(table.Schema, table.Name);
        }

        /// <summary>public or a created schema; now and then any pool schema, which may not exist.</summary>
        private string ExistingSchema()
        {
            if (Chance(0.05))
            {
                return Pick(SchemaPool);
            }
            var existing = _shadow.Schemas.ToList();
            return existing.Count == 0 || Chance(0.4) ? "public" : Pick(existing);
        }

        /// <summary>Mostly a name not taken in the schema (re-creating a taken name is rarer, and it fails).</summary>
        private string FreeTableName(string schema)
        {
            var free = TablePool.Where(n => !_shadow.NameTaken(schema, n)).ToList();
            return free.Count > 0 && Chance(0.9) ? Pick(free) : Pick(TablePool);
        }

        private string FreeIndexName(string schema)
        {
            var free = IndexPool.Where(n => !_shadow.NameTaken(schema, n)).ToList();
            return free.Count > 0 && Chance(0.9) ? Pick(free) : Pick(IndexPool);
        }

        private string Qualified(string schema, string name) => Ident(schema) + "." + Ident(name);

        /// <summary>Mixed-case names must be quoted; lower-case ones are sometimes quoted or spelled in capitals.</summary>
        private string Ident(string name)
        {
            if (name.Any(char.IsUpper))
            {
                return "\"" + name + "\"";
            }
            int style = _random.Next(10);
            return style == 0 ? "\"" + name + "\"" : style == 1 ? name.ToUpperInvariant() : name;
        }

        private string PickColumn(TableShadow table) => table.Columns.Count == 0 || Chance(0.05) ? Pick(new[] { "id", "a", "b" }) : Pick(table.Columns);

        private string FreeColumnName(TableShadow table)
        {
            var free = ExtraColumnPool.Where(c => !table.Columns.Contains(c)).ToList();
            return free.Count > 0 && Chance(0.9) ? Pick(free) : Pick(ExtraColumnPool);
        }

        private string PickIndexName(TableShadow table)
        {
            if (table.Indexes.Count > 0 && Chance(0.85))
            {
                return Pick(table.Indexes);
            }
            string[] guesses = { table.Name + "_pkey", table.Name + "_a_key", Pick(IndexPool) };
            return Pick(guesses);
        }

        private TableShadow? PickTable(Func<TableShadow, bool> filter)
        {
            var matches = _shadow.Tables.Where(filter).ToList();
            return matches.Count == 0 ? null : matches[_random.Next(matches.Count)];
        }

        private bool Chance(double p) => _random.NextDouble() < p;

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        private void Emit(string sql)
        {
            if (_budget > 0)
            {
                _statements.Add(sql);
                _budget--;
            }
        }

        // ---- shadow state ----

        private sealed class TableShadow
        {
            public TableShadow(string schema, string name, IEnumerable<string> columns)
            {
                Schema = schema;
                Name = name;
                Columns = columns.ToList();
            }

            public string Schema { get; set; }
            public string Name { get; set; }
            public List<string> Columns { get; }
            public List<string> Indexes { get; } = new List<string>();
            public bool Partitioned { get; set; }
            public bool ListPartitioned { get; set; }
            public int NextPartition { get; set; } = 1;
            public TableShadow? PartitionOf { get; set; }

            /// <summary>Created with rows (CREATE TABLE AS without WITH NO DATA, SELECT INTO): one row (1, 2, 'x').</summary>
            public bool MayHaveRows { get; set; }
        }

        private sealed class Shadow
        {
            public HashSet<string> Schemas { get; } = new HashSet<string>(StringComparer.Ordinal);
            public List<TableShadow> Tables { get; } = new List<TableShadow>();
            public HashSet<string> Publications { get; } = new HashSet<string>(StringComparer.Ordinal);
            public List<string> SearchPath { get; set; } = new List<string> { "public" };

            public TableShadow AddTable(string schema, string name, string[] columns)
            {
                Tables.RemoveAll(t => t.Schema == schema && t.Name == name);
                var table = new TableShadow(schema, name, columns);
                Tables.Add(table);
                return table;
            }

            public void Rename(TableShadow table, string newName) => table.Name = newName;

            /// <summary>Tables and indexes share one namespace per schema.</summary>
            public bool NameTaken(string schema, string name) =>
                Tables.Any(t => t.Schema == schema && (t.Name == name || t.Indexes.Contains(name)));

            public void Move(TableShadow table, string schema) => table.Schema = schema;

            public void Drop(TableShadow table)
            {
                Tables.Remove(table);
                Tables.RemoveAll(t => t.PartitionOf == table);
            }

            public void DropSchema(string schema)
            {
                Schemas.Remove(schema);
                Tables.RemoveAll(t => t.Schema == schema);
            }
        }
    }
}
