using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli;
using ReplicaGuard.Cli.Files;
using ReplicaGuard.Cli.Fixing;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Migrations;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>`fix` below the engine: hand-made fixes planned, diffed and written (for real and through failing file systems).</summary>
    [TestClass]
    public sealed class FixWriterTests
    {
        private const string Create = "CREATE TABLE t (id int NOT NULL);";

        private sealed class Loaded
        {
            public string Path = "";
            public SourceFile File = null!;
            public Dictionary<SourceFile, LoadedFile> Files = new Dictionary<SourceFile, LoadedFile>();
        }

        private static Loaded Load(string path)
        {
            MigrationText text = MigrationFileReader.Read(path);
            SourceFile file = SourcePreparation.Prepare(System.IO.Path.GetFileName(path), text.Text, new Dictionary<string, string>());
            var loaded = new Loaded { Path = path, File = file };
            loaded.Files[file] = new LoadedFile(path, System.IO.File.ReadAllBytes(path), text);
            return loaded;
        }

        private static string WriteFile(string name, byte[] bytes)
        {
            string path = System.IO.Path.Combine(TestData.NewTempFolder(), name);
            System.IO.File.WriteAllBytes(path, bytes);
            return path;
        }

        private static byte[] Utf8Bom(string text) => new UTF8Encoding(true).GetPreamble().AsSpanConcat(Encoding.UTF8.GetBytes(text));

        // A primary key added after the column list: the shape RG1001's fix takes.
        private static Diagnostic WithKeyFix(SourceFile file, string newText = ",\n  PRIMARY KEY (id)")
        {
            int at = file.OriginalText.IndexOf("NOT NULL", StringComparison.Ordinal) + "NOT NULL".Length;
            var fix = new CodeFix("Add a primary key", new[] { new TextEdit(file, new TextSpan(at, 0), newText) }, "add-primary-key");
            return TestData.Make(TestData.At(file, "CREATE TABLE t"), fixes: new[] { fix });
        }

        [TestMethod]
        public void FixKeepsBomAndCrlfAndInsertedLineBreaksFollowTheFile()
        {
            string path = WriteFile("0001_t.sql", Utf8Bom("-- t\r\n" + Create + "\r\nSELECT 1;\r\n"));
            Loaded loaded = Load(path);

            FixPlan plan = FixPlan.Create(new[] { WithKeyFix(loaded.File) }, loaded.Files);
            AtomicWriter.WriteAll(plan.Changes, PhysicalFileSystem.Instance);

            byte[] bytes = File.ReadAllBytes(path);
            CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, new[] { bytes[0], bytes[1], bytes[2] });
            string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.AreEqual("-- t\r\nCREATE TABLE t (id int NOT NULL,\r\n  PRIMARY KEY (id));\r\nSELECT 1;\r\n", text);
            Assert.AreEqual(1, plan.AppliedFixes);
            Assert.AreEqual(0, Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp").Length + Directory.GetFiles(Path.GetDirectoryName(path)!, ".*").Length);
        }

        [TestMethod]
        public void FixKeepsUtf16AndNoBomFiles()
        {
            string utf16 = WriteFile("a.sql", new UnicodeEncoding(false, true).GetPreamble().AsSpanConcat(new UnicodeEncoding(false, false).GetBytes(Create + "\n")));
            string plain = WriteFile("b.sql", Encoding.UTF8.GetBytes(Create + "\n"));
            foreach (string path in new[] { utf16, plain })
            {
                Loaded loaded = Load(path);
                AtomicWriter.WriteAll(FixPlan.Create(new[] { WithKeyFix(loaded.File, " PRIMARY KEY") }, loaded.Files).Changes, PhysicalFileSystem.Instance);
                MigrationText after = MigrationFileReader.Read(path);
                Assert.AreEqual("CREATE TABLE t (id int NOT NULL PRIMARY KEY);\n", after.Text);
                Assert.AreEqual(path == utf16, after.HasBom, path);
                Assert.AreEqual(path == utf16 ? MigrationText.Utf16LE : MigrationText.Utf8, after.EncodingName);
            }
        }

        [TestMethod]
        public void OverlappingFixesKeepTheFirstAndSkipTheWholeLaterOne()
        {
            string path = WriteFile("0001_t.sql", Encoding.UTF8.GetBytes(Create + "\n"));
            Loaded loaded = Load(path);
            SourceFile file = loaded.File;
            var first = TestData.Make(TestData.At(file, "t"), objectName: "public.t", fixes: new[] { new CodeFix("a", new[] { new TextEdit(file, new TextSpan(13, 1), "u") }, "a") });
            var second = TestData.Make(TestData.At(file, "t"), objectName: "public.other", fixes: new[]
            {
                new CodeFix("b", new[] { new TextEdit(file, new TextSpan(0, 0), "-- b\n"), new TextEdit(file, new TextSpan(13, 1), "v") }, "b"),
            });
            FixPlan plan = FixPlan.Create(new[] { first, second }, loaded.Files);
            Assert.AreEqual(1, plan.AppliedFixes);
            Assert.AreEqual(1, plan.SkippedFixes);
            Assert.AreEqual("CREATE TABLE u (id int NOT NULL);\n", plan.Changes[0].NewText); // no half of the second fix
        }

        [TestMethod]
        public void OnlyTheFirstFixPerTableIsTakenInOneRun()
        {
            // RG1001 at CREATE TABLE and RG1002 at a later UPDATE both offer a key: applying both adds two.
            string path = WriteFile("0001_t.sql", Encoding.UTF8.GetBytes(Create + "\nUPDATE t SET id = 1;\n"));
            Loaded loaded = Load(path);
            SourceFile file = loaded.File;
            Diagnostic atCreate = WithKeyFix(file, " PRIMARY KEY");
            int update = file.OriginalText.IndexOf("UPDATE", StringComparison.Ordinal);
            Diagnostic atUpdate = TestData.Make(TestData.At(file, "UPDATE"), rule: ReplicaGuard.Rules.RuleCatalog.RG1002, fixes: new[]
            {
                new CodeFix("Add a key before", new[] { new TextEdit(file, new TextSpan(update, 0), "ALTER TABLE t ADD PRIMARY KEY (id);\n") }, "k"),
            });
            Diagnostic otherTable = TestData.Make(TestData.At(file, "UPDATE"), objectName: "public.u", fixes: new[]
            {
                new CodeFix("x", new[] { new TextEdit(file, new TextSpan(0, 0), "-- u\n") }, "x"),
            });

            FixPlan plan = FixPlan.Create(new[] { atCreate, atUpdate, otherTable }, loaded.Files);

            Assert.AreEqual(2, plan.AppliedFixes);
            Assert.AreEqual(1, plan.SkippedFixes);
            Assert.AreEqual("-- u\nCREATE TABLE t (id int NOT NULL PRIMARY KEY);\nUPDATE t SET id = 1;\n", plan.Changes[0].NewText);
        }

        [TestMethod]
        public void DryRunDiffIsAUnifiedDiffThatGitApplies()
        {
            var lines = new StringBuilder();
            for (int i = 1; i <= 30; i++) lines.Append("SELECT ").Append(i).Append(";\n");
            string original = lines.ToString();
            string folder = TestData.NewTempFolder();
            string path = Path.Combine(folder, "m.sql");
            File.WriteAllText(path, original);
            var file = new SourceFile("m.sql", original);
            int second = original.IndexOf("SELECT 2;", StringComparison.Ordinal);
            int twentyEighth = original.IndexOf("SELECT 28;", StringComparison.Ordinal);
            var edits = new[]
            {
                new TextEdit(file, new TextSpan(second, "SELECT 2;".Length), "SELECT 2 + 0;"),
                new TextEdit(file, new TextSpan(twentyEighth, 0), "-- new line\n"),
            };

            string diff = FixDiff(original, edits);

            StringAssert.StartsWith(diff, "--- a/m.sql\n+++ b/m.sql\n@@ -1,5 +1,5 @@\n SELECT 1;\n-SELECT 2;\n+SELECT 2 + 0;\n SELECT 3;\n");
            StringAssert.Contains(diff, "@@ -25,6 +25,7 @@\n SELECT 25;\n SELECT 26;\n SELECT 27;\n+-- new line\n SELECT 28;\n");
            File.WriteAllText(Path.Combine(folder, "fix.diff"), diff);
            Git(folder, "apply", "fix.diff");
            Assert.AreEqual(ReplicaGuard.Fixes.TextEditApplier.Apply(original, edits).Text, File.ReadAllText(path));
        }

        [TestMethod]
        public void DiffMarksAMissingFinalNewline()
        {
            string original = "SELECT 1;";
            var file = new SourceFile("m.sql", original);
            string diff = FixDiff(original, new[] { new TextEdit(file, new TextSpan(7, 1), "2") });
            Assert.AreEqual("--- a/m.sql\n+++ b/m.sql\n@@ -1 +1 @@\n-SELECT 1;\n\\ No newline at end of file\n+SELECT 2;\n\\ No newline at end of file\n", diff);
        }

        private static string FixDiff(string original, IReadOnlyList<TextEdit> edits) => UnifiedDiff.Format("m.sql", original, edits);

        private static void Git(string folder, params string[] args)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in args) start.ArgumentList.Add(arg);
            using Process process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.AreEqual(0, process.ExitCode, "git " + string.Join(" ", args) + ": " + error);
        }

        // ---- failures: one clear message, nothing half-written ----

        /// <summary>The real disk, with one operation made to fail.</summary>
        private sealed class FailingFileSystem : IFileSystem
        {
            public Func<string, bool> FailWrite = _ => false;
            public Func<string, bool> FailMove = _ => false;
            public Func<string, bool> Missing = _ => false;
            public Func<string, bool> ReadOnly = _ => false;
            public List<string> Written = new List<string>();

            public byte[] ReadAllBytes(string path) => Missing(path) ? throw new FileNotFoundException("gone", path) : File.ReadAllBytes(path);
            public bool FileExists(string path) => !Missing(path) && File.Exists(path);
            public bool IsReadOnly(string path) => ReadOnly(path) || PhysicalFileSystem.Instance.IsReadOnly(path);

            public void WriteAllBytes(string path, byte[] bytes)
            {
                Written.Add(path);
                if (FailWrite(path))
                {
                    // What a full disk does: part of the file is there, then the write fails.
                    File.WriteAllBytes(path, new byte[] { bytes[0] });
                    throw new IOException("No space left on device");
                }
                PhysicalFileSystem.Instance.WriteAllBytes(path, bytes);
            }

            public void CopyPermissions(string like, string path) => PhysicalFileSystem.Instance.CopyPermissions(like, path);

            public void MoveOver(string source, string destination)
            {
                if (FailMove(destination)) throw new IOException("Input/output error");
                PhysicalFileSystem.Instance.MoveOver(source, destination);
            }

            public void Delete(string path) => PhysicalFileSystem.Instance.Delete(path);
        }

        private static (List<FileChange> Changes, string[] Paths, byte[][] Before) TwoFilesToFix()
        {
            string folder = TestData.NewTempFolder();
            var changes = new List<FileChange>();
            var paths = new List<string>();
            var before = new List<byte[]>();
            foreach (string name in new[] { "0001_a.sql", "0002_b.sql" })
            {
                string path = Path.Combine(folder, name);
                File.WriteAllText(path, Create + "\n");
                Loaded loaded = Load(path);
                changes.AddRange(FixPlan.Create(new[] { WithKeyFix(loaded.File, " PRIMARY KEY") }, loaded.Files).Changes);
                paths.Add(path);
                before.Add(File.ReadAllBytes(path));
            }
            return (changes, paths.ToArray(), before.ToArray());
        }

        private static void AssertUntouched(string[] paths, byte[][] before)
        {
            for (int i = 0; i < paths.Length; i++)
            {
                CollectionAssert.AreEqual(before[i], File.ReadAllBytes(paths[i]), paths[i]);
            }
            string folder = Path.GetDirectoryName(paths[0])!;
            Assert.AreEqual(paths.Length, Directory.GetFiles(folder).Length, "temporary files left: " + string.Join(", ", Directory.GetFiles(folder)));
        }

        [TestMethod]
        public void DiskFullWhileWritingTheSecondFileChangesNoFile()
        {
            var (changes, paths, before) = TwoFilesToFix();
            var fileSystem = new FailingFileSystem { FailWrite = path => path.Contains("0002_b.sql", StringComparison.Ordinal) };

            UsageException e = Assert.ThrowsExactly<UsageException>(() => AtomicWriter.WriteAll(changes, fileSystem));

            StringAssert.Contains(e.Message, "0002_b.sql");
            StringAssert.Contains(e.Message, "No space left on device");
            StringAssert.Contains(e.Message, "no file was changed");
            Assert.AreEqual(2, fileSystem.Written.Count);
            AssertUntouched(paths, before);
        }

        [TestMethod]
        public void FileDeletedDuringTheRunStopsBeforeWriting()
        {
            var (changes, paths, before) = TwoFilesToFix();
            var fileSystem = new FailingFileSystem { Missing = path => path.EndsWith("0002_b.sql", StringComparison.Ordinal) };

            UsageException e = Assert.ThrowsExactly<UsageException>(() => AtomicWriter.WriteAll(changes, fileSystem));

            StringAssert.Contains(e.Message, "0002_b.sql: the file was deleted during the run");
            Assert.AreEqual(0, fileSystem.Written.Count);
            AssertUntouched(paths, before);
        }

        [TestMethod]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void ReadOnlyFileStopsBeforeWriting()
        {
            var (changes, paths, before) = TwoFilesToFix();
            File.SetUnixFileMode(paths[1], UnixFileMode.UserRead | UnixFileMode.GroupRead);
            try
            {
                UsageException e = Assert.ThrowsExactly<UsageException>(() => AtomicWriter.WriteAll(changes, PhysicalFileSystem.Instance));
                StringAssert.Contains(e.Message, "0002_b.sql: the file is read-only");
                AssertUntouched(paths, before);
            }
            finally
            {
                File.SetUnixFileMode(paths[1], UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        [TestMethod]
        public void FileChangedSinceItWasReadIsNotOverwritten()
        {
            var (changes, paths, _) = TwoFilesToFix();
            File.AppendAllText(paths[0], "-- edited meanwhile\n");
            byte[][] now = { File.ReadAllBytes(paths[0]), File.ReadAllBytes(paths[1]) };

            UsageException e = Assert.ThrowsExactly<UsageException>(() => AtomicWriter.WriteAll(changes, PhysicalFileSystem.Instance));

            StringAssert.Contains(e.Message, "0001_a.sql: the file changed during the run");
            AssertUntouched(paths, now);
        }

        [TestMethod]
        public void FailedRenameLeavesThatFileWholeAndNoTemporaryFile()
        {
            var (changes, paths, before) = TwoFilesToFix();
            var fileSystem = new FailingFileSystem { FailMove = path => path.EndsWith("0001_a.sql", StringComparison.Ordinal) };

            UsageException e = Assert.ThrowsExactly<UsageException>(() => AtomicWriter.WriteAll(changes, fileSystem));

            StringAssert.Contains(e.Message, "0001_a.sql: cannot replace the file");
            AssertUntouched(paths, before);
        }

        [TestMethod]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void KeepsTheFilePermissions()
        {
            var (changes, paths, _) = TwoFilesToFix();
            UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.UserExecute;
            File.SetUnixFileMode(paths[0], mode);
            AtomicWriter.WriteAll(changes, PhysicalFileSystem.Instance);
            Assert.AreEqual(mode, File.GetUnixFileMode(paths[0]));
            Assert.AreEqual("CREATE TABLE t (id int NOT NULL PRIMARY KEY);\n", File.ReadAllText(paths[0]));
        }
    }

    internal static class ByteArrayExtensions
    {
        public static byte[] AsSpanConcat(this byte[] first, byte[] second)
        {
            var result = new byte[first.Length + second.Length];
            first.CopyTo(result, 0);
            second.CopyTo(result, first.Length);
            return result;
        }
    }
}
