using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static ReplicaGuard.Tests.EngineTestHelper;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// OpenTableList (publicationcmds.c): an inheritance child added through its parent gets the parent's WHERE clause
    /// and column list, and counts in the duplicate checks. Every expectation here was checked on PostgreSQL 15.
    /// </summary>
    [TestClass]
    public sealed class PublicationInheritanceTests
    {
        private const string Family = "CREATE TABLE p (a int PRIMARY KEY, b int, c int); CREATE TABLE ch (d int) INHERITS (p);";

        // p with children c1 and c2 (created in that order) and grandchild g1 under c1.
        private const string Tree = "CREATE TABLE p (a int PRIMARY KEY, b int); CREATE TABLE c1 () INHERITS (p); CREATE TABLE c2 () INHERITS (p); CREATE TABLE g1 () INHERITS (c1);";

        private static string Rg1004(AnalysisResult result) =>
            string.Join(",", Of(result, "RG1004").Select(d => d.ObjectName).OrderBy(n => n, StringComparer.Ordinal));

        [TestMethod]
        public void AChildAddedThroughItsParentGetsTheParentsRowFilter()
        {
            // Server: DELETE FROM ch fails with "Column used in the publication WHERE expression is not part of the replica identity."
            AnalysisResult result = Run(15, new string[0], Family + "CREATE PUBLICATION pub FOR TABLE p WHERE (b > 0);");
            Assert.AreEqual("public.ch,public.p", Rg1004(result));
            Assert.AreEqual("", Missing(result), "a row filter's DETAIL wins over the missing identity");
        }

        [TestMethod]
        public void AChildAddedThroughItsParentGetsTheParentsColumnList()
        {
            // Server: with ch FULL, DELETE FROM ch fails with "Column list used by the publication does not cover the replica identity."
            AnalysisResult result = Run(15, new string[0], Family + "CREATE PUBLICATION pub FOR TABLE p (a, b); ALTER TABLE ch REPLICA IDENTITY FULL;");
            Assert.AreEqual("public.ch", Rg1004(result));
        }

        [TestMethod]
        public void OnlyLeavesTheChildOutAndADirectMentionKeepsItsOwnFilter()
        {
            Assert.AreEqual("public.p", Rg1004(Run(15, new string[0], Family + "CREATE PUBLICATION pub FOR TABLE ONLY p WHERE (b > 0);")));
            // ch named first without a filter, then ONLY p with one: ch keeps its plain row.
            AnalysisResult result = Run(15, new string[0], Family + "ALTER TABLE ch REPLICA IDENTITY FULL; CREATE PUBLICATION pub FOR TABLE ch, ONLY p WHERE (b > 0);");
            Assert.AreEqual("", Rejected(result));
            Assert.AreEqual("public.p", Rg1004(result));
        }

        [TestMethod]
        public void AlterPublicationAddTableGivesChildrenTheFilterToo()
        {
            AnalysisResult result = Run(15, new string[0], Family + "CREATE PUBLICATION pub; ALTER PUBLICATION pub ADD TABLE p WHERE (c > 0);");
            Assert.AreEqual("public.ch,public.p", Rg1004(result));
        }

        [TestMethod]
        [DataRow("p WHERE (a > 0), ch", "conflicting or redundant WHERE clauses for table \"ch\"")]
        [DataRow("p, ch WHERE (a > 0)", "conflicting or redundant WHERE clauses for table \"ch\"")]
        [DataRow("ch WHERE (a > 0), p", "conflicting or redundant WHERE clauses for table \"p\"")]
        [DataRow("p (a), ch", "conflicting or redundant column lists for table \"ch\"")]
        [DataRow("ch, p (a)", "conflicting or redundant column lists for table \"p\"")]
        [DataRow("ch (a), p", "conflicting or redundant column lists for table \"p\"")]
        [DataRow("ch, p", "")]
        [DataRow("p, ch", "")]
        [DataRow("ch, ONLY p WHERE (a > 0)", "")]
        public void ChildrenCountInTheDuplicateChecks(string list, string expected)
        {
            AnalysisResult result = Run(15, new string[0], Family + "CREATE PUBLICATION pub FOR TABLE " + list + ";");
            Assert.AreEqual(expected, Rejected(result));
        }

        [TestMethod]
        [DataRow("c2 WHERE (a > 0), p", "conflicting or redundant WHERE clauses for table \"c1\"")] // names c1, the child it opened last
        [DataRow("g1 (a), p", "conflicting or redundant column lists for table \"c2\"")] // breadth first: c1, c2, then g1
        [DataRow("p (a, b), g1", "conflicting or redundant column lists for table \"g1\"")]
        [DataRow("c1 WHERE (a > 0), p WHERE (a > 0)", "conflicting or redundant WHERE clauses for table \"p\"")]
        [DataRow("c1 WHERE (a > 0), ONLY p WHERE (a > 0)", "")]
        [DataRow("g1, p", "")]
        public void TheConflictNamesTheRelationPostgresOpenedLast(string list, string expected)
        {
            AnalysisResult result = Run(15, new string[0], Tree + "CREATE PUBLICATION pub FOR TABLE " + list + ";");
            Assert.AreEqual(expected, Rejected(result));
        }

        [TestMethod]
        public void AGrandchildGetsTheFilterOfTheChildItWasAddedThrough()
        {
            // c1 is FULL (every column counts for a row filter); g1 has no identity: DELETE FROM c1 fails on g1.
            AnalysisResult result = Run(15, new string[0], Tree + "ALTER TABLE c1 REPLICA IDENTITY FULL; CREATE PUBLICATION pub FOR TABLE c1 WHERE (a > 0);");
            Assert.AreEqual("public.g1", Rg1004(result));
            AnalysisResult delete = Run(15, new string[0], Tree + "ALTER TABLE c1 REPLICA IDENTITY FULL; CREATE PUBLICATION pub FOR TABLE c1 WHERE (a > 0); DELETE FROM c1;");
            Assert.AreEqual(1, Of(delete, "RG1002").Count());
            StringAssert.Contains(Of(delete, "RG1002").Single().Message, "\"g1\"");
        }

        [TestMethod]
        public void AddingAChildThatCameWithItsParentIsAlreadyAMember()
        {
            AnalysisResult result = Run(15, new string[0], Tree + "CREATE PUBLICATION pub FOR TABLE c1 WHERE (a > 0); ALTER PUBLICATION pub ADD TABLE g1;");
            Assert.AreEqual("relation \"g1\" is already member of publication \"pub\"", Rejected(result));
        }
    }
}
