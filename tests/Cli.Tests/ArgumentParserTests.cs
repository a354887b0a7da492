using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli;
using ReplicaGuard.Cli.Commands;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class ArgumentParserTests
    {
        [TestMethod]
        public void OptionsInBothFormsAndPathsInOrder()
        {
            CheckOptions options = ArgumentParser.ParseCheck(new[]
            {
                "db1", "--format", "sarif", "--config=rg.json", "db2", "--output", "out.sarif",
                "--postgres-version", "15", "--profile=Zero", "--", "--odd-name.sql",
            });

            CollectionAssert.AreEqual(new[] { "db1", "db2", "--odd-name.sql" }, options.Paths);
            Assert.AreEqual(ReportFormat.Sarif, options.Format);
            Assert.AreEqual("rg.json", options.ConfigPath);
            Assert.AreEqual("out.sarif", options.OutputPath);
            Assert.AreEqual(15, options.PostgresVersion);
            Assert.AreEqual("zero", options.Profile);
            Assert.IsFalse(options.ShowHelp);
        }

        [TestMethod]
        public void Defaults()
        {
            CheckOptions options = ArgumentParser.ParseCheck(new string[0]);
            Assert.AreEqual(ReportFormat.Text, options.Format);
            Assert.IsNull(options.ConfigPath);
            Assert.IsNull(options.PostgresVersion);
            Assert.AreEqual(0, options.Paths.Count);
        }

        [TestMethod]
        [DataRow("--format", "xml")]
        [DataRow("--rule", "RG9999")]
        [DataRow("--rule", "RG1001,nope")]
        [DataRow("--dry-run", "x")]
        [DataRow("--postgres-version", "19")]
        [DataRow("--postgres-version", "15.2")]
        [DataRow("--profile", "kafka")]
        [DataRow("--unknown", "x")]
        [DataRow("--help=yes", "x")]
        public void RejectedArguments(string option, string value)
        {
            Assert.ThrowsExactly<UsageException>(() => ArgumentParser.ParseCheck(new[] { option, value }));
        }

        [TestMethod]
        public void RulesAreCanonicalDedupedAndRepeatable()
        {
            CheckOptions options = ArgumentParser.Parse("fix", new[] { "--rule", "rg1001, RG2001", "--rule=RG1001", "--dry-run" });
            CollectionAssert.AreEqual(new[] { "RG1001", "RG2001" }, options.Rules);
            Assert.IsTrue(options.DryRun);
        }

        [TestMethod]
        [DataRow("json", ReportFormat.Json)]
        [DataRow("GitHub", ReportFormat.Github)]
        [DataRow("sarif", ReportFormat.Sarif)]
        public void EveryFormat(string value, ReportFormat expected)
        {
            Assert.AreEqual(expected, ArgumentParser.ParseCheck(new[] { "--format", value }).Format);
        }

        [TestMethod]
        [DataRow("fix", "--format")]
        [DataRow("fix", "--changed-since")]
        [DataRow("check", "--dry-run")]
        [DataRow("rules", "--rule")]
        [DataRow("baseline", "--baseline")]
        public void EachCommandAcceptsOnlyItsOptions(string command, string option)
        {
            UsageException e = Assert.ThrowsExactly<UsageException>(() => ArgumentParser.Parse(command, new[] { option, "x" }));
            StringAssert.Contains(e.Message, option);
        }

        [TestMethod]
        public void HelpFlag()
        {
            Assert.IsTrue(ArgumentParser.ParseCheck(new[] { "-h" }).ShowHelp);
            Assert.IsTrue(ArgumentParser.ParseCheck(new[] { "db", "--help" }).ShowHelp);
        }
    }
}
