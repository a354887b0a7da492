using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class SnapshotTests
    {
        [TestMethod]
        public void MissingVerifiedFileFailsAndWritesReceived()
        {
            string folder = TestData.NewTempFolder();
            string source = Path.Combine(folder, "FakeTests.cs");
            string? accept = Environment.GetEnvironmentVariable("REPLICAGUARD_ACCEPT");
            Environment.SetEnvironmentVariable("REPLICAGUARD_ACCEPT", null);
            try
            {
                Assert.ThrowsExactly<AssertFailedException>(() => Snapshot.Match("a\r\nb\n", source, "Method"));
            }
            finally
            {
                Environment.SetEnvironmentVariable("REPLICAGUARD_ACCEPT", accept);
            }
            Assert.AreEqual("a\nb\n", File.ReadAllText(Path.Combine(folder, "FakeTests.Method.received.txt")));
            Assert.IsFalse(File.Exists(Path.Combine(folder, "FakeTests.Method.verified.txt")));
        }

        [TestMethod]
        public void MatchingVerifiedFilePassesAndRemovesReceived()
        {
            string folder = TestData.NewTempFolder();
            string source = Path.Combine(folder, "FakeTests.cs");
            File.WriteAllText(Path.Combine(folder, "FakeTests.Method.verified.txt"), "a\r\nb\n");
            File.WriteAllText(Path.Combine(folder, "FakeTests.Method.received.txt"), "old");

            Snapshot.Match("a\nb\n", source, "Method");

            Assert.IsFalse(File.Exists(Path.Combine(folder, "FakeTests.Method.received.txt")));
        }

        [TestMethod]
        public void DifferenceFailsNamingTheFirstDifferentLine()
        {
            string folder = TestData.NewTempFolder();
            string source = Path.Combine(folder, "FakeTests.cs");
            File.WriteAllText(Path.Combine(folder, "FakeTests.Method.verified.txt"), "same\nold\n");
            string? accept = Environment.GetEnvironmentVariable("REPLICAGUARD_ACCEPT");
            Environment.SetEnvironmentVariable("REPLICAGUARD_ACCEPT", null);
            try
            {
                AssertFailedException e = Assert.ThrowsExactly<AssertFailedException>(() => Snapshot.Match("same\nnew\n", source, "Method"));
                StringAssert.Contains(e.Message, "line 2");
                StringAssert.Contains(e.Message, "\"old\"");
                StringAssert.Contains(e.Message, "\"new\"");
            }
            finally
            {
                Environment.SetEnvironmentVariable("REPLICAGUARD_ACCEPT", accept);
            }
            Assert.AreEqual("same\nold\n", File.ReadAllText(Path.Combine(folder, "FakeTests.Method.verified.txt")));
        }
    }
}
