using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.FrontEnds;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The analyzer keeps a project's migration order between compilations: while the host hands over the same paths
    /// in the same order it reuses it with the new texts, and orders again as soon as any path or their order changes.
    /// </summary>
    [TestClass]
    public sealed class KeptOrderTests
    {
        private const string Root = "/p/";

        [TestMethod]
        public void TheSamePathsReuseTheOrderWithTheNewTexts()
        {
            var kept = new KeptOrder();
            var orderer = new CountingOrderer();
            List<MigrationInput> first = Inputs("V2__b.sql", "V10__c.sql", "V1__a.sql", "V3__d.down.sql");
            CollectionAssert.AreEqual(new[] { "V1__a.sql", "V2__b.sql", "V10__c.sql" }, Names(kept.Order(first, orderer.Order)));
            Assert.AreEqual(1, orderer.Calls);

            List<MigrationInput> edited = Inputs("V2__b.sql", "V10__c.sql", "V1__a.sql", "V3__d.down.sql");
            List<MigrationInput> ordered = kept.Order(edited, orderer.Order);
            Assert.AreEqual(1, orderer.Calls, "same paths in the same order: not ordered again");
            CollectionAssert.AreEqual(new[] { "V1__a.sql", "V2__b.sql", "V10__c.sql" }, Names(ordered));
            Assert.AreSame(edited[2], ordered[0], "the new inputs (new texts), not the kept ones");
            Assert.AreSame(edited[0], ordered[1]);
            Assert.AreSame(edited[1], ordered[2]);
        }

        [TestMethod]
        public void AnyChangeOfPathsOrOfTheirOrderOrdersAgain()
        {
            var kept = new KeptOrder();
            var orderer = new CountingOrderer();
            kept.Order(Inputs("V1__a.sql", "V2__b.sql"), orderer.Order);

            CollectionAssert.AreEqual(new[] { "V1__a.sql", "V2__b.sql" }, Names(kept.Order(Inputs("V2__b.sql", "V1__a.sql"), orderer.Order)));
            Assert.AreEqual(2, orderer.Calls, "the host's order changed");

            CollectionAssert.AreEqual(new[] { "V0__z.sql", "V1__a.sql" }, Names(kept.Order(Inputs("V0__z.sql", "V1__a.sql"), orderer.Order)));
            Assert.AreEqual(3, orderer.Calls, "a path changed");

            CollectionAssert.AreEqual(new[] { "V0__z.sql", "V1__a.sql", "V5__e.sql" }, Names(kept.Order(Inputs("V0__z.sql", "V1__a.sql", "V5__e.sql"), orderer.Order)));
            Assert.AreEqual(4, orderer.Calls, "a file added");

            CollectionAssert.AreEqual(new[] { "V0__z.sql", "V1__a.sql", "V5__e.sql" }, Names(kept.Order(Inputs("V0__z.sql", "V1__a.sql", "V5__e.sql"), orderer.Order)));
            Assert.AreEqual(4, orderer.Calls);
        }

        private static List<MigrationInput> Inputs(params string[] names)
        {
            return names.Select(n => new MigrationInput(Root + n, "-- " + n + "\n")).ToList();
        }

        private static string[] Names(List<MigrationInput> inputs) => inputs.Select(i => i.FullPath.Substring(Root.Length)).ToArray();

        private sealed class CountingOrderer
        {
            public int Calls { get; private set; }

            public List<MigrationInput> Order(IReadOnlyList<MigrationInput> inputs)
            {
                Calls++;
                return MigrationHistory.Order(inputs, Root, null);
            }
        }
    }
}
