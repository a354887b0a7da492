using Microsoft.VisualStudio.TestTools.UnitTesting;
using static ReplicaGuard.Tests.EngineTestHelper;

namespace ReplicaGuard.Tests
{
    /// <summary>One test per statement family: what the replay must conclude, as PostgreSQL 15 does.</summary>
    [TestClass]
    public sealed class ReplayTests
    {
        private const string AllTables = "CREATE PUBLICATION p FOR ALL TABLES;";

        [TestMethod]
        [DataRow("CREATE TABLE t (a int);", "public.t")]
        [DataRow("CREATE TABLE t (a int PRIMARY KEY);", "")]
        [DataRow("CREATE TABLE t (a int, CONSTRAINT k PRIMARY KEY (a));", "")]
        [DataRow("CREATE TABLE t (a int NOT NULL UNIQUE);", "public.t")] // a unique NOT NULL column is not the default identity
        [DataRow("CREATE TABLE t (a int PRIMARY KEY DEFERRABLE);", "public.t")] // deferrable keys never qualify
        [DataRow("CREATE UNLOGGED TABLE t (a int);", "")] // not publishable
        [DataRow("CREATE TEMP TABLE t (a int);", "")]
        [DataRow("CREATE TABLE t AS SELECT 1 AS a;", "public.t")]
        [DataRow("SELECT 1 AS a INTO t;", "public.t")]
        [DataRow("CREATE TABLE t (traversal_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL, id int PRIMARY KEY);", "")] // array types
        [DataRow("CREATE TABLE \"T\" (a int); CREATE TABLE t (a int PRIMARY KEY);", "public.T")] // quoted names keep case
        public void CreateTableForms(string sql, string expected)
        {
            Assert.AreEqual(expected, Missing(Run(AllTables + sql)));
        }

        [TestMethod]
        [DataRow("CREATE TABLE t (a int PRIMARY KEY); ALTER TABLE t REPLICA IDENTITY NOTHING;", "public.t")]
        [DataRow("CREATE TABLE t (a int); ALTER TABLE t REPLICA IDENTITY FULL;", "")]
        [DataRow("CREATE TABLE t (a int NOT NULL); CREATE UNIQUE INDEX i ON t (a); ALTER TABLE t REPLICA IDENTITY USING INDEX i;", "")]
        [DataRow("CREATE TABLE t (a int NOT NULL); CREATE UNIQUE INDEX i ON t (a); ALTER TABLE t REPLICA IDENTITY USING INDEX i; DROP INDEX i;", "public.t")]
        [DataRow("CREATE TABLE t (a int PRIMARY KEY); ALTER TABLE t DROP CONSTRAINT t_pkey;", "public.t")]
        [DataRow("CREATE TABLE t (a int PRIMARY KEY, b int); ALTER TABLE t DROP COLUMN a;", "public.t")]
        [DataRow("CREATE TABLE t (a int); ALTER TABLE t ADD PRIMARY KEY (a);", "")]
        [DataRow("CREATE TABLE t (a int); CREATE UNIQUE INDEX i ON t (a); ALTER TABLE t ADD CONSTRAINT k PRIMARY KEY USING INDEX i;", "")]
        [DataRow("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN id serial PRIMARY KEY;", "")]
        [DataRow("CREATE TABLE t (a int PRIMARY KEY); ALTER TABLE t SET UNLOGGED;", "")]
        [DataRow("CREATE UNLOGGED TABLE t (a int); ALTER TABLE t SET LOGGED;", "public.t")]
        public void IdentityChanges(string sql, string expected)
        {
            Assert.AreEqual(expected, Missing(Run(AllTables + sql)));
        }

