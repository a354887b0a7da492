using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using static ReplicaGuard.Tests.RuleTestHost;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Fixes that depend on the rest of the history (found by the server's fix verification on generated histories):
    /// the identity a key needs, which publications check the failing action, later names and earlier rejections.
    /// </summary>
    [TestClass]
    public sealed class LaterHistoryFixTests
    {
        private static string Titles(Diagnostic d) => string.Join("\n", d.Fixes.Select(f => f.EquivalenceKey + ": " + f.Title));

        [TestMethod]
        public void KeyFixUnderReplicaIdentityNothingAlsoResetsTheIdentity()
        {
            // A column list rules out FULL; a primary key is the identity only under REPLICA IDENTITY DEFAULT.
            string[] files = { "CREATE TABLE t (id int NOT NULL, b text);\nALTER TABLE t REPLICA IDENTITY NOTHING;\nCREATE PUBLICATION p FOR TABLE t (id, b);\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            CodeFix fix = FixOfKind(d, FixKinds.AddPrimaryKey);
            StringAssert.Contains(fix.Edits[0].NewText, "ADD PRIMARY KEY (id), REPLICA IDENTITY DEFAULT;");
            StringAssert.Contains(fix.Title, "REPLICA IDENTITY back to DEFAULT");
            var again = Analyze(ApplyFix(fix, files));
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void KeyFixUnderDefaultIdentityDoesNotResetIt()
        {
            Diagnostic d = Single(Analyze("CREATE TABLE t (id int NOT NULL, b text);\nCREATE PUBLICATION p FOR TABLE t;\nALTER TABLE t ADD COLUMN c int;\n"), "RG1001");
            Assert.IsFalse(FixOfKind(d, FixKinds.AddPrimaryKey).Edits[0].NewText.Contains("REPLICA IDENTITY"), Titles(d));
        }

        [TestMethod]
        public void DeleteFixMayRemoveTheTableFromTheOnlyPublicationThatPublishesDeletes()
        {
            string[] files = { "CREATE TABLE t (id int PRIMARY KEY, b text);\nCREATE PUBLICATION pu FOR TABLE t WITH (publish = 'update');\n"
                + "CREATE PUBLICATION pd FOR TABLE t WHERE (b IS NOT NULL), t2 WITH (publish = 'delete');\nDELETE FROM t;\n" };
            files[0] = "CREATE TABLE t2 (id int PRIMARY KEY);\n" + files[0];
            Diagnostic d = Only(Analyze(files), "RG1002").Single();
            CodeFix remove = FixOfKind(d, FixKinds.RemoveFromPublication);
            StringAssert.Contains(remove.Title, "pd");
            Assert.IsFalse(Analyze(ApplyFix(remove, files)).Any(x => x.Id == "RG1002"), "the update-only publication never checks a DELETE");
        }

        [TestMethod]
        public void UpdateFixIsNotRemovalWhenAnotherPublicationAlsoChecksUpdates()
        {
            string[] files = { "CREATE TABLE t2 (id int PRIMARY KEY);\nCREATE TABLE t (id int, b text);\nCREATE PUBLICATION pu FOR ALL TABLES WITH (publish = 'update');\n"
                + "CREATE PUBLICATION pd FOR TABLE t, t2;\nUPDATE t SET b = b;\n" };
            Diagnostic d = Only(Analyze(files), "RG1002").Single();
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.RemoveFromPublication), Titles(d));
        }

        [TestMethod]
        public void InheritanceChildListedWithoutItsParentCanBeRemoved()
        {
            string[] files = { "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE c (x int) INHERITS (a);\nCREATE TABLE u (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE c, u;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            string[] fixedFiles = ApplyFix(FixOfKind(d, FixKinds.RemoveFromPublication), files);
            Assert.AreEqual("CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE c (x int) INHERITS (a);\nCREATE TABLE u (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE u;\n", fixedFiles[0]);
        }

        [TestMethod]
        public void RejectedPublicationChangeBeforeTheListDoesNotBlockRemoval()
        {
            string[] files = { "CREATE TABLE t (id int);\nCREATE TABLE u (id int PRIMARY KEY);\nALTER PUBLICATION p ADD TABLE t;\nCREATE PUBLICATION p FOR TABLE t, u;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            FixOfKind(d, FixKinds.RemoveFromPublication);
        }

        [TestMethod]
        public void RejectedPublicationChangeAfterTheListBlocksRemoval()
        {
            // Already a member, the ADD fails; taken out of the list, it would succeed and publish t again.
            string[] files = { "CREATE TABLE t (id int);\nCREATE TABLE u (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE t, u;\nALTER PUBLICATION p ADD TABLE t;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.RemoveFromPublication), Titles(d));
        }

        [TestMethod]
        public void IndexFixBeforeTheStatementTakesAFreeNameWhenALaterStatementCreatesItsName()
        {
            string[] files = { "CREATE TABLE t (id int PRIMARY KEY, b text NOT NULL);\nCREATE PUBLICATION p FOR TABLE t WHERE (b IS NOT NULL);\nDELETE FROM t;\n"
                + "CREATE UNIQUE INDEX t_id_b_key ON t (id, b);\n" };
            Diagnostic d = Only(Analyze(files), "RG1002").Single();
            CodeFix fix = d.Fixes.First(f => f.Title.StartsWith("Create unique index", System.StringComparison.Ordinal));
            StringAssert.Contains(fix.Title, "t_id_b_key1", Titles(d));
            StringAssert.Contains(fix.Edits[0].NewText, "CREATE UNIQUE INDEX t_id_b_key1 ON public.t (id, b); ALTER TABLE public.t REPLICA IDENTITY USING INDEX t_id_b_key1;");
            Assert.IsFalse(Analyze(ApplyFix(fix, files)).Any(x => x.Id == "RG1002" || x.Id == "RG9001"));
        }
        [TestMethod]
        public void ColumnListMissingAnIdentityColumnGetsThemAdded()
        {
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b text, PRIMARY KEY (id, a)) PARTITION BY LIST (a);\n"
                + "CREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\nCREATE PUBLICATION p FOR TABLE t_p1 (id, b);\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            string[] fixedFiles = ApplyFix(FixOfKind(d, FixKinds.AddIdentityColumnsToColumnList), files);
            StringAssert.Contains(fixedFiles[0], "CREATE PUBLICATION p FOR TABLE t_p1 (id, b, a);");
            var again = Analyze(fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void PartitionPublishedThroughItsRootGetsTheRootsColumnListWidened()
        {
            // publish_via_partition_root: PostgreSQL checks each partition against the root's row filter and list.
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b text, PRIMARY KEY (id, a)) PARTITION BY LIST (a);\n"
                + "CREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\n"
                + "CREATE PUBLICATION p FOR TABLE t (id) WHERE (id IS NOT NULL) WITH (publish_via_partition_root = true);\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = FixOfKind(d, FixKinds.AddIdentityColumnsToColumnList);
            StringAssert.Contains(fix.Title, "partition root public.t");
            string[] fixedFiles = ApplyFix(fix, files);
            StringAssert.Contains(fixedFiles[0], "CREATE PUBLICATION p FOR TABLE t (id, a) WHERE (id IS NOT NULL)");
            var again = Analyze(fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void PartitionPublishedThroughItsRootGetsAKeyWidenedByTheRootsFilter()
        {
            // The root's filter names the root's column b; the partition's own b is what its key must contain.
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b int NOT NULL) PARTITION BY LIST (a);\n"
                + "CREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\n"
                + "CREATE PUBLICATION p FOR TABLE t WHERE (b > 0) WITH (publish_via_partition_root = true);\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = d.Fixes.First(f => f.EquivalenceKey == FixKinds.AddPrimaryKey);
            StringAssert.Contains(fix.Title, "(id, b)", Titles(d));
            var again = Analyze(ApplyFix(fix, files));
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void TableWithoutCandidateKeyUnderAColumnListGetsAKeyOnTheListedColumns()
        {
            // No id, identity or single column, and FULL fits no column list: the columns every list publishes.
            string[] files = { "CREATE TABLE t (a int NOT NULL, b text NOT NULL, c text);\n"
                + "CREATE PUBLICATION p1 FOR TABLE t (a, b);\nCREATE PUBLICATION p2 FOR TABLE t (b, a, c);\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            CodeFix fix = FixOfKind(d, FixKinds.AddPrimaryKey);
            StringAssert.Contains(fix.Title, "(a, b)");
            StringAssert.Contains(fix.Title, "duplicate values");
            var again = Analyze(ApplyFix(fix, files));
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        [DataRow("json")]
        [DataRow("xml")]
        [DataRow("point")]
        public void NoKeyOnAColumnWhoseTypeHasNoBtreeOrdering(string type)
        {
            Diagnostic d = Single(Analyze("CREATE TABLE t (payload " + type + ");\nCREATE PUBLICATION p FOR TABLE t;\n"), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.ReplicaIdentityFull), Titles(d));
        }

        [TestMethod]
        [DataRow("jsonb")]
        [DataRow("json[]")]
        [DataRow("json ARRAY")]
        public void KeyOnAColumnWhoseTypeHasABtreeOrderingIsOffered(string type)
        {
            Diagnostic d = Single(Analyze("CREATE TABLE t (payload " + type + ");\nCREATE PUBLICATION p FOR TABLE t;\n"), "RG1001");
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
        }

        [TestMethod]
        public void ColumnTypeFollowsAlterColumnTypeIntoPartitionsAndCopies()
        {
            // The root's ALTER COLUMN ... TYPE reaches its partition; a LIKE copy and a later partition take the type.
            string history = "CREATE TABLE t (id int NOT NULL, a int NOT NULL) PARTITION BY LIST (a);\nCREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\n"
                + "ALTER TABLE t ALTER COLUMN id TYPE json USING NULL;\nCREATE TABLE t_p2 PARTITION OF t FOR VALUES IN (2);\n"
                + "CREATE TABLE c (LIKE t_p1);\nCREATE PUBLICATION p FOR TABLE t_p1, t_p2, c (id);\n";
            var diagnostics = Analyze(history);
            foreach (string table in new[] { "public.t_p1", "public.t_p2", "public.c" })
            {
                Diagnostic d = diagnostics.Single(x => x.Id == "RG1001" && x.ObjectName == table);
                Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey && f.Title.Contains("(id")), table + ":\n" + Titles(d));
            }
            Diagnostic back = Analyze(history.Replace("CREATE PUBLICATION", "ALTER TABLE c ALTER COLUMN id SET DATA TYPE bigint;\nCREATE PUBLICATION"))
                .Single(x => x.Id == "RG1001" && x.ObjectName == "public.c");
            Assert.IsTrue(back.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey && f.Title.Contains("(id)")), Titles(back));
        }

        [TestMethod]
        public void ListedColumnsAreNoKeyWhenTheTableHasAKnownCandidate()
        {
            Diagnostic d = Single(Analyze("CREATE TABLE t (id int, a int NOT NULL);\nCREATE PUBLICATION p FOR TABLE t (id, a);\n"), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.Title.Contains("(id, a)") || f.Title.Contains("(a)")), Titles(d));
        }

        [TestMethod]
        public void NoRemovalFromAPublicationWhoseLaterAddIsRejected()
        {
            // ADD TABLES IN SCHEMA is rejected while p lists a table with a column list; without t it would succeed
            // and publish s.x, which has no identity.
            string history = "CREATE TABLE t (id int, a int);\nCREATE TABLE u (id int PRIMARY KEY);\nCREATE SCHEMA s;\nCREATE TABLE s.x (id int);\n"
                + "CREATE PUBLICATION p FOR TABLE t (id, a), u;\n";
            // PostgreSQL 15 (16 lifted the restriction).
            Diagnostic before = Single(Analyze(Settings(version: 15), history), "RG1001");
            Assert.IsTrue(before.Fixes.Any(f => f.EquivalenceKey == FixKinds.RemoveFromPublication), Titles(before));
            Diagnostic d = Single(Analyze(Settings(version: 15), history + "ALTER PUBLICATION p ADD TABLES IN SCHEMA s;\n"), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.RemoveFromPublication), Titles(d));
        }

        [TestMethod]
        public void PartitionListedWithoutItsRootCanBeRemoved()
        {
            string[] files = { "CREATE TABLE t (id int, a int NOT NULL) PARTITION BY LIST (a);\nCREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\n"
                + "CREATE TABLE u (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE t_p1, u;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            StringAssert.Contains(ApplyFix(FixOfKind(d, FixKinds.RemoveFromPublication), files)[0], "CREATE PUBLICATION p FOR TABLE u;");
        }

        [TestMethod]
        public void PartitionWhoseRootIsPublishedIsNotRemoved()
        {
            string[] files = { "CREATE TABLE t (id int, a int NOT NULL) PARTITION BY LIST (a);\nCREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\n"
                + "CREATE PUBLICATION p FOR TABLE t_p1, t;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.RemoveFromPublication), Titles(d));
        }

        [TestMethod]
        public void StatementFixAddsNoKeyWhenALaterStatementAddsOneEvenIfItIsDroppedAgain()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\n"
                + "ALTER TABLE t ADD CONSTRAINT t_k PRIMARY KEY (id);\nALTER TABLE t DROP CONSTRAINT t_k;\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
        }

        [TestMethod]
        public void StatementFixAddsNoKeyWhoseIndexNameALaterStatementDrops()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\n"
                + "CREATE UNIQUE INDEX t_pkey ON t (id);\nDROP INDEX IF EXISTS t_pkey;\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), "the later DROP INDEX would hit the key's index:\n" + Titles(d));
        }

        [TestMethod]
        public void StatementFixPromotesNoIndexALaterStatementDropsByName()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE UNIQUE INDEX t_id ON t (id);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\n"
                + "DROP INDEX t_id;\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.PromoteIndexToPrimaryKey), "promoting renames t_id:\n" + Titles(d));
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.ReplicaIdentityUsingIndex), Titles(d));
        }

        [TestMethod]
        public void StatementFixPromotesNoIndexALaterReplicaIdentityNames()
        {
            // Promoting renames i1 to t_pkey: the later REPLICA IDENTITY USING INDEX i1 would then fail.
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE UNIQUE INDEX i1 ON t (id);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\n"
                + "ALTER TABLE t REPLICA IDENTITY USING INDEX i1;\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.PromoteIndexToPrimaryKey), Titles(d));
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.ReplicaIdentityUsingIndex), Titles(d));
        }

        [TestMethod]
        public void KeyFixIsOfferedWhenOnlyAnEarlierStatementNamesTheKeysIndex()
        {
            // The key's index is renamed, the key dropped: "t_pkey" was named before the fix lands, so the fix is safe.
            string history = "CREATE TABLE t (id int PRIMARY KEY, a int);\nALTER INDEX t_pkey RENAME TO i3;\nALTER TABLE t DROP CONSTRAINT i3;\n"
                + "CREATE PUBLICATION p FOR TABLE t (id, a);\n";
            Diagnostic d = Single(Analyze(history), "RG1001");
            CodeFix fix = FixOfKind(d, FixKinds.AddPrimaryKey);
            var again = Analyze(ApplyFix(fix, new[] { history }));
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void KeyFixIsNotOfferedWhenAStatementAfterItNamesTheKeysIndex()
        {
            // The fix lands inside the CREATE; the later DROP INDEX IF EXISTS t_pkey would then drop the new key.
            Diagnostic d = Single(Analyze("CREATE TABLE t (id int, a int);\nDROP INDEX IF EXISTS t_pkey;\nCREATE PUBLICATION p FOR TABLE t (id, a);\n"), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
        }

        [TestMethod]
        public void EndOfHistoryFixPromotesAnIndexAnEarlierReplicaIdentityNamed()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE UNIQUE INDEX i1 ON t (id);\nALTER TABLE t REPLICA IDENTITY USING INDEX i1;\n"
                + "ALTER TABLE t REPLICA IDENTITY NOTHING;\nCREATE PUBLICATION p FOR TABLE t;\n"), "RG1001");
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.PromoteIndexToPrimaryKey), Titles(d));
        }

        [TestMethod]
        public void RowFilterOnATableWithoutKeyGetsAKeyWidenedByTheFilterColumns()
        {
            string[] files = { "CREATE TABLE t (id int NOT NULL, b text);\nCREATE PUBLICATION p FOR TABLE t (id, b) WHERE (b IS NOT NULL);\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = FixOfKind(d, FixKinds.AddPrimaryKey);
            StringAssert.Contains(fix.Title, "(id, b)");
            var again = Analyze(ApplyFix(fix, files));
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }
        [TestMethod]
        public void RemovalFindsTheSchemaQualifiedItemBesideAnUnqualifiedNamesake()
        {
            string[] files = { "CREATE SCHEMA s1;\nCREATE TABLE t3 (id int PRIMARY KEY);\nCREATE TABLE s1.t3 (id int NOT NULL, c int);\n"
                + "CREATE PUBLICATION p FOR TABLE t3, s1.t3;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            StringAssert.Contains(ApplyFix(FixOfKind(d, FixKinds.RemoveFromPublication), files)[0], "CREATE PUBLICATION p FOR TABLE t3;");
        }
        [TestMethod]
        public void KeyFixGoesAfterALikeThatCopiesTheTable()
        {
            // Inside the CREATE, LIKE ... INCLUDING INDEXES would copy the new key to t3 too.
            string[] files = { "CREATE TABLE items (id int NOT NULL, b text);\nCREATE TABLE t3 (LIKE items INCLUDING INDEXES);\nCREATE PUBLICATION p FOR TABLE items;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            string fixedText = ApplyFix(FixOfKind(d, FixKinds.AddPrimaryKey), files)[0];
            Assert.AreEqual("CREATE TABLE items (id int NOT NULL, b text);\nCREATE TABLE t3 (LIKE items INCLUDING INDEXES);\n"
                + "CREATE PUBLICATION p FOR TABLE items;\nALTER TABLE public.items ADD PRIMARY KEY (id);\n", fixedText);
        }
        [TestMethod]
        public void RowFilterNoIdentityCanFitIsRemovedAsALastResort()
        {
            // The identity must contain b (the filter) and stay inside the list (id, a): nothing fits.
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b text, PRIMARY KEY (id, a));\nCREATE PUBLICATION everything FOR ALL TABLES;\n"
                + "CREATE PUBLICATION p FOR TABLE t (id, a) WHERE (b IS NOT NULL);\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = FixOfKind(d, FixKinds.RemoveRowFilter);
            StringAssert.Contains(fix.Title, "publishes every row");
            string[] fixedFiles = ApplyFix(fix, files);
            StringAssert.Contains(fixedFiles[0], "CREATE PUBLICATION p FOR TABLE t (id, a);");
            var again = Analyze(fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void RowFilterNoKeyCanFitIsRemovedWithTheKeyThatFitsTheRest()
        {
            // No identity: the key must contain E (p3's filter) and stay inside p2's list (id, a): nothing fits, and
            // removing the filter alone leaves the table without identity.
            string[] files = { "CREATE TABLE foo (id int, a int, \"E\" int);\nCREATE PUBLICATION p3 FOR TABLE foo WHERE (\"E\" IS NOT NULL);\n"
                + "CREATE PUBLICATION p2 FOR TABLE foo (id, a) WITH (publish = 'update');\n" };
            var diagnostics = Analyze(files);
            Diagnostic d = Only(diagnostics, "RG1004").First(x => x.Message.Contains("row filter"));
            CodeFix fix = FixOfKind(d, FixKinds.RemoveRowFilter);
            StringAssert.Contains(fix.Title, "Add a primary key (id) to public.foo");
            StringAssert.Contains(fix.Title, "publishes every row");
            string[] fixedFiles = ApplyFix(fix, files);
            StringAssert.Contains(fixedFiles[0], "CREATE PUBLICATION p3 FOR TABLE foo;");
            var again = Analyze(fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void MissingIdentityWhereOnlyRemovingAFilterLetsAKeyFitGetsThatFix()
        {
            // RG1001 (p2 checks UPDATE, the table has no identity): a key must fit p1's filter (b) and list (id) at once.
            string[] files = { "CREATE TABLE t (id int, a int, b text);\nCREATE PUBLICATION p1 FOR TABLE t (id) WHERE (b IS NOT NULL) WITH (publish = 'delete');\n"
                + "CREATE PUBLICATION p2 FOR TABLE t WITH (publish = 'update');\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            CodeFix fix = FixOfKind(d, FixKinds.RemoveRowFilter);
            StringAssert.Contains(fix.Title, "Add a primary key (id)");
            var again = Analyze(ApplyFix(fix, files));
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void StatementFixWhoseKeyALaterFilterRulesOutAlsoRemovesThatFilter()
        {
            // Before the UPDATE the key must be (id) for p3's later list, and then p3's later filter on a cannot fit.
            string history = "CREATE TABLE t (id int, a int, b text);\nCREATE PUBLICATION p2 FOR ALL TABLES;\nUPDATE t SET a = a;\n"
                + "CREATE PUBLICATION p3 FOR TABLE t (id) WHERE (a IS NOT NULL);\n";
            Diagnostic d = Only(Analyze(history), "RG1002").Single();
            CodeFix fix = d.Fixes.Single(f => !f.EquivalenceKey.StartsWith("ReplicaGuard.Suppress", System.StringComparison.Ordinal));
            Assert.AreEqual(FixKinds.RemoveRowFilter, fix.EquivalenceKey, Titles(d));
            StringAssert.Contains(fix.Title, "Add a primary key (id)");
            StringAssert.Contains(fix.Title, "publication p3");
            var again = Analyze(ApplyFix(fix, new[] { history }));
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void PublicationListFixesFindTheItemOfATableMovedToAnotherSchemaLater()
        {
            // The item says "public".items; the table is m.items by the end: the fix edits the item that added the row.
            string[] files = { "CREATE SCHEMA m;\nCREATE TABLE items (id int, a int);\nCREATE PUBLICATION p3 FOR TABLE \"public\".items (id) WHERE (a IS NOT NULL);\n"
                + "ALTER TABLE public.items SET SCHEMA m;\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = FixOfKind(d, FixKinds.RemoveFromPublication);
            string[] fixedFiles = ApplyFix(fix, files);
            StringAssert.Contains(fixedFiles[0], "CREATE PUBLICATION p3;");
            var again = Analyze(fixedFiles);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal)), Describe(again));
        }

        [TestMethod]
        public void ColumnListIsNotWidenedWhenTheRowFilterDoesNotFitEither()
        {
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b text, PRIMARY KEY (id, a));\n"
                + "CREATE PUBLICATION p FOR TABLE t (id, b) WHERE (b IS NOT NULL);\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddIdentityColumnsToColumnList), Titles(d));
        }
        [TestMethod]
        public void StatementFixSetsNoIdentityThatALaterColumnListLeavesOut()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL, a int NOT NULL, b text);\nCREATE UNIQUE INDEX t_a ON t (a);\nCREATE PUBLICATION p FOR ALL TABLES;\n"
                + "UPDATE t SET b = b;\nCREATE PUBLICATION p2 FOR TABLE t (id, b);\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.Title.Contains("t_a") || f.EquivalenceKey == FixKinds.ReplicaIdentityFull), "p2's list leaves out a, and FULL fits no list:\n" + Titles(d));
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey && f.Title.Contains("(id)")), Titles(d));
        }
        [TestMethod]
        public void StatementFixAddsNoKeyThatALaterLikeCopies()
        {
            // The copy would get the key too, and its own ADD PRIMARY KEY later fails.
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\n"
                + "CREATE TABLE c (LIKE t INCLUDING ALL);\nALTER TABLE c ADD PRIMARY KEY (id);\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
        }
        [TestMethod]
        [DataRow("", true)]
        [DataRow("ALTER TABLE c ALTER COLUMN id DROP NOT NULL;\n", false)]
        [DataRow("CREATE INDEX c_pkey ON c (id);\n", false)]
        [DataRow("CREATE TABLE c2 (LIKE c INCLUDING INDEXES);\nALTER TABLE c2 ADD PRIMARY KEY (id);\n", false)]
        [DataRow("CREATE TABLE c2 (LIKE c INCLUDING INDEXES);\nALTER TABLE c2 ADD COLUMN e int;\n", true)]
        public void StatementFixAddsAKeyALaterLikeCopiesOnlyWhereTheCopyTakesIt(string afterCopy, bool offered)
        {
            // The copy gets the key too: fine unless a later statement on the copy (or on its own copy) then fails.
            string history = "CREATE TABLE t (id int NOT NULL);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\n"
                + "CREATE TABLE c (LIKE t INCLUDING ALL);\n" + afterCopy;
            var d = Single(Analyze(history), "RG1002");
            CodeFix? key = d.Fixes.FirstOrDefault(f => f.EquivalenceKey == FixKinds.AddPrimaryKey);
            Assert.AreEqual(offered, key != null, Titles(d));
            if (key != null)
            {
                var again = Analyze(ApplyFix(key, new[] { history }));
                Assert.IsFalse(again.Any(x => x.Id == "RG1002" || x.Id == "RG9001" || x.Id == "RG1003"), Describe(again));
            }
        }

        [TestMethod]
        public void LaterDropNotNullThatPostgresRejectsAnywayDoesNotRuleOutTheKey()
        {
            // The partition's DROP NOT NULL fails with "column is marked NOT NULL in parent table" with or without the key.
            string history = "CREATE TABLE t (id int NOT NULL, a int NOT NULL) PARTITION BY LIST (a);\nCREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\n"
                + "CREATE PUBLICATION p FOR TABLE t_p1;\nUPDATE t_p1 SET a = a;\nALTER TABLE t_p1 ALTER COLUMN id DROP NOT NULL;\n";
            var d = Only(Analyze(history), "RG1002").Single();
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey && f.Title.Contains("(id)")), Titles(d));
            var accepted = Single(Analyze(history.Replace("ALTER TABLE t_p1 ALTER COLUMN id DROP NOT NULL", "ALTER TABLE t ALTER COLUMN id DROP NOT NULL")), "RG1002");
            Assert.IsFalse(accepted.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey && f.Title.Contains("(id)")), "the root's DROP NOT NULL succeeds and reaches the partition:\n" + Titles(accepted));
        }

        [TestMethod]
        public void StatementFixAddsNoKeyThatWouldLetALaterRejectedAttachSucceed()
        {
            // The ATTACH fails: t.id is nullable and p.id NOT NULL. A key on t (id) before it would make it succeed.
            string history = "CREATE TABLE p (id int NOT NULL, a int NOT NULL) PARTITION BY LIST (a);\nCREATE TABLE t (id int, a int NOT NULL);\n"
                + "CREATE PUBLICATION pub FOR ALL TABLES;\nDELETE FROM t;\nALTER TABLE p ATTACH PARTITION t FOR VALUES IN (1);\n";
            var d = Single(Analyze(history), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            var accepted = Single(Analyze(history.Replace("CREATE TABLE t (id int,", "CREATE TABLE t (id int NOT NULL,")), "RG1002");
            Assert.IsTrue(accepted.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), "the ATTACH succeeds anyway:\n" + Titles(accepted));
        }

        [TestMethod]
        public void StatementFixAddsNoKeyWhenTheLikeCopyDeclaresItsOwn()
        {
            var d = Single(Analyze("CREATE TABLE t (id int NOT NULL);\nCREATE PUBLICATION p FOR TABLE t;\nUPDATE t SET id = 1;\n"
                + "CREATE TABLE c (LIKE t INCLUDING INDEXES, PRIMARY KEY (id));\n"), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
        }

        [TestMethod]
        public void FixGoesAfterAnAlterOfTheParentThatRenamesAnInheritedColumn()
        {
            // The fix uses the column's final name "d": placed before the parent's RENAME it would name a column
            // that does not exist yet.
            string[] files = { "CREATE TABLE p (id int, a int);\nCREATE TABLE c (extra int) INHERITS (p);\nCREATE PUBLICATION pub FOR TABLE c;\n"
                + "ALTER TABLE p RENAME COLUMN a TO d;\n" };
            Diagnostic d = Only(Analyze(files), "RG1001").Single(x => x.ObjectName == "public.c");
            string fixedText = ApplyFix(FixOfKind(d, FixKinds.ReplicaIdentityFull), files)[0];
            Assert.IsTrue(fixedText.IndexOf("REPLICA IDENTITY FULL", System.StringComparison.Ordinal) > fixedText.IndexOf("RENAME COLUMN", System.StringComparison.Ordinal), fixedText);
        }

        private static void AssertNoIdentityResults(string[] files, string table)
        {
            var again = Analyze(files);
            Assert.IsFalse(again.Any(x => x.Id.StartsWith("RG1", System.StringComparison.Ordinal) && x.ObjectName == table), Describe(again));
        }

        [TestMethod]
        public void RejectedConstraintOfTheKeysNameDoesNotBlockTheKeyFix()
        {
            // t_a_key already belongs to the UNIQUE constraint: the later ADD CONSTRAINT t_pkey fails with or without a key.
            string history = "CREATE TABLE t (id int NOT NULL, a int NOT NULL, UNIQUE (a));\nCREATE PUBLICATION p FOR ALL TABLES;\nDELETE FROM t;\n"
                + "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_a_key;\n";
            var d = Single(Analyze(history), "RG1002");
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            var accepted = Single(Analyze(history.Replace("PRIMARY KEY USING INDEX t_a_key", "UNIQUE (id)")), "RG1002");
            Assert.IsFalse(accepted.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), "the accepted constraint would find t_pkey taken:\n" + Titles(accepted));
        }

        [TestMethod]
        public void IndexNameDroppedBeforeTheStatementDoesNotBlockTheKeyFix()
        {
            // The CREATE is in another file, so the fix lands right before the DELETE, after the DROP INDEX.
            string[] files = { "CREATE TABLE t (id int NOT NULL, b text);\nDROP INDEX IF EXISTS t_pkey;\n", "CREATE PUBLICATION p FOR ALL TABLES;\nDELETE FROM t;\n" };
            var d = Single(Analyze(files), "RG1002");
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            var later = Single(Analyze(files[0], files[1] + "DROP INDEX IF EXISTS t_pkey;\n"), "RG1002");
            Assert.IsFalse(later.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), "a later DROP INDEX would drop the new key:\n" + Titles(later));
        }

        [TestMethod]
        public void FullIdentityUnderAColumnListAndAFilterGetsAKeyAndLosesTheFilter()
        {
            // The filter needs a in the identity, the list allows only id, and FULL fits no list.
            string[] files = { "CREATE TABLE t (id int, a int, b text);\nCREATE PUBLICATION p3 FOR TABLE t (id);\n"
                + "CREATE PUBLICATION p1 FOR TABLE t WHERE (a IS NOT NULL);\nALTER TABLE t REPLICA IDENTITY FULL;\n" };
            Diagnostic d = Only(Analyze(files), "RG1004").First();
            CodeFix fix = FixOfKind(d, FixKinds.RemoveRowFilter);
            StringAssert.Contains(fix.Edits[0].NewText, "ADD PRIMARY KEY (id), REPLICA IDENTITY DEFAULT;");
            AssertNoIdentityResults(ApplyFix(fix, files), "public.t");
        }

        [TestMethod]
        public void StatementFixKeysOnTheColumnsOfAListAddedLater()
        {
            // No candidate key at the UPDATE, and the later list rules out FULL: a key inside the later list.
            string[] files = { "CREATE TABLE t (a int NOT NULL, b text, c int);\nCREATE PUBLICATION p FOR ALL TABLES;\nUPDATE t SET c = c;\n"
                + "CREATE PUBLICATION q FOR TABLE t (a);\n" };
            var d = Single(Analyze(files), "RG1002");
            CodeFix key = FixOfKind(d, FixKinds.AddPrimaryKey);
            StringAssert.Contains(key.Title, "(a)");
            AssertNoIdentityResults(ApplyFix(key, files), "public.t");
        }

        [TestMethod]
        public void StatementFixBeforeALaterPrimaryKeyUsesAUniqueIndexAsTheIdentity()
        {
            string[] files = { "CREATE TABLE t (id int, b text);\nCREATE PUBLICATION p FOR ALL TABLES;\nUPDATE t SET b = b;\nALTER TABLE t ADD PRIMARY KEY (id);\n" };
            var d = Single(Analyze(files), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            CodeFix index = FixOfKind(d, FixKinds.ReplicaIdentityUsingIndex);
            StringAssert.Contains(index.Edits[0].NewText, "CREATE UNIQUE INDEX t_id_key ON public.t (id)");
            StringAssert.Contains(index.Title, "duplicate values");
            string[] fixedFiles = ApplyFix(index, files);
            AssertNoIdentityResults(fixedFiles, "public.t");
            None(Analyze(fixedFiles), "RG1003");
        }

        [TestMethod]
        public void KeyThatIsNotTheIdentityBecomesItWhenTheFilterGoes()
        {
            // The later ADD fails (already a member); taken out of the list, t would be added back: no removal.
            string[] files = { "CREATE TABLE t (id int PRIMARY KEY, b text);\nALTER TABLE t REPLICA IDENTITY NOTHING;\nCREATE PUBLICATION p FOR TABLE t (id) WHERE (b IS NOT NULL);\n"
                + "ALTER PUBLICATION p ADD TABLE t;\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = FixOfKind(d, FixKinds.RemoveRowFilter);
            StringAssert.Contains(fix.Edits[0].NewText, "REPLICA IDENTITY DEFAULT;");
            AssertNoIdentityResults(ApplyFix(fix, files), "public.t");
        }

        [TestMethod]
        public void ChildPublishedThroughItsParentsItemLosesTheParentsFilter()
        {
            // Without ONLY, the child is published with the parent's list and filter; its own key cannot contain b.
            string[] files = { "CREATE TABLE t (id int NOT NULL, b text);\nCREATE TABLE c (x int) INHERITS (t);\nALTER TABLE t REPLICA IDENTITY FULL;\n"
                + "CREATE PUBLICATION p FOR TABLE t (id) WHERE (b IS NOT NULL);\n" };
            Diagnostic d = Only(Analyze(files), "RG1004").Single(x => x.ObjectName == "public.c");
            CodeFix fix = FixOfKind(d, FixKinds.RemoveRowFilter);
            StringAssert.Contains(fix.Title, "parent's list item");
            AssertNoIdentityResults(ApplyFix(fix, files), "public.c");
        }

        [TestMethod]
        public void FilterRemovalAlsoWidensAColumnListThatLeavesOutTheKey()
        {
            // The partition's key (id, a) fits neither the filter on b nor the list (id); the root is listed too, so
            // taking the partition out of the list would not stop it being published.
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b text, PRIMARY KEY (id, a)) PARTITION BY LIST (a);\n"
                + "CREATE TABLE t_p1 PARTITION OF t FOR VALUES IN (1);\nCREATE PUBLICATION p FOR TABLE ONLY t, t_p1 (id) WHERE (b IS NOT NULL);\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = FixOfKind(d, FixKinds.RemoveRowFilter);
            StringAssert.Contains(fix.Title, "add the replica identity columns");
            string[] fixedFiles = ApplyFix(fix, files);
            StringAssert.Contains(fixedFiles[0], "t_p1 (id, a);");
            AssertNoIdentityResults(fixedFiles, "public.t_p1");
        }

        [TestMethod]
        public void StatementFixAddsNoKeyWhoseNameALaterCreateTableGivesItsConstraint()
        {
            // The key's index foo_pkey keeps its name when foo is renamed: the new foo's named constraint would then fail.
            string history = "CREATE TABLE foo (id int NOT NULL, b text);\nCREATE PUBLICATION p FOR ALL TABLES;\nUPDATE foo SET b = b;\n"
                + "ALTER TABLE foo RENAME TO bar;\nCREATE TABLE foo (id int, CONSTRAINT foo_pkey PRIMARY KEY (id));\n";
            var d = Single(Analyze(history), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            var unnamed = Single(Analyze(history.Replace("CONSTRAINT foo_pkey PRIMARY KEY (id)", "id2 int PRIMARY KEY")), "RG1002");
            Assert.IsTrue(unnamed.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), "an unnamed key takes a free name (foo_pkey1):\n" + Titles(unnamed));
        }

        [TestMethod]
        public void StatementFixKeyIsWidenedByAFilterAddedLater()
        {
            // Key (id) at the UPDATE; the later filter on b needs b in the identity: the key (id, b) fits both.
            string[] files = { "CREATE TABLE t (id int, b text);\nCREATE PUBLICATION p FOR ALL TABLES;\nUPDATE t SET b = b;\n"
                + "CREATE PUBLICATION q FOR TABLE t WHERE (b IS NOT NULL);\n" };
            var d = Single(Analyze(files), "RG1002");
            CodeFix key = FixOfKind(d, FixKinds.AddPrimaryKey);
            StringAssert.Contains(key.Title, "(id, b)");
            AssertNoIdentityResults(ApplyFix(key, files), "public.t");
        }

        [TestMethod]
        public void StatementFixBeforeALaterKeyAndALaterFilterUsesAWiderUniqueIndex()
        {
            string[] files = { "CREATE TABLE t (id int, a int, b text);\nCREATE PUBLICATION p FOR ALL TABLES;\nDELETE FROM t;\n"
                + "ALTER TABLE t ADD PRIMARY KEY (id);\nCREATE PUBLICATION q FOR TABLE t (id, a) WHERE (a IS NOT NULL);\nALTER TABLE t REPLICA IDENTITY FULL;\n" };
            var d = Only(Analyze(files), "RG1002").Single();
            CodeFix index = FixOfKind(d, FixKinds.ReplicaIdentityUsingIndex);
            StringAssert.Contains(index.Edits[0].NewText, "CREATE UNIQUE INDEX t_id_a_key ON public.t (id, a)");
            Assert.IsFalse(Analyze(ApplyFix(index, files)).Any(x => x.Id == "RG1002"), "the DELETE passes with the index as identity");
        }

        [TestMethod]
        public void NamedConstraintInAnotherSchemaDoesNotBlockTheKeyFix()
        {
            string history = "CREATE SCHEMA s;\nCREATE TABLE t (id int NOT NULL, b text);\nCREATE PUBLICATION p FOR ALL TABLES;\nUPDATE t SET b = b;\n"
                + "CREATE TABLE s.t (id int, CONSTRAINT t_pkey PRIMARY KEY (id));\n";
            var d = Single(Analyze(history), "RG1002");
            Assert.IsTrue(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            var same = Only(Analyze(history.Replace("CREATE TABLE s.t (id int, CONSTRAINT t_pkey", "CREATE TABLE u (id int, CONSTRAINT t_pkey")), "RG1002").Single();
            Assert.IsFalse(same.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), "the same schema's t_pkey would be taken:\n" + Titles(same));
        }

        [TestMethod]
        public void KeyWithFilterRemovalIsNotOfferedBeforeALaterPrimaryKey()
        {
            // The filter's column b is outside the list: the last resort is key + filter removal, which a later ADD
            // PRIMARY KEY rules out like any key fix.
            string history = "CREATE TABLE t (id int, a int, b text);\nCREATE PUBLICATION p FOR TABLE t (id, a) WHERE (b IS NOT NULL);\n"
                + "ALTER PUBLICATION p ADD TABLE t;\nUPDATE t SET a = a;\nALTER TABLE t ADD PRIMARY KEY (id);\n";
            var d = Single(Analyze(history), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.Title.Contains("Add a primary key")), Titles(d));
            // In its place: a unique index as the identity, with the same filter removal.
            CodeFix index = d.Fixes.Single(f => f.Title.StartsWith("Create unique index t_id_key", System.StringComparison.Ordinal) && f.Title.Contains("remove the row filter"));
            Assert.IsFalse(Analyze(ApplyFix(index, new[] { history })).Any(x => x.Id == "RG1002"), Titles(d));
            var noLaterKey = Single(Analyze(history.Replace("ALTER TABLE t ADD PRIMARY KEY (id);\n", "")), "RG1002");
            Assert.IsTrue(noLaterKey.Fixes.Any(f => f.EquivalenceKey == FixKinds.RemoveRowFilter && f.Title.Contains("Add a primary key")), Titles(noLaterKey));
        }

        [TestMethod]
        public void KeyedTableWithIdentityNothingGoesBackToDefault()
        {
            // A partition's key index comes from the parent's: never offered as USING INDEX. DEFAULT makes it the identity.
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, PRIMARY KEY (id, a)) PARTITION BY RANGE (a);\n"
                + "CREATE TABLE t_p1 PARTITION OF t FOR VALUES FROM (1) TO (10);\nCREATE TABLE u (id int PRIMARY KEY);\n"
                + "CREATE PUBLICATION p FOR TABLE t_p1, u;\nALTER TABLE t_p1 REPLICA IDENTITY NOTHING;\nALTER TABLE u REPLICA IDENTITY NOTHING;\n" };
            var results = Only(Analyze(files), "RG1001");
            foreach (string table in new[] { "public.t_p1", "public.u" })
            {
                Diagnostic d = results.Single(x => x.ObjectName == table);
                Assert.AreEqual(FixKinds.ReplicaIdentityDefault, d.Fixes[0].EquivalenceKey, Titles(d));
                Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.ReplicaIdentityUsingIndex && f.Title.Contains("_pkey")), Titles(d));
                AssertNoIdentityResults(ApplyFix(d.Fixes[0], files), table);
            }
        }

        [TestMethod]
        public void IdentityBackToDefaultAlsoWidensAListThatLeavesOutAKeyColumn()
        {
            string[] files = { "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b text, PRIMARY KEY (id, a));\n"
                + "ALTER TABLE t REPLICA IDENTITY NOTHING;\nCREATE PUBLICATION p FOR TABLE t (id, b);\nALTER PUBLICATION p ADD TABLE t;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            CodeFix fix = d.Fixes[0];
            StringAssert.Contains(fix.Title, "REPLICA IDENTITY DEFAULT");
            string[] fixedFiles = ApplyFix(fix, files);
            StringAssert.Contains(fixedFiles[0], "FOR TABLE t (id, b, a);");
            AssertNoIdentityResults(fixedFiles, "public.t");
        }

        [TestMethod]
        public void StatementFixWhoseKeyNameALaterStatementNamesUsesAUniqueIndex()
        {
            // A later ALTER INDEX t_pkey (rejected now) would rename the new key's index: a unique index under a free name instead.
            string[] files = { "CREATE TABLE t (id int NOT NULL, b text);\n", "CREATE PUBLICATION p FOR ALL TABLES;\nUPDATE t SET b = b;\n"
                + "ALTER INDEX IF EXISTS t_pkey RENAME TO t_old;\nCREATE PUBLICATION q FOR TABLE t (id);\n" };
            var d = Single(Analyze(files), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            CodeFix index = FixOfKind(d, FixKinds.ReplicaIdentityUsingIndex);
            StringAssert.Contains(index.Edits[0].NewText, "CREATE UNIQUE INDEX t_id_key ON public.t (id)");
            AssertNoIdentityResults(ApplyFix(index, files), "public.t");
        }

        [TestMethod]
        public void StatementFixKeysOnOtherColumnsWhenALaterStatementDropsNotNullFromTheCandidate()
        {
            // id is the candidate, but a later DROP NOT NULL on it would fail with a key on it: a key on (a, b) instead.
            string[] files = { "CREATE TABLE t (id int, a int, b text);\nCREATE PUBLICATION p FOR ALL TABLES;\nUPDATE t SET b = b;\n"
                + "ALTER TABLE t ALTER COLUMN id DROP NOT NULL;\nCREATE PUBLICATION q FOR TABLE t (id, a, b);\n" };
            var d = Single(Analyze(files), "RG1002");
            CodeFix key = FixOfKind(d, FixKinds.AddPrimaryKey);
            StringAssert.Contains(key.Title, "(a, b)");
            AssertNoIdentityResults(ApplyFix(key, files), "public.t");
        }

        [TestMethod]
        public void StatementFixDoesNotUseAnIndexALaterStatementDrops()
        {
            // USING INDEX i1 before the DELETE, then DROP INDEX i1: the table keeps identity 'i' with no index, and fails.
            string history = "CREATE TABLE t (id int NOT NULL, b text);\nCREATE UNIQUE INDEX i1 ON t (id);\nCREATE PUBLICATION p FOR ALL TABLES;\n"
                + "DELETE FROM t;\nALTER TABLE t ADD PRIMARY KEY (id);\nDROP INDEX i1;\n";
            var d = Single(Analyze(history), "RG1002");
            Assert.IsFalse(d.Fixes.Any(f => f.Title.Contains("USING INDEX i1")), Titles(d));
            var kept = Single(Analyze(history.Replace("DROP INDEX i1;\n", "")), "RG1002");
            Assert.IsTrue(kept.Fixes.Any(f => f.Title.Contains("USING INDEX i1")), Titles(kept));
        }

        [TestMethod]
        public void KeyWhoseIndexNameALaterDropIndexNamesBecomesAUniqueIndex()
        {
            // The DROP INDEX t_pkey fails now; with a key named t_pkey before it, it would drop the key.
            string[] files = { "CREATE TABLE t (id int, b text);\nCREATE PUBLICATION p FOR ALL TABLES WITH (publish = 'delete');\nDROP INDEX IF EXISTS t_pkey;\n" };
            Diagnostic d = Single(Analyze(files), "RG1001");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey), Titles(d));
            CodeFix index = FixOfKind(d, FixKinds.ReplicaIdentityUsingIndex);
            StringAssert.Contains(index.Edits[0].NewText, "CREATE UNIQUE INDEX t_id_key ON public.t (id)");
            AssertNoIdentityResults(ApplyFix(index, files), "public.t");
        }

        [TestMethod]
        public void StatementFixAddsNoKeyOnAChildColumnALaterParentDropNotNullReaches()
        {
            // DROP NOT NULL on the parent recurses to inheritance children: with c.a in a key it fails.
            string history = "CREATE TABLE p (id int, a int);\nCREATE TABLE c (extra int) INHERITS (p);\nCREATE UNIQUE INDEX c_a ON c (a);\n"
                + "CREATE PUBLICATION pub FOR ALL TABLES;\nUPDATE ONLY c SET a = a;\nALTER TABLE p ALTER COLUMN a DROP NOT NULL;\n";
            var d = Only(Analyze(history), "RG1002").Single(x => x.ObjectName == "public.c");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey && f.Title.Contains("(a)")), Titles(d));
            var only = Only(Analyze(history.Replace("ALTER TABLE p ALTER", "ALTER TABLE ONLY p ALTER")), "RG1002").Single(x => x.ObjectName == "public.c");
            Assert.IsTrue(only.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey && f.Title.Contains("(a)")), "ONLY does not reach the child:\n" + Titles(only));
        }

        [TestMethod]
        public void KeyFixGoesAfterARejectedAttachOfTheTable()
        {
            // The ATTACH fails (t.a is nullable, the parent's key needs it NOT NULL); a key on a placed at the CREATE
            // would make it succeed, and the later INHERITS (t) would then fail ("cannot inherit from partition").
            string[] files = { "CREATE TABLE p (id int NOT NULL, a int NOT NULL, PRIMARY KEY (id, a)) PARTITION BY LIST (a);\n"
                + "CREATE TABLE t (id int NOT NULL, a int UNIQUE, b text);\nALTER TABLE p ATTACH PARTITION t FOR VALUES IN (1);\n"
                + "CREATE TABLE c (extra int) INHERITS (t);\nCREATE PUBLICATION pub FOR TABLE t;\n" };
            Diagnostic d = Only(Analyze(files), "RG1001").Single(x => x.ObjectName == "public.t");
            string fixedText = ApplyFix(FixOfKind(d, FixKinds.AddPrimaryKey), files)[0];
            Assert.IsTrue(fixedText.IndexOf("PRIMARY KEY (a)", System.StringComparison.Ordinal) > fixedText.IndexOf("ATTACH PARTITION", System.StringComparison.Ordinal), fixedText);
        }

        [TestMethod]
        public void NoPromotionOfAnIndexWhoseNameARejectedStatementFoundTaken()
        {
            // SET SCHEMA of foo (with its index i1) into s2 fails while s2.i1 exists; promoting s2.i1 renames it and
            // would let foo move.
            string history = "CREATE SCHEMA s2;\nCREATE TABLE s2.t (id int NOT NULL);\nCREATE UNIQUE INDEX i1 ON s2.t (id);\n"
                + "CREATE TABLE foo (id int);\nCREATE INDEX i1 ON foo (id);\nCREATE PUBLICATION p FOR ALL TABLES;\nALTER TABLE foo SET SCHEMA s2;\n";
            Diagnostic d = Only(Analyze(history), "RG1001").Single(x => x.ObjectName == "s2.t");
            Assert.IsFalse(d.Fixes.Any(f => f.EquivalenceKey == FixKinds.PromoteIndexToPrimaryKey), Titles(d));
            Diagnostic moved = Only(Analyze(history.Replace("ALTER TABLE foo SET SCHEMA s2;\n", "")), "RG1001").Single(x => x.ObjectName == "s2.t");
            Assert.IsTrue(moved.Fixes.Any(f => f.EquivalenceKey == FixKinds.PromoteIndexToPrimaryKey), Titles(moved));
        }
        [TestMethod]
        public void LeavesThatRemoveTheSameParentFilterAreFixedTogether()
        {
            // The UPDATE through items fails on items and on its child foo; each leaf's fix removes the filter of
            // items' list item in p2. Applied alone, a leaf's fix leaves the statement failing on the other leaf.
            string[] files = { "CREATE TABLE items (id int NOT NULL, c bigint);\nCREATE TABLE foo (extra int) INHERITS (items);\n"
                + "CREATE PUBLICATION pall FOR ALL TABLES WITH (publish = 'update');\n"
                + "CREATE PUBLICATION p2 FOR TABLE items (id) WHERE (c IS NOT NULL) WITH (publish = 'delete');\nUPDATE items SET c = c;\n" };
            var failures = Only(Analyze(files), "RG1002").ToList();
            Assert.AreEqual(2, failures.Count, Describe(failures));
            foreach (Diagnostic d in failures)
            {
                CodeFix fix = d.Fixes[0];
                StringAssert.Contains(fix.Title, "public.items", Titles(d));
                StringAssert.Contains(fix.Title, "public.foo", Titles(d));
                Assert.IsFalse(Analyze(ApplyFix(fix, files)).Any(x => x.Id == "RG1002"), d.ObjectName + ": " + fix.Title);
            }
        }
        [TestMethod]
        public void FilterRemovalOfLastResortUsesAnIdentityIndexWhenTheKeysNameIsDroppedLater()
        {
            // The filter's column b is outside the only list (id), so only its removal and a key on id repair the table;
            // a later DROP INDEX foo_pkey would drop a primary key named so, and the later ADD TABLE rules out the removal
            // from p1 (found by fix verification, seed 54).
            string[] files = { "CREATE TABLE foo (id int NOT NULL, a int, b text);\nCREATE PUBLICATION p1 FOR TABLE foo (id) WHERE (b IS NOT NULL);\n"
                + "DROP INDEX public.foo_pkey;\nALTER PUBLICATION p1 ADD TABLE foo;\n" };
            Diagnostic d = Single(Analyze(files), "RG1004");
            CodeFix fix = d.Fixes[0];
            StringAssert.Contains(fix.Title, "Create unique index foo_id_key", Titles(d));
            StringAssert.Contains(fix.Title, "remove the row filter", Titles(d));
            AssertNoIdentityResults(ApplyFix(fix, files), "public.foo");
        }
    }
}
