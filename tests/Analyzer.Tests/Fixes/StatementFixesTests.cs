using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>One statement failing on several leaves: each leaf's fix carries a fix of every other leaf.</summary>
    [TestClass]
    public sealed class StatementFixesTests
    {
        private static readonly SourceFile File = new SourceFile("m.sql", "UPDATE parent SET c = c; -- and some more text here");

        private static CodeFix Fix(string title, string kind, int start, int length, string text) =>
            new CodeFix(title, new[] { new TextEdit(File, new TextSpan(start, length), text) }, kind);

        [TestMethod]
        public void OtherLeafsFixOfTheSameKindIsJoined()
        {
            var a = Fix("a key", FixKinds.AddPrimaryKey, 0, 0, "A;");
            var b = Fix("b key", FixKinds.AddPrimaryKey, 0, 0, "B;");
            var bFull = Fix("b full", FixKinds.ReplicaIdentityFull, 0, 0, "F;");
            List<List<CodeFix>> together = StatementFixes.Together(new List<List<CodeFix>> { new List<CodeFix> { a }, new List<CodeFix> { bFull, b } });
            Assert.AreEqual("a key; and b key", together[0][0].Title);
            Assert.AreEqual("A;B;", together[0][0].Edits.Single().NewText);
            Assert.AreEqual("b full; and a key", together[1][0].Title);
        }

        [TestMethod]
        public void AnotherFixOfTheOtherLeafIsTakenWhenTheSameKindOverlaps()
        {
            var a = Fix("a removes the filter", FixKinds.RemoveRowFilter, 30, 5, "");
            var bSameKind = Fix("b edits the filter too", FixKinds.RemoveRowFilter, 32, 5, "x");
            var bKey = Fix("b key", FixKinds.AddPrimaryKey, 0, 0, "B;");
            List<List<CodeFix>> together = StatementFixes.Together(new List<List<CodeFix>> { new List<CodeFix> { a }, new List<CodeFix> { bSameKind, bKey } });
            Assert.AreEqual("a removes the filter; and b key", together[0][0].Title);
            Assert.AreEqual(2, together[0][0].Edits.Count);
        }

        [TestMethod]
        public void TheSameEditIsMadeOnce()
        {
            var a = Fix("a", FixKinds.RemoveRowFilter, 30, 5, "");
            var b = Fix("b", FixKinds.RemoveRowFilter, 30, 5, "");
            List<List<CodeFix>> together = StatementFixes.Together(new List<List<CodeFix>> { new List<CodeFix> { a }, new List<CodeFix> { b } });
            Assert.AreEqual("a; and b", together[0][0].Title);
            Assert.AreEqual(1, together[0][0].Edits.Count);
        }

        [TestMethod]
        public void FixStaysAloneWhenEveryFixOfAnotherLeafOverlaps()
        {
            var a = Fix("a", FixKinds.RemoveFromPublication, 30, 5, "");
            var b = Fix("b", FixKinds.RemoveRowFilter, 31, 5, "x");
            var suppress = Fix("suppress", FixKinds.SuppressStatement, 0, 0, "-- replicaguard-ignore\n");
            List<List<CodeFix>> together = StatementFixes.Together(new List<List<CodeFix>> { new List<CodeFix> { a, suppress }, new List<CodeFix> { b, suppress } });
            Assert.AreSame(a, together[0][0]);
            Assert.AreSame(suppress, together[0][1]);
        }
    }
}