        /// <summary>
        /// DROP NOT NULL without ONLY reaches inheritance children at every level, also where the child declared the
        /// column NOT NULL itself (PostgreSQL 15: ATSimpleRecursion), so an index on the child's column stops qualifying
        /// as its replica identity. Found by the differential run (REPLICAGUARD_SEED=90001, history 1435).
        /// </summary>
        [TestMethod]
        [DataRow("CREATE TABLE c (b int) INHERITS (p);", "ALTER TABLE p ALTER COLUMN a DROP NOT NULL;", "public.c")]
        [DataRow("CREATE TABLE c (b int) INHERITS (p);", "ALTER TABLE ONLY p ALTER COLUMN a DROP NOT NULL;", "")]
        [DataRow("CREATE TABLE c (a int NOT NULL, b int) INHERITS (p);", "ALTER TABLE p ALTER COLUMN a DROP NOT NULL;", "public.c")]
        [DataRow("CREATE TABLE m () INHERITS (p); CREATE TABLE c (b int) INHERITS (m);", "ALTER TABLE p ALTER COLUMN a DROP NOT NULL;", "public.c")]
        [DataRow("CREATE TABLE m () INHERITS (p); CREATE TABLE c (b int) INHERITS (m);", "ALTER TABLE ONLY p ALTER COLUMN a DROP NOT NULL;", "")]
        public void DropNotNullReachesInheritanceChildren(string child, string drop, string expected)
        {
            AnalysisResult result = Run("CREATE TABLE p (a int NOT NULL);" + child + "CREATE UNIQUE INDEX ci ON c (a);" + drop
                + "CREATE PUBLICATION pub FOR TABLE ONLY c; ALTER TABLE c REPLICA IDENTITY USING INDEX ci;");
            Assert.AreEqual(expected, Missing(result));
            Assert.AreEqual(expected == "" ? "" : "index \"ci\" cannot be used as replica identity because column \"a\" is nullable", Rejected(result));
        }

        /// <summary>
        /// DROP COLUMN drops an index whose WHERE predicate mentions the column (the predicate records a dependency), so
        /// its name is free again. Found by the differential run (REPLICAGUARD_SEED=2026, history 12548): the model kept
        /// the index, and a later SET SCHEMA into a schema with an index of that name was predicted to fail.
        /// </summary>
        [TestMethod]
        [DataRow("CREATE INDEX i2 ON s1.t ((a IS NOT NULL)) WHERE id IS NOT NULL;", "")]
        [DataRow("CREATE INDEX i2 ON s1.t (a) WHERE id > 0 AND a < 5;", "")]
        [DataRow("CREATE INDEX i2 ON s1.t (a) WHERE a > 0;", "relation \"i2\" already exists in schema \"m\"")]
        public void DropColumnDropsAnIndexWhosePredicateMentionsIt(string index, string expectedRejection)
        {
            AnalysisResult result = Run(AllTables + "CREATE SCHEMA s1; CREATE SCHEMA m; CREATE TABLE s1.t (id int, a int);" + index
                + "CREATE TABLE m.u (b int); CREATE INDEX i2 ON m.u (b); ALTER TABLE s1.t DROP COLUMN id; ALTER TABLE s1.t SET SCHEMA m;");
            Assert.AreEqual(expectedRejection, Rejected(result));
            Assert.AreEqual(expectedRejection == "" ? "m.t,m.u" : "m.u,s1.t", Missing(result));
        }

        /// <summary>Each child reached by DROP NOT NULL is checked as the table itself: a child's key on the column rejects the statement.</summary>
        [TestMethod]
        [DataRow("ALTER TABLE c ADD PRIMARY KEY (a);", "column \"a\" is in a primary key")]
        [DataRow("CREATE UNIQUE INDEX ci ON c (a); ALTER TABLE c REPLICA IDENTITY USING INDEX ci;", "column \"a\" is in index used as replica identity")]
        public void DropNotNullIsRejectedWhenAChildKeysTheColumn(string childKey, string rejection)
        {
            AnalysisResult result = Run(AllTables + "CREATE TABLE p (a int NOT NULL); CREATE TABLE c () INHERITS (p);" + childKey
                + "ALTER TABLE p ALTER COLUMN a DROP NOT NULL; CREATE UNIQUE INDEX pi ON p (a); ALTER TABLE p REPLICA IDENTITY USING INDEX pi;");
            Assert.AreEqual(rejection, Rejected(result));
            Assert.AreEqual("", Missing(result), "the rejected statement leaves p NOT NULL, so its index qualifies");
        }

