using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Packs the replicaguard tool as a user gets it (the pointer package, this platform's package and the `any`
    /// package), installs it from a local folder with --tool-path, and checks that this platform got the native AOT
    /// executable and that it answers exactly as the JIT build of the same version (the `any` package) does: same
    /// reports in every format, same exit codes, same messages. Packs only this machine's RID and `any` to keep the
    /// test to one native compilation.
    /// </summary>
    [TestClass]
    public sealed class ToolPackageTests
    {
        /// <summary>Commands run by both builds: every report format, the fix diff, the rule pages and usage errors.</summary>
        private static readonly string[][] ParityCases =
        {
            new[] { "check", "samples/alembic-zero" },
            new[] { "check", "samples/alembic-zero", "--format", "json" },
            new[] { "check", "samples/alembic-zero", "--format", "sarif" },
            new[] { "check", "samples/dbup-sample", "--format", "github" },
            new[] { "check", "samples/migrations-only", "--profile", "zero" },
            new[] { "fix", "--dry-run", "samples/alembic-zero" },
            new[] { "rules" },
            new[] { "explain", "RG1001" },
            new[] { "explain", "RG9999" },
            new[] { "check", "no-such-folder" },
            new[] { "check", "--format", "xml", "samples/alembic-zero" },
            new[] { "--version" },
            new[] { "check", "--help" },
        };

        [TestMethod]
        public void InstalledToolIsNativeForThisPlatformAndAnswersAsTheJitBuild()
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

                // The store holds the package that was chosen for this machine: the RID-specific one, a native executable
                // that the tool shim runs directly (no replicaguard.dll, no runtime).
                // (The pointer package, replicaguard.tool, has settings of its own that only name the RID packages.)
                string[] settings = Directory.GetFiles(Path.Combine(tools, ".store"), "DotnetToolSettings.xml", SearchOption.AllDirectories)
                    .Where(path => path.Replace('\\', '/').Contains("/replicaguard.tool.")).ToArray();
                Assert.AreEqual(1, settings.Length, string.Join("\n", settings));
                StringAssert.Contains(settings[0].Replace('\\', '/'), $"/replicaguard.tool.{rid}/", "the RID-specific package was not the one installed");
                StringAssert.Contains(File.ReadAllText(settings[0]), "Runner=\"executable\"", "the installed tool is not a native executable");
                string folder = Path.GetDirectoryName(settings[0])!;
                string executableName = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "replicaguard.exe" : "replicaguard";
                string executable = Path.Combine(folder, executableName);
                Assert.IsTrue(IsNativeExecutable(executable), executable + " is not a native executable");
                Assert.IsFalse(File.Exists(Path.Combine(folder, "replicaguard.dll")), "the native package also carries replicaguard.dll");

                // The JIT build of the same version, from the `any` package, as the reference.
                string any = Path.Combine(work, "any");
                ZipFile.ExtractToDirectory(Path.Combine(feed, $"ReplicaGuard.Tool.any.{version}.nupkg"), any);
                string[] jit = Directory.GetFiles(any, "replicaguard.dll", SearchOption.AllDirectories);
                Assert.AreEqual(1, jit.Length, string.Join("\n", jit));

                string command = Path.Combine(tools, executableName); // the tool shim
                foreach (string[] args in ParityCases)
                {
                    string name = string.Join(" ", args);
                    ToolRun native = RunTool(command, root, args);
                    ToolRun reference = RunTool("dotnet", root, new[] { jit[0] }.Concat(args).ToArray());
                    Assert.AreEqual(reference.Exit, native.Exit, name + ": exit code\n" + native.Out + native.Err);
                    Assert.AreEqual(reference.Out, native.Out, name + ": standard output");
                    Assert.AreEqual(Untimed(reference.Err), Untimed(native.Err), name + ": standard error");
                }

                ToolRun sample = RunTool(command, root, "check", Path.Combine("samples", "alembic-zero"));
                Assert.AreEqual(1, sample.Exit, sample.Out + sample.Err);
                StringAssert.Contains(sample.Out, "RG1001");
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

        /// <summary>True for an ELF, Mach-O or PE file that is not a .NET assembly (no CLI header): a native AOT executable.</summary>
        private static bool IsNativeExecutable(string path)
        {
            using FileStream stream = File.OpenRead(path);
            byte[] head = new byte[4];
            if (stream.Read(head, 0, 4) < 4) return false;
            if (head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F') return true;
            if (head[0] == 0xCF && head[1] == 0xFA && head[2] == 0xED && head[3] == 0xFE) return true;
            if (head[0] != (byte)'M' || head[1] != (byte)'Z') return false;
            stream.Position = 0;
            using var reader = new PEReader(stream);
            return reader.PEHeaders.CorHeader == null;
        }

        /// <summary>The run summary on standard error ends with the time it took, which differs between any two runs.</summary>
        private static string Untimed(string error) => Regex.Replace(error, @"\(\d+ ms\)", "(N ms)");

        private sealed record ToolRun(int Exit, string Out, string Err);

        private static ToolRun RunTool(string command, string workingDirectory, params string[] args)
        {
            var info = new System.Diagnostics.ProcessStartInfo(command)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            info.Environment["NO_COLOR"] = "1";
            using System.Diagnostics.Process process = System.Diagnostics.Process.Start(info)!;
            process.StandardInput.Close();
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.IsTrue(process.WaitForExit(120_000), command + " did not finish in 2 minutes");
            return new ToolRun(process.ExitCode, output, error.Result);
        }
    }
}
