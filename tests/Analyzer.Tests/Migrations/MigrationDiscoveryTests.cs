using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class MigrationDiscoveryTests
    {
        private static string[] Relative(TempFolder temp) =>
            MigrationDiscovery.Discover(temp.Path).Select(p => Path.GetRelativePath(temp.Path, p).Replace('\\', '/')).ToArray();

        [TestMethod]
        public void ReturnsFullPathsInOrderIncludingNestedFolders()
        {
            using var temp = new TempFolder();
            temp.Write("10/1_a.sql");
            temp.Write("2/10_b.sql");
            temp.Write("2/9_a.sql");
            temp.Write("readme.md");
            var full = MigrationDiscovery.Discover(temp.Path);
            Assert.IsTrue(full.All(Path.IsPathRooted));
            Assert.IsTrue(full.All(File.Exists));
            CollectionAssert.AreEqual(new[] { "2/9_a.sql", "2/10_b.sql", "10/1_a.sql" }, Relative(temp));
        }

        [TestMethod]
        public void NeverDescendsIntoBuildOutputPackagesGitOrHiddenFolders()
        {
            using var temp = new TempFolder();
            temp.Write("1_a.sql");
            temp.Write("bin/2_b.sql");
            temp.Write("obj/3_c.sql");
            temp.Write("node_modules/pkg/4_d.sql");
            temp.Write(".git/5_e.sql");
            temp.Write(".hidden/6_f.sql");
            temp.Write("sub/7_g.sql");
            CollectionAssert.AreEqual(new[] { "1_a.sql", "sub/7_g.sql" }, Relative(temp));
        }

        [TestMethod]
        public void ReportsSkippedFiles()
        {
            using var temp = new TempFolder();
            temp.Write("1_a.up.sql");
            temp.Write("1_a.down.sql");
            MigrationDiscovery.Discover(temp.Path, out var skipped);
            Assert.AreEqual(1, skipped.Count);
            Assert.AreEqual("1_a.down.sql", skipped[0].Path);
        }

        [TestMethod]
        public void SymlinkLoopTerminatesAndListsEachFileOnce()
        {
            using var temp = new TempFolder();
            temp.Write("a/1_x.sql");
            temp.Write("a/b/2_y.sql");
            // a/b/loop -> a : a cycle; and top -> temp root itself.
            Directory.CreateSymbolicLink(Path.Combine(temp.Path, "a", "b", "loop"), Path.Combine(temp.Path, "a"));
            Directory.CreateSymbolicLink(Path.Combine(temp.Path, "top"), temp.Path);
            CollectionAssert.AreEqual(new[] { "a/1_x.sql", "a/b/2_y.sql" }, Relative(temp));
        }

        [TestMethod]
        public void FollowsASymlinkedFolderThatLeadsOutside()
        {
            using var temp = new TempFolder();
            using var outside = new TempFolder();
            outside.Write("5_shared.sql");
            temp.Write("1_a.sql");
            Directory.CreateSymbolicLink(Path.Combine(temp.Path, "shared"), outside.Path);
            CollectionAssert.AreEqual(new[] { "1_a.sql", "shared/5_shared.sql" }, Relative(temp));
        }

        [TestMethod]
        public void MissingFolderIsAnInputErrorNamingThePath()
        {
            using var temp = new TempFolder();
            string missing = Path.Combine(temp.Path, "nope");
            var e = Assert.ThrowsExactly<MigrationInputException>(() => MigrationDiscovery.Discover(missing));
            Assert.AreEqual(missing, e.PathName);
            StringAssert.Contains(e.Message, missing);
            StringAssert.Contains(e.Message, "not found");
        }

        [TestMethod]
        public void AFileInsteadOfAFolderIsAnInputError()
        {
            using var temp = new TempFolder();
            string file = temp.Write("1_a.sql");
            var e = Assert.ThrowsExactly<MigrationInputException>(() => MigrationDiscovery.Discover(file));
            StringAssert.Contains(e.Message, "not a folder");
        }

        [TestMethod]
        public void UnreadableFolderIsAnInputError()
        {
            if (System.OperatingSystem.IsWindows() || System.Environment.UserName == "root")
            {
                // Root reads any folder whatever its permissions, so the refusal is produced the way the runtime
                // reports it: the listing throws, and discovery must turn that into one input error naming the folder.
                var denied = Assert.ThrowsExactly<MigrationInputException>(() => MigrationDiscovery.EnumerateOrThrow(
                    () => throw new System.UnauthorizedAccessException("Access to the path '/x/locked' is denied."), "/x/locked"));
                StringAssert.Contains(denied.Message, "/x/locked: cannot list the migration folder");
                return;
            }
            using var temp = new TempFolder();
            string locked = Path.Combine(temp.Path, "locked");
            Directory.CreateDirectory(locked);
            File.SetUnixFileMode(locked, UnixFileMode.None);
            try
            {
                var e = Assert.ThrowsExactly<MigrationInputException>(() => MigrationDiscovery.Discover(temp.Path));
                StringAssert.Contains(e.Message, locked);
            }
            finally
            {
                File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
