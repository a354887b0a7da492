using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Packs the ReplicaGuard package into a temporary feed (a version unique to this run, restored into a private
    /// packages folder so a cached package never wins) and builds copies of the samples with `dotnet build` as a
    /// user would. Slow: a handful of builds in all.
    /// </summary>
    [TestClass]
    public sealed class PackageIntegrationTests
    {
#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif
        private static string _work = "";
        private static string _version = "";

        [ClassInitialize]
        public static void Pack(TestContext context)
        {
            _work = Path.Combine(Path.GetTempPath(), "rg-pkg-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_work);
            _version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = RepositoryRoot();
            (int exit, string output) = Run(root, "pack", Path.Combine(root, "src", "Package", "ReplicaGuard.csproj"), "-c", Configuration,
                "-o", Path.Combine(_work, "feed"), "-p:PackageVersion=" + _version, "-nologo");
            Assert.AreEqual(0, exit, "dotnet pack failed:\n" + output);
        }

        [ClassCleanup]
        public static void Cleanup()
        {
            try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        [TestMethod]
        public void MigrationsOnlyFailsStaysFailingHonoursWarningOptionsAndPassesAfterTheFix()
        {
            string project = CopySample("migrations-only");
            string error = "migrations/0001_create_users.sql(4,1,4,29): error RG1001: Table public.alembic_version has no primary key";

            (int exit, string output) = Build(project);
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output.Replace('\\', '/'), error);
            // The seed case is two results: the keyless table (RG1001) and the migration tool's own UPDATE (RG1002).
            StringAssert.Contains(output, "error RG1002");
            StringAssert.Contains(output, "2 Error(s)");

            (exit, output) = Build(project);
            Assert.AreEqual(1, exit, "a second build with no change must still fail:\n" + output);
            StringAssert.Contains(output.Replace('\\', '/'), error);

            // As a warning (replicaguard.json `rules`): passes, fails under -warnaserror and TreatWarningsAsErrors, silent under NoWarn.
            string config = Path.Combine(project, "replicaguard.json");
            string original = File.ReadAllText(config);
            File.WriteAllText(config, original.TrimEnd().TrimEnd('}') + ",\n  \"rules\": { \"RG1001\": \"warning\", \"RG1002\": \"warning\" }\n}\n");
            (exit, output) = Build(project);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "warning RG1001");
            (exit, output) = Build(project);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "warning RG1001", "an unchanged build must report the warning again");
            (exit, output) = Build(project, "-warnaserror");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "error RG1001");
            (exit, output) = Build(project, "-p:TreatWarningsAsErrors=true");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "error RG1001");
            (exit, output) = Build(project, "-p:NoWarn=RG1001%3BRG1002");
            Assert.AreEqual(0, exit, output);
            Assert.IsFalse(output.Contains("RG1001", StringComparison.Ordinal), output);
            File.WriteAllText(config, original);

            // `replicaguard fix` (the built tool, as a user runs it) makes the build pass.
            (int fixExit, string fixOutput) = Run(project, Path.Combine(AppContext.BaseDirectory, "replicaguard.dll"), "fix", "migrations");
            Assert.AreEqual(0, fixExit, fixOutput);
            StringAssert.Contains(File.ReadAllText(Path.Combine(project, "migrations", "0001_create_users.sql")), "PRIMARY KEY (version_num)");
            (exit, output) = Build(project);
            Assert.AreEqual(0, exit, output);
            Assert.IsFalse(output.Contains("RG1001", StringComparison.Ordinal), output);
            Assert.IsFalse(output.Contains("RG1002", StringComparison.Ordinal), output);
        }

        [TestMethod]
        public void DbUpSampleFailsOnceThroughTheAnalyzer()
        {
            string project = CopySample("dbup-sample");
            (int exit, string output) = Build(project);
            Assert.AreEqual(1, exit, output);
            Assert.IsTrue(Regex.IsMatch(output.Replace('\\', '/'), @"Scripts/0001_create_users\.sql\(4,1\): error RG1001: Table public\.alembic_version"), output);
            StringAssert.Contains(output, "error RG1002");
            StringAssert.Contains(output, "2 Error(s)", "each result once per build (analyzer only, the task stays out)");

            // NoWarn silences an analyzer ID at any severity (the compiler's rule; the task follows it).
            (exit, output) = Build(project, "-p:NoWarn=RG1001%3BRG1002");
            Assert.AreEqual(0, exit, output);
            Assert.IsFalse(output.Contains("RG1001", StringComparison.Ordinal), output);

            // As warnings (replicaguard.json `rules`): the build passes, and TreatWarningsAsErrors fails it again.
            string config = Path.Combine(project, "replicaguard.json");
            string original = File.ReadAllText(config);
            File.WriteAllText(config, original.TrimEnd().TrimEnd('}') + ",\n  \"rules\": { \"RG1001\": \"warning\", \"RG1002\": \"warning\" }\n}\n");
            (exit, output) = Build(project);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "warning RG1001");
            // csc skips an unchanged project, and a property is not an input of its up-to-date check: a CI build
            // is a full one (docs/ide.md), so this one is too.
            (exit, output) = Build(project, "--no-incremental", "-p:TreatWarningsAsErrors=true");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "error RG1001");
            File.WriteAllText(config, original);
        }

        private static string CopySample(string name)
        {
            string source = Path.Combine(RepositoryRoot(), "samples", name);
            string target = Path.Combine(_work, name);
            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
                string destination = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination, true);
            }
            string feed = Path.Combine(_work, "feed");
            File.WriteAllText(Path.Combine(target, "nuget.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n" +
                $"    <add key=\"test\" value=\"{feed}\" />\n" +
                "    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n  </packageSources>\n</configuration>\n");
            return target;
        }

        private static (int Exit, string Output) Build(string project, params string[] extra)
        {
            var args = new System.Collections.Generic.List<string>
            {
                "build", project, "-nologo", "-p:ReplicaGuardVersion=" + _version,
                "-p:RestorePackagesPath=" + Path.Combine(_work, "packages"),
            };
            args.AddRange(extra);
            return Run(project, args.ToArray());
        }

        internal static (int Exit, string Output) Run(string workingDirectory, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using Process process = Process.Start(info)!;
            process.StandardInput.Close();
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(true);
                Assert.Fail("dotnet " + string.Join(" ", args) + " did not finish in 5 minutes:\n" + output);
            }
            process.WaitForExit();
            lock (output) return (process.ExitCode, output.ToString());
        }

        internal static string RepositoryRoot()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
            {
                dir = dir.Parent;
            }
            Assert.IsNotNull(dir, "repository root (Analyzer.sln) not found above " + AppContext.BaseDirectory);
            return dir!.FullName;
        }
    }
}
