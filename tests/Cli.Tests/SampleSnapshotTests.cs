using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli;

namespace ReplicaGuard.Tests
{
    /// <summary>Whole reports on samples/alembic-zero, run in-process from the repository root as a user would.</summary>
    [TestClass]
    public sealed class SampleSnapshotTests
    {
        private static (int ExitCode, string Out) Check(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var console = new CliConsole(output, error, TestData.RepoRoot(), colorOutput: false);
            int exitCode = Program.Run(args, console);
            Assert.AreNotEqual(2, exitCode, error.ToString());
            return (exitCode, output.ToString());
        }

        [TestMethod]
        public void AlembicZeroText()
        {
            (int exitCode, string report) = Check("check", "samples/alembic-zero");
            Assert.AreEqual(1, exitCode);
            StringAssert.Contains(report, "RG1001");
            StringAssert.Contains(report, "[public.alembic_version]");
            Snapshot.Match(report);
        }

        [TestMethod]
        public void AlembicZeroSarif()
        {
            (int exitCode, string report) = Check("check", "samples/alembic-zero", "--format", "sarif");
            Assert.AreEqual(1, exitCode);
            StringAssert.Contains(report, "\"fullyQualifiedName\": \"public.alembic_version\"");
            Snapshot.Match(report);
        }
    }
}
