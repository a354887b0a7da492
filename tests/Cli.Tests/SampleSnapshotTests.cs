using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli;

namespace ReplicaGuard.Tests
{
    /// <summary>Whole reports on samples/alembic-zero, run in-process from the repository root as a user would.</summary>
    [TestClass]
    public sealed class SampleSnapshotTests
    {
        private static (int ExitCode, string Out) Check(params string[] args) => CheckIn(TestData.RepoRoot(), args);

        private static (int ExitCode, string Out) CheckIn(string workingDirectory, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var console = new CliConsole(output, error, workingDirectory, colorOutput: false);
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

        [TestMethod]
        public void AlembicZeroJson()
        {
            (int exitCode, string report) = Check("check", "samples/alembic-zero", "--format", "json");
            Assert.AreEqual(1, exitCode);
            StringAssert.Contains(report, "\"objectName\": \"public.alembic_version\"");
            Snapshot.Match(report);
        }

        [TestMethod]
        public void AlembicZeroGithub()
        {
            (int exitCode, string report) = Check("check", "samples/alembic-zero", "--format", "github");
            Assert.AreEqual(1, exitCode);
            StringAssert.StartsWith(report, "::error file=samples/alembic-zero/migrations/versions/0001_3f2a9c1d7b4e_create_users.sql,line=");
            Snapshot.Match(report);
        }

        // Harbor's golang-migrate history, as if every table were published (a Debezium-style FOR ALL TABLES
        // publication declared in a config written to a temporary folder, not into the corpus).
        private static (int ExitCode, string Out) Harbor(string format)
        {
            string config = Path.Combine(TestData.NewTempFolder(), "replicaguard.json");
            File.WriteAllText(config, "{ \"publications\": [ { \"name\": \"dbz_publication\", \"allTables\": true } ] }");
            string corpus = TestData.CorpusRoot();
            Assert.IsTrue(Directory.Exists(Path.Combine(corpus, "migrations", "harbor")), "the corpus has no migrations/harbor");
            return CheckIn(corpus, "check", "migrations/harbor", "--config", config, "--format", format);
        }

        [TestMethod]
        public void HarborText()
        {
            (int exitCode, string report) = Harbor("text");
            Assert.AreEqual(1, exitCode);
            StringAssert.Contains(report, "error RG1001");
            Snapshot.Match(report);
        }

        [TestMethod]
        public void HarborJson()
        {
            (_, string report) = Harbor("json");
            using var document = System.Text.Json.JsonDocument.Parse(report);
            Assert.AreEqual(1, document.RootElement.GetProperty("version").GetInt32());
            Snapshot.Match(report);
        }

        [TestMethod]
        public void HarborSarif()
        {
            (_, string report) = Harbor("sarif");
            StringAssert.Contains(report, "\"version\": \"2.1.0\"");
            Snapshot.Match(report);
        }

        [TestMethod]
        public void HarborGithub()
        {
            (_, string report) = Harbor("github");
            StringAssert.StartsWith(report, "::");
            Snapshot.Match(report);
        }

        [TestMethod]
        public void GithubEscapingOfPercentColonCommaAndNewlines()
        {
            // A Flyway file whose name holds ':' ',' '%' and a result with related locations (newlines in the message).
            string folder = TestData.NewTempFolder();
            File.WriteAllText(Path.Combine(folder, "replicaguard.json"), "{ \"publications\": [ { \"name\": \"p,1:%\", \"allTables\": true } ] }");
            Directory.CreateDirectory(Path.Combine(folder, "db"));
            File.WriteAllText(Path.Combine(folder, "db", "V1__t.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n");
            File.WriteAllText(Path.Combine(folder, "db", "V2__t,a:b%c.sql"), "-- 100% on purpose\nALTER TABLE t DROP CONSTRAINT t_pkey;\n");
            (int exitCode, string report) = CheckIn(folder, "check", "db", "--format", "github");
            Assert.AreEqual(1, exitCode);
            StringAssert.StartsWith(report, "::error file=db/V2__t%2Ca%3Ab%25c.sql,line=2,");
            Snapshot.Match(report);
        }
    }
}
