using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using static ReplicaGuard.Tests.RuleTestHost;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class SuppressionTests
    {
        private const string Table = "CREATE TABLE t (a int);\n";
        private const string Publication = "CREATE PUBLICATION p FOR ALL TABLES;\n";

        [TestMethod]
        public void LineAboveTheStatement()
        {
            var all = Analyze(Table + "-- replicaguard-ignore RG1001\n" + Publication);
            Assert.AreEqual(0, all.Count, Describe(all));
        }

        [TestMethod]
        public void SeveralIdsAndAReasonAndOtherCommentsBetween()
        {
            var all = Analyze(Table + "-- replicaguard-ignore RG1001, RG2001: the consumer ignores this table\n-- reviewed 2026\n" + Publication);
            Assert.AreEqual(1, all.Count, Describe(all));
            StringAssert.Contains(Single(all, "RG9003").Message, "RG2001");
        }

        [TestMethod]
        public void EndOfTheFirstLine()
        {
            var all = Analyze(Table + "CREATE PUBLICATION p -- replicaguard-ignore RG1001\n  FOR ALL TABLES;\n");
            Assert.AreEqual(0, all.Count, Describe(all));
        }

        [TestMethod]
        public void BlockComment()
        {
            var all = Analyze(Table + "/* replicaguard-ignore RG1001 */\n" + Publication);
            Assert.AreEqual(0, all.Count, Describe(all));
        }

        [TestMethod]
        public void WholeFileAnywhere()
        {
            var all = Analyze(Table + Publication + "-- replicaguard-ignore-file rg1001\n");
            Assert.AreEqual(0, all.Count, Describe(all));
        }

        [TestMethod]
        public void OtherRuleOrOtherStatementDoesNotSuppress()
        {
            var all = Analyze("-- replicaguard-ignore RG1002\n" + Table + Publication);
            Single(all, "RG1001");
            Assert.AreEqual("RG1002", Single(all, "RG9003").Message.Split(' ').First(w => w.StartsWith("RG", System.StringComparison.Ordinal)));
        }

        [TestMethod]
        public void BlankLineDetachesIt()
        {
            var all = Analyze(Table + "-- replicaguard-ignore RG1001\n\n" + Publication);
            Single(all, "RG1001");
            StringAssert.Contains(Single(all, "RG9003").Message, "not directly above a statement");
        }

        [TestMethod]
        public void UnusedSuppressionIsASuggestionWithARemovalFix()
        {
            string[] files = { "-- replicaguard-ignore RG1001\nCREATE TABLE t (id int PRIMARY KEY);\n" };
            var d = Single(Analyze(files), "RG9003");
            Assert.AreEqual(Severity.Suggestion, d.Severity);
            Assert.AreEqual("\nCREATE TABLE t (id int PRIMARY KEY);\n", ApplyFix(d.Fixes[0], files)[0]);
        }

        [TestMethod]
        public void UnknownRuleAndMissingIds()
        {
            StringAssert.Contains(Single(Analyze("-- replicaguard-ignore RG7777\nSELECT 1;\n"), "RG9003").Message, "no such rule");
            StringAssert.Contains(Single(Analyze("-- replicaguard-ignore-file\nSELECT 1;\n"), "RG9003").Message, "names no rule");
        }

        [TestMethod]
        public void SuppressingADisabledRuleIsNotReported()
        {
            None(Analyze("-- replicaguard-ignore RG3001\nCREATE TABLE t (a int);\n"), "RG9003");
        }
    }

    [TestClass]
    public sealed class ProfileTests
    {
        private const string PublicTable = "CREATE TABLE t (a int);\n";

        [TestMethod]
        public void PostgresProfileHasNoImpliedPublication()
        {
            Assert.AreEqual(0, Analyze(PublicTable).Count);
        }

        [TestMethod]
        public void ZeroImpliesZeroPublicZeroOverPublicUnlessAppPublications()
        {
            StringAssert.Contains(Single(Analyze(Settings("zero"), PublicTable), "RG1001").Message, "_zero_public_0");
            AnalysisSettings app = Settings("zero");
            app.Publications.Add(new PublicationDeclaration("app_pub") { Tables = { "other" } });
            None(Analyze(app, PublicTable), "RG1001");
        }

        [TestMethod]
        public void SupabaseRealtimeExistsEmpty()
        {
            None(Analyze(Settings("supabase"), PublicTable), "RG1001");
            Single(Analyze(Settings("supabase"), PublicTable + "ALTER PUBLICATION supabase_realtime ADD TABLE t;\n"), "RG1001");
        }

        [TestMethod]
        public void DebeziumPublishesAllTables()
        {
            StringAssert.Contains(Single(Analyze(Settings("debezium"), PublicTable), "RG1001").Message, "dbz_publication");
        }

        [TestMethod]
        public void ElectricDeclaresItsPublication()
        {
            None(Analyze(Settings("electric"), PublicTable + "ALTER PUBLICATION electric_publication_default ADD TABLE t;\n"), "RG9002");
        }

        [TestMethod]
        public void EffectiveSeverities()
        {
            Assert.AreEqual(Severity.Error, Profiles.ConsumerProfile.EffectiveSeverity(Rules.RuleCatalog.RG2001, Settings("zero")));
            Assert.AreEqual(Severity.Warning, Profiles.ConsumerProfile.EffectiveSeverity(Rules.RuleCatalog.RG2001, Settings("postgres")));
            Assert.AreEqual(Severity.None, Profiles.ConsumerProfile.EffectiveSeverity(Rules.RuleCatalog.RG2002, Settings("supabase")));
            Assert.AreEqual(Severity.Suggestion, Profiles.ConsumerProfile.EffectiveSeverity(Rules.RuleCatalog.RG2001, Settings("zero", 16, ("RG2001", Severity.Suggestion))));
        }

        [TestMethod]
        public void ApplyDoesNotChangeTheCallersSettings()
        {
            AnalysisSettings settings = Settings("debezium");
            Analyze(settings, PublicTable);
            Assert.AreEqual(0, settings.Publications.Count);
            Assert.AreEqual(0, settings.RuleSeverities.Count);
        }
    }
}