        [TestMethod]
        [DataRow("ALTER TABLE m1 ADD COLUMN c int;")]
        [DataRow("ALTER TABLE ONLY m1 ADD COLUMN c int;")]
        [DataRow("ALTER TABLE m1 ADD COLUMN IF NOT EXISTS c int;")]
        [DataRow("ALTER TABLE m1 ADD COLUMN IF NOT EXISTS k int;")]
        [DataRow("ALTER TABLE m11 ADD COLUMN c int, ADD PRIMARY KEY (k);")]
        public void AddColumnToAPartitionIsRejectedAndChangesNothing(string alter)
        {
            var result = Run(AllTables + "CREATE TABLE m (k int) PARTITION BY LIST (k); CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1) PARTITION BY LIST (k);"
                + "CREATE TABLE m11 PARTITION OF m1 FOR VALUES IN (1);" + alter);
            Assert.AreEqual("cannot add column to a partition", Rejected(result));
            Assert.AreEqual("public.m11", Missing(result));
        }

        [TestMethod]
        public void AddColumnToAPartitionedParentOrAnInheritanceChildIsAccepted()
        {
            var result = Run("CREATE TABLE m (k int) PARTITION BY LIST (k); CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1); ALTER TABLE m ADD COLUMN c int;"
                + "CREATE TABLE p (a int); CREATE TABLE c () INHERITS (p); ALTER TABLE c ADD COLUMN b int;"
                + "ALTER TABLE m DETACH PARTITION m1; ALTER TABLE m1 ADD COLUMN d int;");
            Assert.AreEqual("", Rejected(result));
        }

        [TestMethod]
        public void ReplicaIdentityUsingANullableIndexIsRejectedAndChangesNothing()
        {
            var result = Run(AllTables + "CREATE TABLE t (a int); CREATE UNIQUE INDEX i ON t (a); ALTER TABLE t REPLICA IDENTITY USING INDEX i;");
            Assert.AreEqual("public.t", Missing(result));
            StringAssert.Contains(Rejected(result), "index \"i\" cannot be used as replica identity because column \"a\" is nullable");
        }

        [TestMethod]
        public void AlterTableRunsSubcommandsInPostgresPassOrder()
        {
            // The primary key is added after the column although it is written first.
            var result = Run(AllTables + "CREATE TABLE t (b int); ALTER TABLE t ADD PRIMARY KEY (a), ADD COLUMN a int;");
            Assert.AreEqual("", Missing(result), Rejected(result));
        }

        [TestMethod]
        public void ARejectedStatementLeavesNoTrace()
        {
            // The second action fails (no column c), so the first is rolled back too.
            var result = Run(AllTables + "CREATE TABLE t (a int PRIMARY KEY); ALTER TABLE t DROP CONSTRAINT t_pkey, ALTER COLUMN c SET NOT NULL;");
            Assert.AreEqual("", Missing(result));
        }

        [TestMethod]
        public void RollbackUndoesTheTransaction()
        {
            Assert.AreEqual("", Missing(Run(AllTables + "CREATE TABLE t (a int PRIMARY KEY); BEGIN; ALTER TABLE t DROP CONSTRAINT t_pkey; ROLLBACK;")));
            Assert.AreEqual("public.t", Missing(Run(AllTables + "CREATE TABLE t (a int PRIMARY KEY); BEGIN; ALTER TABLE t DROP CONSTRAINT t_pkey; COMMIT;")));
        }

