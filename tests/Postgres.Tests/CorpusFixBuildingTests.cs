using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// On real histories from ../shared/corpus, fixes built on the first read (by one more replay: `check`, the IDE,
    /// the MSBuild task) must be exactly those built during the analysis (`fix`, JSON, SARIF, code fixes), for every
    /// result of every rule. Needs no server; a missing corpus file fails as in CorpusTests.
    /// </summary>
    [TestClass]
    public sealed class CorpusFixBuildingTests
    {
        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        [DataRow("postgres")]
        [DataRow("zero")]
        public void FixesBuiltOnTheFirstReadAreThoseBuiltDuringTheAnalysis(string profile)
        {
            var placeholders = new Dictionary<string, string> { [Corpus.AutoIncrementPlaceholder] = Corpus.AutoIncrementValue };
            var histories = new (string Name, History History)[]
            {
                ("synapse", Corpus.Load(Corpus.SynapseOrder())),
                ("gitlab", Corpus.Load(new[] { Corpus.PathOf("gitlab/db/structure.sql") })),
                ("supabase carbon", Corpus.Load(Corpus.WithSupabaseShim(Corpus.SupabaseMigrations("supabase/carbon/supabase/migrations")))),
                ("supabase midday", Corpus.Load(Corpus.WithSupabaseShim(Corpus.SupabaseMigrations("supabase/midday/supabase/migrations")))),
                ("harbor", Corpus.Load(Corpus.SortedSql("migrations/harbor/make/migrations/postgresql", "*.up.sql"))),
                ("peerdb", Corpus.Load(Corpus.FlywayOrder("migrations/peerdb/nexus/catalog/migrations"))),
                ("zbugs", Corpus.Load(Corpus.DrizzleJournalOrder("zero/zbugs/db/migrations/_journal.json"))),
            };
            int compared = 0, withOwnFixes = 0;
            foreach ((string name, History history) in histories)
            {
                AnalysisSettings settings = EngineOracle.Settings(assumeAllTablesPublication: true);
                settings.Profile = profile;
                settings.RuleSeverities["RG3001"] = Severity.Warning; // off by default; it has fixes of its own
                foreach (KeyValuePair<string, string> p in placeholders)
                {
                    settings.Placeholders[p.Key] = p.Value;
                }
                List<SourceFile> files = history.Files.Select(f => new SourceFile(f.Name, f.Text)).ToList();
                AnalysisResult atOnce = Engine.Analyze(files, settings, FixBuilding.DuringAnalysis);
                AnalysisResult onRead = Engine.Analyze(files, settings, FixBuilding.OnFirstRead);
                Assert.AreEqual(atOnce.Diagnostics.Count, onRead.Diagnostics.Count, name);
                for (int i = 0; i < atOnce.Diagnostics.Count; i++)
                {
                    Diagnostic expected = atOnce.Diagnostics[i], actual = onRead.Diagnostics[i];
                    string where = name + ": " + expected;
                    Assert.AreEqual(expected.ToString(), actual.ToString(), where);
                    FixAssert.SameFixes(expected, actual, where);
                    compared++;
                    withOwnFixes += expected.Fixes.Count > 2 ? 1 : 0; // more than the two suppressions
                }
                TestContext.WriteLine(name + ": " + atOnce.Diagnostics.Count + " results");
            }
            TestContext.WriteLine(compared + " results compared, " + withOwnFixes + " with fixes of their own");
            Assert.IsTrue(withOwnFixes >= 50, "the corpus must exercise the rules' own fixes, not only suppressions: " + withOwnFixes);
        }
    }
}
