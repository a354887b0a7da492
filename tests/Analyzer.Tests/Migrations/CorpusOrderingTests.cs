using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.Tests
{
    /// <summary>Ordering of the real layouts in the corpus, through discovery (the folder as a user has it).</summary>
    [TestClass]
    public sealed class CorpusOrderingTests
    {
        private static List<string> DiscoverRelative(string folder)
        {
            return MigrationDiscovery.Discover(folder).Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')).ToList();
        }

        [TestMethod]
        public void HarborGolangMigrateAppliesUpFilesInVersionOrder()
        {
            string folder = MigrationCorpus.Folder("migrations", "harbor", "make", "migrations", "postgresql");
            List<string> applied = DiscoverRelative(folder);
            List<string> expected = Directory.GetFiles(folder, "*.up.sql").Select(Path.GetFileName)
                .OrderBy(n => int.Parse(n!.Substring(0, n.IndexOf('_')))).ToList()!;
            Assert.AreEqual(39, applied.Count);
            CollectionAssert.AreEqual(expected, applied);
            Assert.AreEqual("0001_initial_schema.up.sql", applied[0]);
            Assert.AreEqual("0190_2.16.0_schema.up.sql", applied[applied.Count - 1]);
        }

        [TestMethod]
        public void PeerDbFlywayVersionsOrderNumericallyNotAlphabetically()
        {
            string folder = MigrationCorpus.Folder("migrations", "peerdb", "nexus", "catalog", "migrations");
            List<string> applied = DiscoverRelative(folder);
            Assert.AreEqual(55, applied.Count);
            for (int i = 0; i < applied.Count; i++)
            {
                // V1__initial.sql ... V55__...: the version is the position.
                StringAssert.StartsWith(applied[i], "V" + (i + 1) + "__", $"position {i}: {applied[i]}");
            }
            Assert.AreEqual("V1__initial.sql", applied[0]);
        }

        [TestMethod]
        public void EdFiDbUpScriptsApplyInNameOrder()
        {
            string folder = MigrationCorpus.Folder("migrations", "edfi-dms", "Deploy", "Scripts");
            List<string> applied = DiscoverRelative(folder);
            Assert.AreEqual(26, applied.Count);
            for (int i = 0; i < applied.Count; i++)
            {
                StringAssert.StartsWith(applied[i], i.ToString("0000") + "_", $"position {i}: {applied[i]}");
            }
        }

        /// <summary>
        /// Synapse's runner applies schema_version, then the full schemas of every database, then the deltas of
        /// all databases interleaved by schema version number: that cannot follow from a naming convention. What
        /// does follow is the order inside each delta tree, which we check against APPLY_ORDER.txt.
        /// </summary>
        [TestMethod]
        [DataRow("main/delta")]
        [DataRow("state/delta")]
        public void SynapseDeltaOrderMatchesApplyOrder(string tree)
        {
            string synapse = MigrationCorpus.Folder("synapse");
            string applyOrderFile = Path.Combine(synapse, "APPLY_ORDER.txt");
            if (!File.Exists(applyOrderFile)) Assert.Fail($"{applyOrderFile} is missing from the corpus.");
            List<string> expected = File.ReadAllLines(applyOrderFile)
                .Select(l => l.Trim()).Where(l => l.StartsWith(tree + "/")).ToList();
            Assert.IsTrue(expected.Count > 0, $"APPLY_ORDER.txt lists nothing under {tree}");

            string folder = Path.Combine(synapse, tree.Replace('/', Path.DirectorySeparatorChar));
            List<string> applied = DiscoverRelative(folder).Select(p => tree + "/" + p).ToList();
            CollectionAssert.AreEqual(expected, applied,
                "applied:\n" + string.Join("\n", applied) + "\nexpected:\n" + string.Join("\n", expected));
        }

        [TestMethod]
        public void SynapseWholeTreeSkipsNothingListedAndAppliesEveryListedFile()
        {
            string synapse = MigrationCorpus.Folder("synapse");
            HashSet<string> listed = File.ReadAllLines(Path.Combine(synapse, "APPLY_ORDER.txt"))
                .Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet();
            var relative = new List<string>();
            foreach (string file in Directory.GetFiles(synapse, "*", SearchOption.AllDirectories))
            {
                relative.Add(Path.GetRelativePath(synapse, file).Replace('\\', '/'));
            }
            OrderedMigrations ordered = MigrationOrdering.Order(relative);
            foreach (string file in listed)
            {
                Assert.IsTrue(ordered.Applied.Contains(file), $"{file} is in APPLY_ORDER.txt but not applied");
            }
            Assert.IsFalse(ordered.Skipped.Any(s => listed.Contains(s.Path)), "a listed file was skipped");
        }
    }
}
