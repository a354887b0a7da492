using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli;
using ReplicaGuard.Cli.Commands;
using ReplicaGuard.Cli.Input;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class HistoryLoaderTests
    {
        private static string Write(string folder, string relative, string text = "SELECT 1;\n")
        {
            string path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        private static CheckOptions Options(params string[] paths)
        {
            var options = new CheckOptions();
            options.Paths.AddRange(paths);
            return options;
        }

        [TestMethod]
        public void EachFolderIsItsOwnHistoryWithPathsRelativeToTheWorkingDirectory()
        {
            string root = TestData.NewTempFolder();
            Write(root, "app/db/0002_b.sql");
            Write(root, "app/db/0001_a.sql");
            Write(root, "billing/db/0001_x.sql");

            CheckInput input = HistoryLoader.Load(Options("app/db", "billing/db"), root);

            Assert.AreEqual(2, input.Histories.Count);
            Assert.AreEqual("app/db", input.Histories[0].Name);
            Assert.AreEqual(2, input.Histories[0].Files.Count);
            Assert.AreEqual("app/db/0001_a.sql", input.Histories[0].Files[0].Path);
            Assert.AreEqual("app/db/0002_b.sql", input.Histories[0].Files[1].Path);
            Assert.AreEqual("billing/db/0001_x.sql", input.Histories[1].Files[0].Path);
            Assert.AreEqual(3, input.FileCount);
        }

        [TestMethod]
        public void ExplicitFilesFormOneHistoryInTheOrderGiven()
        {
            string root = TestData.NewTempFolder();
            Write(root, "db/b.sql", "-- b\n");
            Write(root, "db/a.sql", "-- a\n");

            CheckInput input = HistoryLoader.Load(Options("db/b.sql", "./db/a.sql"), root);

            Assert.AreEqual(1, input.Histories.Count);
            Assert.AreEqual("db/b.sql", input.Histories[0].Files[0].Path);
            Assert.AreEqual("-- b\n", input.Histories[0].Files[0].OriginalText);
            Assert.AreEqual("db/a.sql", input.Histories[0].Files[1].Path);
        }

        [TestMethod]
        public void FilesOutsideTheWorkingDirectoryKeepTheirFullPath()
        {
            string root = TestData.NewTempFolder();
            string elsewhere = TestData.NewTempFolder();
            string file = Write(elsewhere, "x.sql");
            Directory.CreateDirectory(Path.Combine(root, "cwd"));

            CheckInput input = HistoryLoader.Load(Options(file), Path.Combine(root, "cwd"));

            Assert.AreEqual(file.Replace('\\', '/'), input.Histories[0].Files[0].Path);
        }

        [TestMethod]
        public void CommandLineOverridesVersionAndProfile()
        {
            string root = TestData.NewTempFolder();
            Write(root, "db/1.sql");
            CheckOptions options = Options("db");
            options.PostgresVersion = 13;
            options.Profile = "zero";

            CheckInput input = HistoryLoader.Load(options, root);

            Assert.AreEqual(13, input.Settings.PostgresVersion);
            Assert.AreEqual("zero", input.Settings.Profile);
        }

        [TestMethod]
        public void MissingPathNamesIt()
        {
            string root = TestData.NewTempFolder();
            UsageException e = Assert.ThrowsExactly<UsageException>(() => HistoryLoader.Load(Options("nowhere.sql"), root));
            StringAssert.Contains(e.Message, "nowhere.sql");
        }

        [TestMethod]
        public void NoPathsAndNoConfigIsAUsageError()
        {
            string root = TestData.NewTempFolder();
            Assert.ThrowsExactly<UsageException>(() => HistoryLoader.Load(Options(), root));
        }

        [TestMethod]
        [DataRow("/work/app/db/1.sql", "/work/app", "db/1.sql")]
        [DataRow("/work/app", "/work/app", ".")]
        [DataRow("/work/other/1.sql", "/work/app", "/work/other/1.sql")]
        [DataRow("/work/app2/1.sql", "/work/app", "/work/app2/1.sql")]
        public void DisplayPaths(string full, string workingDirectory, string expected)
        {
            Assert.AreEqual(expected, DisplayPath.For(full, workingDirectory));
        }
    }
}
