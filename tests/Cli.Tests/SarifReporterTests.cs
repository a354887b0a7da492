using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Output;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class SarifReporterTests
    {
        private static JsonElement Run(params Diagnostic[] diagnostics)
        {
            string sarif = SarifReporter.Format(diagnostics, "1.2.3");
            using JsonDocument document = JsonDocument.Parse(sarif);
            JsonElement root = document.RootElement.Clone();
            Assert.AreEqual("2.1.0", root.GetProperty("version").GetString());
            Assert.AreEqual(SarifReporter.SchemaUri, root.GetProperty("$schema").GetString());
            Assert.AreEqual(1, root.GetProperty("runs").GetArrayLength());
            return root.GetProperty("runs")[0];
        }

        [TestMethod]
        public void DriverListsEveryRuleOfTheCatalog()
        {
            JsonElement driver = Run().GetProperty("tool").GetProperty("driver");

            Assert.AreEqual("ReplicaGuard", driver.GetProperty("name").GetString());
            Assert.AreEqual("1.2.3", driver.GetProperty("version").GetString());
            Assert.AreEqual(SarifReporter.InformationUri, driver.GetProperty("informationUri").GetString());
            JsonElement rules = driver.GetProperty("rules");
            Assert.AreEqual(RuleCatalog.All.Count, rules.GetArrayLength());
            for (int i = 0; i < RuleCatalog.All.Count; i++)
            {
                RuleDescriptor expected = RuleCatalog.All[i];
                JsonElement rule = rules[i];
                Assert.AreEqual(expected.Id, rule.GetProperty("id").GetString());
                Assert.IsFalse(string.IsNullOrEmpty(rule.GetProperty("name").GetString()));
                Assert.IsFalse(rule.GetProperty("name").GetString()!.Contains(' '));
                Assert.AreEqual(expected.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
                Assert.AreEqual(expected.Description, rule.GetProperty("fullDescription").GetProperty("text").GetString());
                Assert.AreEqual(expected.HelpUri, rule.GetProperty("helpUri").GetString());
                Assert.AreEqual(SeverityNames.Sarif(expected.DefaultSeverity), rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            }
            Assert.AreEqual("error", rules[0].GetProperty("defaultConfiguration").GetProperty("level").GetString());
            Assert.AreEqual(0, Run().GetProperty("results").GetArrayLength());
        }

        [TestMethod]
        public void ResultCarriesRuleLevelMessageRegionAndTable()
        {
            var file = new SourceFile("db/migrations/0001_init.sql", "-- x\nCREATE TABLE t (\n  a int\n);\n");
            Location location = TestData.At(file, "CREATE TABLE t (\n  a int\n)");

            JsonElement result = Run(TestData.Make(location, message: "no identity", objectName: "public.t")).GetProperty("results")[0];

            Assert.AreEqual("RG1001", result.GetProperty("ruleId").GetString());
            Assert.AreEqual(0, result.GetProperty("ruleIndex").GetInt32());
            Assert.AreEqual("error", result.GetProperty("level").GetString());
            Assert.AreEqual("no identity", result.GetProperty("message").GetProperty("text").GetString());
            JsonElement physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.AreEqual("db/migrations/0001_init.sql", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
            JsonElement region = physical.GetProperty("region");
            Assert.AreEqual(2, region.GetProperty("startLine").GetInt32());
            Assert.AreEqual(1, region.GetProperty("startColumn").GetInt32());
            Assert.AreEqual(4, region.GetProperty("endLine").GetInt32());
            Assert.AreEqual(2, region.GetProperty("endColumn").GetInt32());
            JsonElement logical = result.GetProperty("locations")[0].GetProperty("logicalLocations")[0];
            Assert.AreEqual("public.t", logical.GetProperty("fullyQualifiedName").GetString());
            Assert.IsFalse(result.TryGetProperty("fixes", out _));
            Assert.IsFalse(result.TryGetProperty("relatedLocations", out _));
        }

        [TestMethod]
        [DataRow(Severity.Error, "error")]
        [DataRow(Severity.Warning, "warning")]
        [DataRow(Severity.Suggestion, "note")]
        public void LevelsFollowTheSeverity(Severity severity, string level)
        {
            var file = new SourceFile("a.sql", "CREATE TABLE t (a int);");
            JsonElement result = Run(TestData.Make(TestData.At(file, "t"), RuleCatalog.RG2001, severity)).GetProperty("results")[0];
            Assert.AreEqual(level, result.GetProperty("level").GetString());
            Assert.AreEqual("RG2001", result.GetProperty("ruleId").GetString());
        }

        [TestMethod]
        [DataRow("db/0001 init.sql", "db/0001%20init.sql")]
        [DataRow("migrations/V1__a#b.sql", "migrations/V1__a%23b.sql")]
        [DataRow("/srv/app/db/x.sql", "file:///srv/app/db/x.sql")]
        public void UrisAreRelativeAndEscaped(string displayPath, string uri)
        {
            Assert.AreEqual(uri, SarifReporter.ToUri(displayPath));
        }

        [TestMethod]
        public void NonAsciiNamesStayReadable()
        {
            var file = new SourceFile("db/0001.sql", "CREATE TABLE café (a int);");
            string sarif = SarifReporter.Format(new[] { TestData.Make(TestData.At(file, "café"), objectName: "public.café") }, "1.0.0");
            StringAssert.Contains(sarif, "\"fullyQualifiedName\": \"public.café\"");
        }

        [TestMethod]
        public void RelatedLocationsAreListedWithIds()
        {
            var create = new SourceFile("db/0001.sql", "CREATE TABLE t (a int);\n");
            var publication = new SourceFile("db/0002.sql", "\nCREATE PUBLICATION p FOR ALL TABLES;\n");
            Diagnostic diagnostic = TestData.Make(TestData.At(create, "CREATE TABLE t (a int)"), related: new[] { TestData.At(publication, "p") });

            JsonElement related = Run(diagnostic).GetProperty("results")[0].GetProperty("relatedLocations");

            Assert.AreEqual(1, related.GetArrayLength());
            Assert.AreEqual(1, related[0].GetProperty("id").GetInt32());
            JsonElement physical = related[0].GetProperty("physicalLocation");
            Assert.AreEqual("db/0002.sql", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.AreEqual(2, physical.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.AreEqual(20, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        }

        [TestMethod]
        public void FixesBecomeArtifactChangesWithReplacements()
        {
            const string text = "CREATE TABLE t (a int NOT NULL);\nCREATE UNIQUE INDEX t_a ON t (a);\n";
            var file = new SourceFile("db/0001.sql", text);
            int insertAt = text.Length;
            var promote = new CodeFix(
                "Promote index t_a to the primary key",
                new[] { new TextEdit(file, new TextSpan(insertAt, 0), "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_a;\n") },
                "promote-index");
            var full = new CodeFix(
                "Set REPLICA IDENTITY FULL",
                new[] { new TextEdit(file, new TextSpan(14, 1), "t2") },
                "identity-full");
            Diagnostic diagnostic = TestData.Make(TestData.At(file, "CREATE TABLE t (a int NOT NULL)"), fixes: new[] { promote, full });

            JsonElement fixes = Run(diagnostic).GetProperty("results")[0].GetProperty("fixes");

            Assert.AreEqual(2, fixes.GetArrayLength());
            Assert.AreEqual("Promote index t_a to the primary key", fixes[0].GetProperty("description").GetProperty("text").GetString());
            JsonElement change = fixes[0].GetProperty("artifactChanges")[0];
            Assert.AreEqual("db/0001.sql", change.GetProperty("artifactLocation").GetProperty("uri").GetString());
            JsonElement replacement = change.GetProperty("replacements")[0];
            Assert.AreEqual(insertAt, replacement.GetProperty("deletedRegion").GetProperty("charOffset").GetInt32());
            Assert.AreEqual(0, replacement.GetProperty("deletedRegion").GetProperty("charLength").GetInt32());
            Assert.AreEqual(3, replacement.GetProperty("deletedRegion").GetProperty("startLine").GetInt32());
            Assert.AreEqual("ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_a;\n",
                replacement.GetProperty("insertedContent").GetProperty("text").GetString());

            JsonElement second = fixes[1].GetProperty("artifactChanges")[0].GetProperty("replacements")[0].GetProperty("deletedRegion");
            Assert.AreEqual(14, second.GetProperty("charOffset").GetInt32());
            Assert.AreEqual(1, second.GetProperty("charLength").GetInt32());
            Assert.AreEqual(1, second.GetProperty("startLine").GetInt32());
            Assert.AreEqual(15, second.GetProperty("startColumn").GetInt32());
            Assert.AreEqual(16, second.GetProperty("endColumn").GetInt32());
        }

        [TestMethod]
        public void EditsInTwoFilesGiveTwoArtifactChanges()
        {
            var first = new SourceFile("a.sql", "CREATE TABLE t (a int);\n");
            var second = new SourceFile("b.sql", "CREATE PUBLICATION p FOR TABLE t;\n");
            var fix = new CodeFix("Two files", new[]
            {
                new TextEdit(first, new TextSpan(0, 0), "-- one\n"),
                new TextEdit(second, new TextSpan(0, 0), "-- two\n"),
                new TextEdit(first, new TextSpan(24, 0), "-- three\n"),
            }, "two");

            JsonElement changes = Run(TestData.Make(TestData.At(first, "t"), fixes: new[] { fix }))
                .GetProperty("results")[0].GetProperty("fixes")[0].GetProperty("artifactChanges");

            Assert.AreEqual(2, changes.GetArrayLength());
            Assert.AreEqual("a.sql", changes[0].GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.AreEqual(2, changes[0].GetProperty("replacements").GetArrayLength());
            Assert.AreEqual("b.sql", changes[1].GetProperty("artifactLocation").GetProperty("uri").GetString());
        }
    }
}
