using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class ReplicaGuardConfigTests
    {
        private const string File = "replicaguard.json";

        private static ReplicaGuardConfig Parse(string json) => ReplicaGuardConfig.Parse(json, File);

        private static ConfigException Fails(string json) => Assert.ThrowsExactly<ConfigException>(() => Parse(json));

        [TestMethod]
        public void FullValidFileWithCommentsAndTrailingCommas()
        {
            string json = @"{
  ""$schema"": ""https://example.com/replicaguard.schema.json"",
  // target server
  ""postgresVersion"": 15,
  ""profile"": ""debezium"", /* the consumer */
  ""publications"": [
    { ""name"": ""all"", ""allTables"": true, ""publish"": ""insert, update"" },
    { ""name"": ""some"", ""tablesInSchema"": [""app""], ""tables"": [""public.t"", ""u""], ""publishViaPartitionRoot"": true, },
    { ""name"": ""empty"" },
  ],
  ""placeholders"": { ""${schema}"": ""app"", ""flyway:user"": ""me"" },
  ""files"": [""db/1.sql"", ""db/2.sql""],
  ""searchPath"": [""app"", ""public""],
  ""rules"": { ""RG2001"": ""error"", ""RG3001"": ""warning"", ""RG2002"": ""none"", ""RG9002"": ""suggestion"" },
}";
            ReplicaGuardConfig config = Parse(json);
            Assert.AreEqual(File, config.Path);
            Assert.AreEqual(15, config.PostgresVersion);
            Assert.AreEqual("debezium", config.Profile);
            Assert.AreEqual(3, config.Publications.Count);
            Assert.IsTrue(config.Publications[0].AllTables);
            Assert.AreEqual("insert, update", config.Publications[0].Publish);
            CollectionAssert.AreEqual(new[] { "app" }, config.Publications[1].TablesInSchema);
            CollectionAssert.AreEqual(new[] { "public.t", "u" }, config.Publications[1].Tables);
            Assert.IsTrue(config.Publications[1].PublishViaPartitionRoot);
            Assert.IsNull(config.Publications[1].Publish);
            Assert.AreEqual("empty", config.Publications[2].Name);
            Assert.AreEqual(0, config.Publications[2].Tables.Count);
            Assert.AreEqual("app", config.Placeholders["${schema}"]);
            Assert.AreEqual("me", config.Placeholders["flyway:user"]);
            CollectionAssert.AreEqual(new[] { "db/1.sql", "db/2.sql" }, config.Files);
            CollectionAssert.AreEqual(new[] { "app", "public" }, config.SearchPath);
            Assert.AreEqual(Severity.Error, config.Rules["RG2001"]);
            Assert.AreEqual(Severity.Warning, config.Rules["RG3001"]);
            Assert.AreEqual(Severity.None, config.Rules["RG2002"]);
            Assert.AreEqual(Severity.Suggestion, config.Rules["RG9002"]);

            AnalysisSettings settings = config.ToSettings();
            Assert.AreEqual(15, settings.PostgresVersion);
            CollectionAssert.AreEqual(new[] { "app", "public" }, settings.SearchPath);
        }

        [TestMethod]
        public void EmptyObjectIsValidAndChangesNothing()
        {
            ReplicaGuardConfig config = Parse("{}");
            Assert.IsNull(config.PostgresVersion);
            Assert.IsNull(config.SearchPath);
            Assert.AreEqual(AnalysisSettings.DefaultPostgresVersion, config.ToSettings().PostgresVersion);
        }

        [TestMethod]
        public void VersionOutOfRangeGivesTheExactMessage()
        {
            var e = Fails("{\n  \"profile\": \"zero\",\n  \"postgresVersion\": 12\n}");
            Assert.AreEqual("replicaguard.json(3,22): \"postgresVersion\" must be a whole number from 13 to 18, found 12", e.Message);
            Assert.AreEqual("postgresVersion", e.Key);
            Assert.AreEqual(File, e.PathName);
        }

        [TestMethod]
        [DataRow("19")]
        [DataRow("16.5")]
        [DataRow("\"16\"")]
        [DataRow("1e1")]
        [DataRow("null")]
        public void VersionMustBeAWholeNumberInRange(string value)
        {
            var e = Fails("{\"postgresVersion\": " + value + "}");
            StringAssert.Contains(e.Message, "must be a whole number from 13 to 18, found ");
            Assert.AreEqual("postgresVersion", e.Key);
        }

        [TestMethod]
        [DataRow(13)]
        [DataRow(18)]
        public void VersionBoundsAreAccepted(int version)
        {
            Assert.AreEqual(version, Parse("{\"postgresVersion\": " + version + "}").PostgresVersion);
        }

        [TestMethod]
        public void EveryProfileIsAcceptedAndOthersRejected()
        {
            foreach (string profile in new[] { "postgres", "zero", "supabase", "electric", "debezium", "pglogical" })
            {
                Assert.AreEqual(profile, Parse("{\"profile\": \"" + profile + "\"}").Profile);
            }
            var e = Fails("{\"profile\": \"Zero\"}");
            Assert.AreEqual("replicaguard.json(1,13): \"profile\" must be one of postgres, zero, supabase, electric, debezium, pglogical, found \"Zero\"", e.Message);
        }

        [TestMethod]
        public void UnknownKeyIsAnErrorAtTheKey()
        {
            var e = Fails("{\n  \"postgresversion\": 16\n}");
            Assert.AreEqual("postgresversion", e.Key);
            StringAssert.StartsWith(e.Message, "replicaguard.json(2,3): \"postgresversion\" is not a known key");
        }

        [TestMethod]
        public void InvalidJsonHasEmptyKeyAndPosition()
        {
            var e = Fails("{\n  \"profile\": \"zero\"\n  \"postgresVersion\": 16\n}");
            Assert.AreEqual("", e.Key);
            StringAssert.StartsWith(e.Message, "replicaguard.json(3,3): invalid JSON: ");
        }

        [TestMethod]
        [DataRow("", DisplayName = "empty")]
        [DataRow("[]", DisplayName = "array root")]
        [DataRow("{\"a\": 1, \"a\": 2}", DisplayName = "duplicate")]
        [DataRow("{\"profile\": 'zero'}", DisplayName = "single quotes")]
        [DataRow("{\"profile\": \"zero}", DisplayName = "unterminated")]
        [DataRow("{} {}", DisplayName = "trailing data")]
        [DataRow("{/* open", DisplayName = "open comment")]
        public void MalformedJsonIsAConfigError(string json)
        {
            var e = Fails(json);
            StringAssert.StartsWith(e.Message, "replicaguard.json(");
            Assert.IsTrue(e.Message.IndexOf('\n') < 0, "one line");
        }

        [TestMethod]
        public void PublicationNeedsAName()
        {
            var e = Fails("{\"publications\": [{\"allTables\": true}]}");
            Assert.AreEqual("publications[0].name", e.Key);
            StringAssert.Contains(e.Message, "needs a name");
        }

        [TestMethod]
        [DataRow("{\"name\": 5}", "publications[0].name")]
        [DataRow("{\"name\": \"p\", \"allTables\": \"yes\"}", "publications[0].allTables")]
        [DataRow("{\"name\": \"p\", \"tables\": \"t\"}", "publications[0].tables")]
        [DataRow("{\"name\": \"p\", \"tables\": [1]}", "publications[0].tables[0]")]
        [DataRow("{\"name\": \"p\", \"tablesInSchema\": [\"\"]}", "publications[0].tablesInSchema[0]")]
        [DataRow("{\"name\": \"p\", \"publish\": \"insert, upsert\"}", "publications[0].publish")]
        [DataRow("{\"name\": \"p\", \"publishViaPartitionRoot\": 1}", "publications[0].publishViaPartitionRoot")]
        [DataRow("{\"name\": \"p\", \"owner\": \"me\"}", "publications[0].owner")]
        [DataRow("{\"name\": \"p\", \"allTables\": true, \"tables\": [\"t\"]}", "publications[0].tables")]
        [DataRow("{\"name\": \"p\", \"allTables\": true, \"tablesInSchema\": [\"s\"]}", "publications[0].tablesInSchema")]
        public void InvalidPublicationFieldsNameTheKey(string publication, string key)
        {
            var e = Fails("{\"publications\": [" + publication + "]}");
            Assert.AreEqual(key, e.Key, e.Message);
            StringAssert.Contains(e.Message, key);
        }

        [TestMethod]
        public void PublicationShapes()
        {
            ReplicaGuardConfig config = Parse("{\"publications\": [{\"name\": \"a\", \"allTables\": true, \"tables\": []}, {\"name\": \"b\", \"publish\": \"\"}, {\"name\": \"c\", \"publish\": \"TRUNCATE,delete\"}]}");
            Assert.IsTrue(config.Publications[0].AllTables);
            Assert.AreEqual("", config.Publications[1].Publish);
            Assert.AreEqual("TRUNCATE,delete", config.Publications[2].Publish);
        }

        [TestMethod]
        public void DuplicatePublicationNameIsAnError()
        {
            var e = Fails("{\"publications\": [{\"name\": \"p\"}, {\"name\": \"p\"}]}");
            Assert.AreEqual("publications[1]", e.Key);
        }

        [TestMethod]
        public void PublicationsMustBeAnArray()
        {
            Assert.AreEqual("publications", Fails("{\"publications\": {}}").Key);
            Assert.AreEqual("publications[0]", Fails("{\"publications\": [\"p\"]}").Key);
        }

        [TestMethod]
        public void PlaceholdersMustMapStringsToStrings()
        {
            Assert.AreEqual("placeholders", Fails("{\"placeholders\": [\"a\"]}").Key);
            Assert.AreEqual("placeholders.a", Fails("{\"placeholders\": {\"a\": 1}}").Key);
            Assert.AreEqual("placeholders.", Fails("{\"placeholders\": {\"\": \"x\"}}").Key);
        }

        [TestMethod]
        public void FilesMustBeAnArrayOfStringsAndResolveAgainstTheConfigFolder()
        {
            Assert.AreEqual("files", Fails("{\"files\": \"a.sql\"}").Key);
            Assert.AreEqual("files[1]", Fails("{\"files\": [\"a.sql\", 2]}").Key);

            using var temp = new TempFolder();
            string configPath = temp.Write("replicaguard.json", "{\"files\": [\"db/1.sql\", \"../x.sql\"]}");
            ReplicaGuardConfig config = ReplicaGuardConfig.Load(configPath);
            CollectionAssert.AreEqual(
                new[] { Path.Combine(temp.Path, "db", "1.sql"), Path.GetFullPath(Path.Combine(temp.Path, "..", "x.sql")) },
                new System.Collections.Generic.List<string>(config.ResolveFiles()));
        }

        [TestMethod]
        public void SearchPathAsOneStringIsSplitAndUnquoted()
        {
            CollectionAssert.AreEqual(new[] { "$user", "public", "app" }, Parse("{\"searchPath\": \"\\\"$user\\\", public,app\"}").SearchPath);
            CollectionAssert.AreEqual(new[] { "$user", "public" }, Parse("{\"searchPath\": [\"\\\"$user\\\"\", \"public\"]}").SearchPath);
            Assert.AreEqual("searchPath", Fails("{\"searchPath\": \"a,,b\"}").Key);
            Assert.AreEqual("searchPath", Fails("{\"searchPath\": 3}").Key);
            Assert.AreEqual("searchPath[0]", Fails("{\"searchPath\": [true]}").Key);
        }

        [TestMethod]
        public void RulesMustNameKnownRulesAndSeverities()
        {
            var unknown = Fails("{\"rules\": {\"RG9999\": \"error\"}}");
            Assert.AreEqual("rules.RG9999", unknown.Key);
            StringAssert.Contains(unknown.Message, "RG1001");
            Assert.AreEqual("rules.RG1001", Fails("{\"rules\": {\"RG1001\": \"fatal\"}}").Key);
            Assert.AreEqual("rules.RG1001", Fails("{\"rules\": {\"RG1001\": 3}}").Key);
            Assert.AreEqual("rules", Fails("{\"rules\": [\"RG1001\"]}").Key);
            StringAssert.Contains(Fails("{\"rules\": {\"rg1001\": \"none\"}}").Message, "must be written \"RG1001\"");
        }

        [TestMethod]
        public void LoadReportsAnUnreadableFileWithEmptyKey()
        {
            using var temp = new TempFolder();
            string path = Path.Combine(temp.Path, "replicaguard.json");
            var e = Assert.ThrowsExactly<ConfigException>(() => ReplicaGuardConfig.Load(path));
            Assert.AreEqual("", e.Key);
            StringAssert.Contains(e.Message, path);
        }

        [TestMethod]
        public void LoadParsesAndRecordsThePath()
        {
            using var temp = new TempFolder();
            string path = temp.Write("replicaguard.json", "\uFEFF{\"postgresVersion\": 17}");
            ReplicaGuardConfig config = ReplicaGuardConfig.Load(path);
            Assert.AreEqual(17, config.PostgresVersion);
            Assert.AreEqual(path, config.Path);
        }

        [TestMethod]
        public void FindWalksUpFromAFileOrAFolder()
        {
            using var temp = new TempFolder();
            string config = temp.Write("project/replicaguard.json", "{}");
            string file = temp.Write("project/db/migrations/1_a.sql");
            string folder = Path.GetDirectoryName(file)!;
            Assert.AreEqual(config, ReplicaGuardConfig.Find(file));
            Assert.AreEqual(config, ReplicaGuardConfig.Find(folder));
            Assert.AreEqual(config, ReplicaGuardConfig.Find(Path.Combine(temp.Path, "project")));

            // The nearest wins.
            string inner = temp.Write("project/db/replicaguard.json", "{}");
            Assert.AreEqual(inner, ReplicaGuardConfig.Find(file));
        }

        [TestMethod]
        public void FindReturnsNullWhenThereIsNone()
        {
            using var temp = new TempFolder();
            string file = temp.Write("a/1.sql");
            // Only valid if no replicaguard.json sits above the temp folder; check that first.
            string? above = ReplicaGuardConfig.Find(Path.GetTempPath());
            Assert.IsNull(above, $"a stray {above} above the temp folder makes this test meaningless");
            Assert.IsNull(ReplicaGuardConfig.Find(file));
        }
    
        [TestMethod]
        public void ZeroAppPublicationsMustPublishAllFourActionsAndNotStartWithAnUnderscore()
        {
            ConfigException partial = Fails("{ \"profile\": \"zero\", \"publications\": [ { \"name\": \"zero_app\", \"allTables\": true, \"publish\": \"insert, update\" } ] }");
            Assert.AreEqual("publications[0].publish", partial.Key);
            StringAssert.Contains(partial.Message, "Zero requires app publications to publish insert, update, delete and truncate");
            ConfigException underscore = Fails("{ \"publications\": [ { \"name\": \"_mine\" } ], \"profile\": \"zero\" }");
            Assert.AreEqual("publications[0].name", underscore.Key);

            // Zero's own publication may be declared; other profiles do not care; all four actions are fine.
            Parse("{ \"profile\": \"zero\", \"publications\": [ { \"name\": \"_zero_public_0\", \"tablesInSchema\": [\"public\"] } ] }");
            Parse("{ \"profile\": \"postgres\", \"publications\": [ { \"name\": \"_mine\", \"publish\": \"insert\" } ] }");
            Parse("{ \"profile\": \"zero\", \"publications\": [ { \"name\": \"zero_app\", \"publish\": \"Insert, update, delete, truncate\" } ] }");
        }
    }
}
