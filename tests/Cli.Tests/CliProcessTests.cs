using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>The built tool run as users run it: `dotnet replicaguard.dll ...`, checking exit code and streams.</summary>
    [TestClass]
    public sealed class CliProcessTests
    {
        private sealed class ProcessResult
        {
            public int ExitCode;
            public string Out = "";
            public string Err = "";
        }

        private static ProcessResult RunTool(string workingDirectory, params string[] args)
        {
            string tool = Path.Combine(AppContext.BaseDirectory, "replicaguard.dll");
            Assert.IsTrue(File.Exists(tool), "replicaguard.dll not found beside the tests: " + tool);
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(tool);
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using Process process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(60_000), "replicaguard did not finish in 60 s");
            return new ProcessResult { ExitCode = process.ExitCode, Out = stdout.Result, Err = stderr.Result };
        }

        private static void AssertUsageError(ProcessResult result, string expectedInMessage)
        {
            Assert.AreEqual(2, result.ExitCode, result.Err);
            Assert.AreEqual("", result.Out);
            string[] lines = result.Err.TrimEnd('\n').Split('\n');
            Assert.AreEqual(1, lines.Length, "expected one line on stderr: " + result.Err);
            StringAssert.StartsWith(lines[0], "replicaguard: error: ");
            StringAssert.Contains(lines[0], expectedInMessage);
        }

        [TestMethod]
        public void MissingPathIsOneLineAndExitTwoAndNothingWritten()
        {
            string folder = TestData.NewTempFolder();
            ProcessResult result = RunTool(folder, "check", "no-such-migrations", "--output", "report.txt");
            AssertUsageError(result, "no-such-migrations");
            Assert.IsFalse(File.Exists(Path.Combine(folder, "report.txt")));
        }

        [TestMethod]
        [DataRow("--no-such-option", "--no-such-option")]
        [DataRow("--format=xml", "xml")]
        [DataRow("--postgres-version=12", "12")]
        [DataRow("--profile=nobody", "nobody")]
        public void BadOptionsAreOneLineAndExitTwo(string option, string expectedInMessage)
        {
            string folder = TestData.NewTempFolder();
            AssertUsageError(RunTool(folder, "check", option, "."), expectedInMessage);
        }

        [TestMethod]
        public void OptionWithoutValueIsAUsageError()
        {
            AssertUsageError(RunTool(TestData.NewTempFolder(), "check", ".", "--format"), "--format");
        }

        [TestMethod]
        public void MissingConfigFileNamesIt()
        {
            string folder = TestData.NewTempFolder();
            AssertUsageError(RunTool(folder, "check", "--config", "absent.json", "."), "absent.json");
        }

        [TestMethod]
        public void InvalidConfigNamesTheFileAndTheKey()
        {
            string folder = TestData.NewTempFolder();
            File.WriteAllText(Path.Combine(folder, "replicaguard.json"), "{ \"postgresVersion\": \"eleven\" }");
            ProcessResult result = RunTool(folder, "check", "--config", "replicaguard.json", ".");
            AssertUsageError(result, "replicaguard.json");
            StringAssert.Contains(result.Err, "postgresVersion");
        }

        [TestMethod]
        public void EmptyFolderIsCleanExitZero()
        {
            string folder = TestData.NewTempFolder();
            Directory.CreateDirectory(Path.Combine(folder, "migrations"));
            ProcessResult result = RunTool(folder, "check", "migrations");
            Assert.AreEqual(0, result.ExitCode, result.Err);
            Assert.AreEqual("", result.Out);
            StringAssert.StartsWith(result.Err, "0 errors, 0 warnings, 0 suggestions in 0 files (");
        }

        [TestMethod]
        public void OutputWritesTheReportToTheFileAndOnlyTheSummaryToTheTerminal()
        {
            string folder = TestData.NewTempFolder();
            string sample = Path.Combine(TestData.RepoRoot(), "samples", "alembic-zero");
            string report = Path.Combine(folder, "report.sarif");

            ProcessResult result = RunTool(folder, "check", sample, "--format", "sarif", "--output", report);

            Assert.AreNotEqual(2, result.ExitCode, result.Err);
            Assert.AreEqual("", result.Out);
            string[] errLines = result.Err.TrimEnd('\n').Split('\n');
            Assert.AreEqual(1, errLines.Length, result.Err);
            StringAssert.Contains(errLines[0], " in 2 files (");
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(report));
            Assert.AreEqual("2.1.0", document.RootElement.GetProperty("version").GetString());
        }

        [TestMethod]
        public void HelpForTheToolAndForCheckExitZero()
        {
            string folder = TestData.NewTempFolder();
            ProcessResult tool = RunTool(folder, "--help");
            ProcessResult check = RunTool(folder, "check", "--help");

            Assert.AreEqual(0, tool.ExitCode);
            StringAssert.StartsWith(tool.Out, "Usage: replicaguard <command>");
            Assert.AreEqual(0, check.ExitCode);
            StringAssert.StartsWith(check.Out, "Usage: replicaguard check");
            StringAssert.Contains(check.Out, "--postgres-version");
            Assert.AreEqual("", check.Err);
        }

        [TestMethod]
        public void VersionPrintsTheAssemblyVersion()
        {
            ProcessResult result = RunTool(TestData.NewTempFolder(), "--version");
            Assert.AreEqual(0, result.ExitCode);
            Assert.AreEqual(ReplicaGuard.Cli.Program.Version + "\n", result.Out);
            StringAssert.Matches(result.Out, new System.Text.RegularExpressions.Regex(@"^\d+\.\d+\.\d+"));
        }
    }
}
