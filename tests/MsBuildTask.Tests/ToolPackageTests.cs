using System;
using System.IO;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Packs the replicaguard tool as a user gets it (the pointer package and the RID-specific packages), installs it
    /// from a local folder with --tool-path, and checks that this platform got the precompiled (ReadyToRun) package
    /// and that it runs. Packs only this machine's RID and `any` to keep the test to one ReadyToRun compilation.
    /// </summary>
    [TestClass]
    public sealed class ToolPackageTests
    {
        [TestMethod]
        public void InstalledToolIsReadyToRunForThisPlatformAndRuns()
        {
            string rid = HostRid();
            string work = Path.Combine(Path.GetTempPath(), "rg-tool-" + Guid.NewGuid().ToString("N"));
            try
            {
                string root = PackageIntegrationTests.RepositoryRoot();
                // A copy of what the tool is built from, so that the pack's restore and outputs never touch the
                // repository's obj/ and bin/ while other test projects use them.
                string sources = Path.Combine(work, "src");
                foreach (string part in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md", "docs/rules", "src/Cli", "src/Analyzer" })
                {
                    Copy(Path.Combine(root, part), Path.Combine(sources, part));
                }
                string version = "0.1.0-tooltest" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
                string feed = Path.Combine(work, "feed");
                (int exit, string output) = PackageIntegrationTests.Run(sources, "pack", Path.Combine(sources, "src", "Cli", "Cli.csproj"),
                    "-c", "Release", "-o", feed, "-p:PackageVersion=" + version, "-p:ToolPackageRuntimeIdentifiers=\"" + rid + ";any\"", "-nologo");
                Assert.AreEqual(0, exit, "dotnet pack failed:\n" + output);
                Assert.IsTrue(File.Exists(Path.Combine(feed, $"ReplicaGuard.Tool.{rid}.{version}.nupkg")), output);

                string tools = Path.Combine(work, "tools");
                (exit, output) = PackageIntegrationTests.Run(work, "tool", "install", "ReplicaGuard.Tool", "--version", version,
                    "--add-source", feed, "--tool-path", tools);
                Assert.AreEqual(0, exit, "dotnet tool install failed:\n" + output);

                // The store holds the package that was chosen for this machine: the RID-specific one, precompiled.
                string[] installed = Directory.GetFiles(Path.Combine(tools, ".store"), "replicaguard.dll", SearchOption.AllDirectories);
                Assert.AreEqual(1, installed.Length, string.Join("\n", installed));
                StringAssert.Contains(installed[0].Replace('\\', '/'), $"/replicaguard.tool.{rid}/", "the RID-specific package was not the one installed");
                string folder = Path.GetDirectoryName(installed[0])!;
                Assert.IsTrue(IsReadyToRun(installed[0]), installed[0] + " has no ReadyToRun code");
                Assert.IsTrue(IsReadyToRun(Path.Combine(folder, "ReplicaGuard.Analyzer.dll")), "the engine has no ReadyToRun code");

                string command = Path.Combine(tools, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "replicaguard.exe" : "replicaguard");
                (exit, output) = RunTool(command, root, "check", Path.Combine("samples", "alembic-zero"));
                Assert.AreEqual(1, exit, output);
                StringAssert.Contains(output, "RG1001");
            }
            finally
            {
                try { Directory.Delete(work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        /// <summary>Copies a file, or a folder without its bin/ and obj/.</summary>
        private static void Copy(string source, string target)
        {
            if (File.Exists(source))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, true);
                return;
            }
            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(source, file);
                string first = relative.Split('/', '\\')[0];
                if (first == "bin" || first == "obj") continue;
                Copy(file, Path.Combine(target, relative));
            }
        }

        /// <summary>A portable RID (linux-x64, win-x64, osx-arm64): the names tool packages are published under.</summary>
        private static string HostRid()
        {
            string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            return os + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        }

        /// <summary>True when the assembly carries precompiled code (a ReadyToRun header in its CLI header).</summary>
        private static bool IsReadyToRun(string path)
        {
            using FileStream stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            CorHeader? header = reader.PEHeaders.CorHeader;
            return header != null && header.ManagedNativeHeaderDirectory.Size > 0;
        }

        private static (int Exit, string Output) RunTool(string command, string workingDirectory, params string[] args)
        {
            var info = new System.Diagnostics.ProcessStartInfo(command)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            using System.Diagnostics.Process process = System.Diagnostics.Process.Start(info)!;
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.IsTrue(process.WaitForExit(120_000), command + " did not finish in 2 minutes");
            return (process.ExitCode, output + error.Result);
        }
    }
}
