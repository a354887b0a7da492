using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class TextEditApplierTests
    {
        private static readonly SourceFile File = new SourceFile("f.sql", "0123456789");

        private static TextEdit Edit(int start, int length, string text) => new TextEdit(File, new TextSpan(start, length), text);

        [TestMethod]
        public void EditsGivenInAnyOrderApplyInOriginalCoordinates()
        {
            TextEditResult result = TextEditApplier.Apply("0123456789", new[] { Edit(8, 1, "EIGHT"), Edit(1, 2, ""), Edit(5, 0, "+") });
            Assert.AreEqual("034+567EIGHT9", result.Text);
            Assert.IsFalse(result.HasConflicts);
            Assert.AreEqual(3, result.Applied.Count);
            Assert.AreEqual(1, result.Applied[0].Span.Start); // text order
        }

        [TestMethod]
        public void InsertionsAtOnePointKeepTheGivenOrderAndGoBeforeAReplacementThere()
        {
            TextEditResult result = TextEditApplier.Apply("0123456789", new[] { Edit(3, 2, "R"), Edit(3, 0, "a"), Edit(3, 0, "b") });
            Assert.AreEqual("012abR56789", result.Text);
        }

        [TestMethod]
        public void TheSameEditTwiceIsAppliedOnce()
        {
            TextEditResult result = TextEditApplier.Apply("0123456789", new[] { Edit(2, 3, "X"), Edit(2, 3, "X"), Edit(0, 0, ";"), Edit(0, 0, ";") });
            Assert.AreEqual(";01X56789", result.Text);
            Assert.IsFalse(result.HasConflicts);
        }

        [TestMethod]
        public void OverlappingEditsAreConflictsAndTheFirstWins()
        {
            TextEdit first = Edit(2, 4, "A");
            TextEdit overlapping = Edit(4, 3, "B");
            TextEdit insideInsertion = Edit(3, 0, "C");
            TextEditResult result = TextEditApplier.Apply("0123456789", new[] { first, overlapping, insideInsertion });
            Assert.AreEqual("01A6789", result.Text);
            CollectionAssert.AreEquivalent(new[] { overlapping, insideInsertion }, new List<TextEdit>(result.Conflicts));
        }

        [TestMethod]
        public void AdjacentEditsDoNotConflict()
        {
            TextEditResult result = TextEditApplier.Apply("0123456789", new[] { Edit(0, 5, "a"), Edit(5, 0, "b"), Edit(5, 5, "c") });
            Assert.AreEqual("abc", result.Text);
            Assert.IsFalse(result.HasConflicts);
        }

        [TestMethod]
        [DataRow(-1, 1)]
        [DataRow(9, 2)]
        [DataRow(11, 0)]
        [DataRow(3, -1)]
        public void SpansOutsideTheTextAreConflictsNotExceptions(int start, int length)
        {
            TextEditResult result = TextEditApplier.Apply("0123456789", new[] { Edit(start, length, "x"), Edit(0, 0, "ok") });
            Assert.AreEqual("ok0123456789", result.Text);
            Assert.AreEqual(1, result.Conflicts.Count);
        }

        [TestMethod]
        public void NoEditsReturnsTheTextUnchanged()
        {
            Assert.AreEqual("abc", TextEditApplier.Apply("abc", new TextEdit[0]).Text);
        }

        [TestMethod]
        public void ManyEditsCostLinearTime()
        {
            var text = new string('x', 200_000);
            var edits = new List<TextEdit>();
            for (int i = 0; i < text.Length; i += 2)
            {
                edits.Add(new TextEdit(File, new TextSpan(i, 1), "y"));
            }
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            TextEditResult result = TextEditApplier.Apply(text, edits);
            Assert.IsTrue(stopwatch.ElapsedMilliseconds < 5000, stopwatch.ElapsedMilliseconds + " ms");
            Assert.AreEqual(100_000, result.Applied.Count);
            Assert.AreEqual("yxyx", result.Text.Substring(0, 4));
        }
    }
}
