using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using static ReplicaGuard.Tests.RuleTestHost;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class RepairOrderTests
    {
        // RG1001 is located at the publication (before the DELETE) but its fix lands after the table's last change
        // in V2; the DELETE's own fix lands inside the CREATE TABLE in V1.
        private static readonly string[] History =
        {
            "CREATE TABLE t (id int NOT NULL, b text);\nCREATE PUBLICATION p FOR ALL TABLES;\nDELETE FROM t;\n",
            "ALTER TABLE t ADD COLUMN c int;\n",
        };

        [TestMethod]
        public void TheResultWhoseFixLandsEarliestComesFirstForItsTable()
        {
            IReadOnlyList<Diagnostic> diagnostics = Analyze(History);
            Assert.AreEqual("RG1001", diagnostics.First(d => d.ObjectName == "public.t").Id, "the premise: history order puts RG1001 first\n" + Describe(diagnostics));
            List<Diagnostic> ordered = RepairOrder.ForRepair(diagnostics);
            Assert.AreEqual("RG1002", ordered.First(d => d.ObjectName == "public.t").Id, Describe(ordered));
            CollectionAssert.AreEquivalent(diagnostics.ToList(), ordered);
        }

        [TestMethod]
        public void RepairingInThatOrderLeavesNoResult()
        {
            // A column list rules out FULL and two publications rule out removal: once RG1001's key lands after the
            // DELETE, the DELETE has no fix left but suppression (the order `fix` used before).
            string[] files =
            {
                "CREATE TABLE t (id int NOT NULL, b text);\nCREATE PUBLICATION p FOR TABLE t (id, b);\nCREATE PUBLICATION q FOR ALL TABLES;\nDELETE FROM t;\n",
                "ALTER TABLE t ADD COLUMN c int;\n",
            };
            for (int run = 0; run < 3; run++)
            {
                List<Diagnostic> results = RepairOrder.ForRepair(Analyze(files)).Where(d => d.Id.StartsWith("RG1", System.StringComparison.Ordinal)).ToList();
                if (results.Count == 0)
                {
                    return;
                }
                Diagnostic next = results[0];
                Assert.IsFalse(next.Fixes.Count == 0 || next.Fixes[0].EquivalenceKey.StartsWith("ReplicaGuard.Suppress", System.StringComparison.Ordinal),
                    "no repair left for " + next + " after run " + run);
                files = ApplyFix(next.Fixes[0], files);
            }
            Assert.Fail("still reported after three runs:\n" + Describe(Analyze(files)));
        }

        [TestMethod]
        public void DeletingARejectedStatementEarlierDoesNotMakeAFixLandEarlier()
        {
            // RG1001's fix deletes the rejected REPLICA IDENTITY (before the UPDATE) and adds the key after the last
            // change (after the UPDATE): the UPDATE's own fix, right before it, is the one that lands first.
            string[] files =
            {
                "CREATE TABLE t (id int NOT NULL, a int);\nCREATE PUBLICATION q FOR ALL TABLES;\n",
                "CREATE UNIQUE INDEX i ON t (a);\nALTER TABLE t REPLICA IDENTITY USING INDEX i;\nUPDATE t SET a = a;\nALTER TABLE t ADD COLUMN c int;\n",
            };
            IReadOnlyList<Diagnostic> diagnostics = Analyze(files);
            Diagnostic first = RepairOrder.ForRepair(diagnostics).First(d => d.ObjectName == "public.t" && d.Id != "RG1003");
            Assert.AreEqual("RG1002", first.Id, Describe(diagnostics));
        }

        [TestMethod]
        public void OtherTablesKeepTheirPlaces()
        {
            string[] files = { "CREATE TABLE u (id int);\n" + History[0], History[1] };
            IReadOnlyList<Diagnostic> diagnostics = Analyze(files);
            List<Diagnostic> ordered = RepairOrder.ForRepair(diagnostics);
            for (int i = 0; i < diagnostics.Count; i++)
            {
                if (diagnostics[i].ObjectName != "public.t")
                {
                    Assert.AreSame(diagnostics[i], ordered[i]);
                }
            }
        }
    }
}