        [TestMethod]
        [DataRow("SET search_path = s; CREATE TABLE t (a int);", "s.t")]
        [DataRow("SET search_path = missing, s; CREATE TABLE t (a int);", "s.t")]
        [DataRow("SELECT pg_catalog.set_config('search_path', 's', false); CREATE TABLE t (a int);", "s.t")]
        [DataRow("SET search_path = s; RESET search_path; CREATE TABLE t (a int);", "public.t")]
        [DataRow("SET LOCAL search_path = s; CREATE TABLE t (a int);", "public.t")] // no effect outside a transaction
        [DataRow("BEGIN; SET LOCAL search_path = s; CREATE TABLE t (a int); COMMIT;", "s.t")]
        [DataRow("CREATE SCHEMA x CREATE TABLE t (a int);", "x.t")]
        public void SearchPath(string sql, string expected)
        {
            Assert.AreEqual(expected, Missing(Run(AllTables + "CREATE SCHEMA s;" + sql)));
        }

        [TestMethod]
        public void EachFileStartsANewSession()
        {
            Assert.AreEqual("public.t", Missing(Run(AllTables + "CREATE SCHEMA s; SET search_path = s;", "CREATE TABLE t (a int);")));
        }

        [TestMethod]
        [DataRow("CREATE PUBLICATION p FOR TABLE t;", "public.t")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t WITH (publish = 'insert');", "")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t WITH (publish = '');", "")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t WITH (publish = ' Delete ');", "public.t")]
        [DataRow("CREATE PUBLICATION p FOR TABLES IN SCHEMA public;", "public.t")]
        [DataRow("CREATE PUBLICATION p FOR TABLES IN SCHEMA public; ALTER TABLE t SET SCHEMA s;", "")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t; ALTER TABLE t SET SCHEMA s;", "s.t")] // membership follows the object
        [DataRow("CREATE PUBLICATION p FOR TABLE t; DROP TABLE t; CREATE TABLE t (a int);", "")] // a new table is a new object
        [DataRow("CREATE PUBLICATION p; ALTER PUBLICATION p ADD TABLE t;", "public.t")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t; ALTER PUBLICATION p DROP TABLE t;", "")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t; ALTER PUBLICATION p SET TABLES IN SCHEMA s;", "")]
        [DataRow("CREATE PUBLICATION p FOR TABLES IN SCHEMA public; DROP SCHEMA s; ", "public.t")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t; ALTER PUBLICATION p SET (publish = 'insert');", "")]
        [DataRow("CREATE PUBLICATION p FOR TABLE t; DROP PUBLICATION p;", "")]
        public void PublicationForms(string sql, string expected)
        {
            Assert.AreEqual(expected, Missing(Run("CREATE SCHEMA s; CREATE TABLE t (a int);" + sql)));
        }

        [TestMethod]
        public void ForTableCoversInheritanceChildrenThatExistAtThatMoment()
        {
            Assert.AreEqual("public.c1,public.p", Missing(Run("CREATE TABLE p (a int); CREATE TABLE c1 () INHERITS (p); CREATE PUBLICATION pub FOR TABLE p; CREATE TABLE c2 () INHERITS (p);")));
            Assert.AreEqual("public.p", Missing(Run("CREATE TABLE p (a int); CREATE TABLE c1 () INHERITS (p); CREATE PUBLICATION pub FOR TABLE ONLY p;")));
        }

        [TestMethod]
        public void PartitionsAreCheckedAsLeavesAndFollowTheirParent()
        {
            string sql = "CREATE TABLE p (a int, b int) PARTITION BY LIST (a); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); CREATE PUBLICATION pub FOR TABLE p; CREATE TABLE p2 PARTITION OF p FOR VALUES IN (2);";
            Assert.AreEqual("public.p1,public.p2", Missing(Run(sql)));
            string keyed = "CREATE TABLE p (a int, b int, PRIMARY KEY (a)) PARTITION BY LIST (a); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); CREATE PUBLICATION pub FOR TABLE p;";
            Assert.AreEqual("", Missing(Run(keyed)));
            string onlyParent = "CREATE TABLE p (a int, b int) PARTITION BY LIST (a); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); ALTER TABLE ONLY p ADD PRIMARY KEY (a); CREATE PUBLICATION pub FOR TABLE p;";
            Assert.AreEqual("public.p1", Missing(Run(onlyParent)));
        }

        [TestMethod]
        public void LikeCopiesKeysButNotTheIdentitySetting()
        {
            Assert.AreEqual("", Missing(Run(AllTables + "CREATE TABLE s (a int PRIMARY KEY); ALTER TABLE s REPLICA IDENTITY NOTHING; CREATE TABLE t (LIKE s INCLUDING ALL); DROP TABLE s;")));
            Assert.AreEqual("public.t", Missing(Run(AllTables + "CREATE TABLE s (a int PRIMARY KEY); CREATE TABLE t (LIKE s); DROP TABLE s;")));
        }

        [TestMethod]
        public void InheritanceChildGetsNoKey()
        {
            Assert.AreEqual("public.c", Missing(Run(AllTables + "CREATE TABLE p (a int PRIMARY KEY); CREATE TABLE c (b int) INHERITS (p);")));
        }

        [TestMethod]
        public void GeneratedIndexNamesMatchPostgres()
        {
            // Later statements refer to the names PostgreSQL chose.
            var result = Run(AllTables + "CREATE TABLE t (a int NOT NULL UNIQUE, b int NOT NULL); CREATE UNIQUE INDEX ON t (b); CREATE UNIQUE INDEX ON t (b);"
                + "ALTER TABLE t REPLICA IDENTITY USING INDEX t_b_idx1; ALTER TABLE t DROP CONSTRAINT t_a_key; CREATE UNIQUE INDEX ON t (lower(b::text));"
                + "ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY USING INDEX t_b_idx; DROP INDEX t_lower_idx;");
            Assert.AreEqual("", Rejected(result), Rejected(result));
            Assert.AreEqual("", Missing(result));
        }

        [TestMethod]
        public void CopiedIndexIsNamedAfterTheOriginalsColumnNames()
        {
            // The index keeps the attribute names it was created with (b, id, b1 for the INCLUDE) when b is renamed to
            // d; LIKE ... INCLUDING INDEXES names the copy after them (checked on PostgreSQL 15: t3_b_id_b1_idx).
            var result = Run(AllTables + "CREATE TABLE t1 (id int NOT NULL, b text NOT NULL); CREATE UNIQUE INDEX ON t1 (b, id) INCLUDE (b);"
                + "ALTER TABLE t1 RENAME COLUMN b TO d; CREATE TABLE t3 (LIKE t1 INCLUDING INDEXES);"
                + "ALTER TABLE t3 ADD CONSTRAINT t3_pkey PRIMARY KEY USING INDEX t3_b_id_b1_idx;");
            Assert.AreEqual("", Rejected(result), Rejected(result));
            Assert.AreEqual("public.t1", Missing(result));
        }

        [TestMethod]
        public void CopiesAreNamedAfterTheColumnNamesTheIndexWasCreatedWith()
        {
            // Most indexes keep no names of their own: the model takes them from the key columns until the first
            // rename (the second rename must not take the new name). Checked on PostgreSQL 15: t3_b_id_idx after
            // b -> d -> e, p1_a_b_idx and p2_a_b_idx after b -> c.
            var result = Run(AllTables + "CREATE TABLE t (id int NOT NULL, b text NOT NULL); CREATE UNIQUE INDEX ON t (b, id);"
                + "ALTER TABLE t RENAME COLUMN b TO d; ALTER TABLE t RENAME COLUMN d TO e; CREATE TABLE t3 (LIKE t INCLUDING INDEXES);"
                + "ALTER TABLE t3 REPLICA IDENTITY USING INDEX t3_b_id_idx;"
                + "CREATE TABLE p (a int NOT NULL, b int NOT NULL) PARTITION BY RANGE (a); CREATE UNIQUE INDEX ON p (a, b);"
                + "ALTER TABLE p RENAME COLUMN b TO c; CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (10);"
                + "CREATE TABLE p2 (a int NOT NULL, c int NOT NULL); ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20);"
                + "ALTER TABLE p1 REPLICA IDENTITY USING INDEX p1_a_b_idx; ALTER TABLE p2 REPLICA IDENTITY USING INDEX p2_a_b_idx;");
            Assert.AreEqual("", Rejected(result), Rejected(result));
            Assert.IsTrue(result.Catalog.FindSchema("public")!.Relations.TryGetValue("t_b_id_idx", out Model.RelationObject found));
            var original = (Model.IndexObject)found;
            CollectionAssert.AreEqual(new[] { "b", "id" }, System.Linq.Enumerable.ToArray(original.NamingColumns));
            CollectionAssert.AreEqual(new[] { "e", "id" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(original.Columns, c => c!.Name)));
        }

        [TestMethod]
        public void TablesInSchemaIsRejectedBeforePostgres15()
        {
            var result = Run(14, new string[0], "CREATE TABLE t (a int); CREATE PUBLICATION p FOR TABLES IN SCHEMA public;");
            Assert.AreEqual("", Missing(result));
            Assert.AreEqual(1, System.Linq.Enumerable.Count(Of(result, "RG9001")));
        }

        [TestMethod]
        public void DoBlockThatChangesTablesIsReportedAsNotUnderstood()
        {
            var result = Run("DO $$ BEGIN EXECUTE 'ALTER TABLE ' || 'x' || ' REPLICA IDENTITY FULL'; END $$;");
            Assert.AreEqual(1, System.Linq.Enumerable.Count(Of(result, "RG9001")));
            Assert.AreEqual(0, Run("DO $$ BEGIN RAISE NOTICE 'hello'; END $$;").Diagnostics.Count);
        }

        [TestMethod]
        public void DiagnosticPointsAtTheLatestCauseWithTheOthersRelated()
        {
            var result = Run("CREATE TABLE t (a int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE t;\nALTER TABLE t DROP CONSTRAINT t_pkey;");
            var d = System.Linq.Enumerable.Single(Of(result, "RG1001"));
            Assert.AreEqual(2, d.Location.LineSpan.Start.Line);
            Assert.AreEqual(2, d.RelatedLocations.Count);
            Assert.AreEqual("public.t", d.ObjectName);
        }
    
        [TestMethod]
        public void SelectIntoWithoutATableNameIsNotUnderstoodRatherThanACrash()
        {
            // Found by the fuzzer: a psql variable where the name should be.
            var result = Run("SELECT * INTO :x FROM t;");
            Assert.AreEqual(1, System.Linq.Enumerable.Count(Of(result, "RG9001")));
        }
    
        [TestMethod]
        public void IncludeColumnsNameTheIndexAndDropItWithThem()
        {
            // Names checked on PostgreSQL 15: t1_p1_a_id_b_idx, t2_a_b_key, t2_a_b_idx; DROP COLUMN b drops both t2 indexes.
            var result = Run(AllTables
                + "CREATE TABLE t1 (id int NOT NULL, a int NOT NULL, b text) PARTITION BY RANGE (a);"
                + "CREATE TABLE t1_p1 PARTITION OF t1 FOR VALUES FROM (10) TO (20);"
                + "CREATE UNIQUE INDEX \"I1\" ON t1 (a, id) INCLUDE (b);"
                + "ALTER TABLE t1_p1 REPLICA IDENTITY USING INDEX t1_p1_a_id_b_idx;"
                + "CREATE TABLE t2 (a int NOT NULL, b int, UNIQUE (a) INCLUDE (b));"
                + "CREATE INDEX ON t2 (a) INCLUDE (b);"
                + "ALTER TABLE t2 REPLICA IDENTITY USING INDEX t2_a_b_key;"
                + "ALTER TABLE t2 DROP COLUMN b; DROP INDEX t2_a_b_idx;");
            Assert.AreEqual("relation \"t2_a_b_idx\" does not exist".Replace("relation", "index"), Rejected(result));
            Assert.AreEqual("public.t2", Missing(result));
        }
    
        [TestMethod]
        public void ATableListedTwiceWithAFilterOrColumnListIsRejected()
        {
            // PostgreSQL 15: "conflicting or redundant WHERE clauses / column lists for table".
            var where = Run(15, new string[0], "CREATE TABLE t (a int); CREATE PUBLICATION p FOR TABLE t WHERE (a > 0), t;");
            StringAssert.Contains(Rejected(where), "conflicting or redundant WHERE clauses for table \"t\"");
            var columns = Run(15, new string[0], "CREATE TABLE t (a int); CREATE PUBLICATION p FOR TABLE t, t (a);");
            StringAssert.Contains(Rejected(columns), "conflicting or redundant column lists for table \"t\"");
            Assert.AreEqual("", Rejected(Run(15, new string[0], "CREATE TABLE t (a int); CREATE PUBLICATION p FOR TABLE t, t;")));
        }

        [TestMethod]
        public void Postgres15RejectsAColumnListBesideTablesInSchema()
        {
            var result = Run(15, new string[0], "CREATE SCHEMA s; CREATE TABLE t (a int); CREATE PUBLICATION p FOR TABLE t (a), TABLES IN SCHEMA s;");
            StringAssert.Contains(Rejected(result), "cannot use column list for relation \"public.t\" in publication \"p\"");
        }

        [TestMethod]
        public void AnAddOfAMemberAddsNoneOfItsTablesOrSchemas()
        {
            // PostgreSQL 15: "relation \"b\" is already member of publication \"pub\"", and the statement adds nothing (the
            // replay returns this rejection instead of throwing it: the rollback must still happen).
            const string Tables = "CREATE TABLE a (x int); CREATE TABLE b (x int PRIMARY KEY); CREATE PUBLICATION pub FOR TABLE b;";
            AnalysisResult table = Run(15, new string[0], Tables + "ALTER PUBLICATION pub ADD TABLE a, b;");
            Assert.AreEqual("relation \"b\" is already member of publication \"pub\"", Rejected(table));
            Assert.AreEqual("", Missing(table), "a was not added");
            Assert.AreEqual(1, table.Catalog.FindPublication("pub")!.Tables.Count);

            const string Schema = "CREATE SCHEMA s; CREATE TABLE s.b (x int PRIMARY KEY); CREATE TABLE a (x int); CREATE PUBLICATION pub FOR TABLES IN SCHEMA s;";
            AnalysisResult schema = Run(15, new string[0], Schema + "ALTER PUBLICATION pub ADD TABLE a, TABLES IN SCHEMA s;");
            Assert.AreEqual("schema \"s\" is already member of publication \"pub\"", Rejected(schema));
            Assert.AreEqual("", Missing(schema), "a was not added");
            Assert.AreEqual(0, schema.Catalog.FindPublication("pub")!.Tables.Count);
        }

        [TestMethod]
        public void DeleteFromOnlyAPartitionedParentChecksNothing()
        {
            string history = "CREATE TABLE p (a int, b int) PARTITION BY LIST (a); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); CREATE PUBLICATION pub FOR ALL TABLES;";
            Assert.AreEqual(0, System.Linq.Enumerable.Count(Of(Run(history + "DELETE FROM ONLY p;"), "RG1002")));
            Assert.AreEqual(1, System.Linq.Enumerable.Count(Of(Run(history + "DELETE FROM p;"), "RG1002")));
        }
    }
}
