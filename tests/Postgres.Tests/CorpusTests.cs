using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Real migration histories from ../shared/corpus, each with an assumed CREATE PUBLICATION p FOR ALL TABLES
    /// (on the server: run after the history; in the engine: a declared AllTables publication). The engine's
    /// RG1001 set must equal the server's missing-identity set. Statements the server rejects are printed and
    /// the rest compared; a disagreement fails, a missing corpus file fails.
    /// </summary>
    [TestClass]
    public sealed class CorpusTests
    {
        private static readonly string[] AssumedPublication = { "CREATE PUBLICATION p FOR ALL TABLES" };

        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public void Synapse()
        {
            var placeholders = new Dictionary<string, string> { [Corpus.AutoIncrementPlaceholder] = Corpus.AutoIncrementValue };
            Compare(Corpus.Load(Corpus.SynapseOrder(), placeholders), placeholders, serverChecks: result =>
            {
                var truth = new SortedSet<string>(
                    File.ReadAllLines(Corpus.PathOf("synapse/_ground_truth/pg15_FOR_ALL_TABLES_unusable_replica_identity.tsv"))
                        .Skip(1)
                        .Where(l => l.Trim().Length > 0)
                        .Select(l => "public." + l.Split('\t')[0]),
                    StringComparer.Ordinal);
                Assert.AreEqual(121, truth.Count, "ground truth file changed");
                Assert.IsTrue(result.MissingIdentity.SetEquals(truth),
                    "server disagrees with synapse/_ground_truth (statements rejected: " + result.Failed.Count + "):" + Environment.NewLine
                    + EngineOracle.CompareText(result.MissingIdentity, truth).Replace("engine RG1001 set", "ground truth set"));
                Assert.AreEqual(121, result.MissingIdentity.Count, "the server's missing-identity set must have exactly 121 tables");
            });
        }

        [TestMethod]
        public void GitLabStructureSql()
        {
            OracleResult server = Compare(Corpus.Load(new[] { Corpus.PathOf("gitlab/db/structure.sql") }));
            Assert.AreEqual(0, server.MissingIdentity.Count, "GitLab is expected to have no table without a usable identity");
        }

        [TestMethod]
        public void SupabaseCarbon() => CompareSupabase(Corpus.SupabaseMigrations("supabase/carbon/supabase/migrations"));

        [TestMethod]
        public void SupabaseLiam() => CompareSupabase(Corpus.SupabaseMigrations("supabase/liam/supabase/migrations"));

        /// <summary>The apps/api Supabase migrations; the drizzle packages-db-migrations-HEAD set has no baseline SQL (PROVENANCE).</summary>
        [TestMethod]
        public void SupabaseMidday() => CompareSupabase(Corpus.SupabaseMigrations("supabase/midday/supabase/migrations"));

        [TestMethod]
        public void SupabaseNextjsSubscriptionPayments() => CompareSupabase(Corpus.SupabaseMigrations("supabase/nextjs-subscription-payments/supabase/migrations"));

        [TestMethod]
        public void EdFiDms() => Compare(Corpus.Load(Corpus.SortedSql("migrations/edfi-dms/Deploy/Scripts")));

        [TestMethod]
        public void Harbor() => Compare(Corpus.Load(Corpus.SortedSql("migrations/harbor/make/migrations/postgresql", "*.up.sql")));

        [TestMethod]
        public void PeerDb() => Compare(Corpus.Load(Corpus.FlywayOrder("migrations/peerdb/nexus/catalog/migrations")));

        [TestMethod]
        public void ZeroZbugs() => Compare(Corpus.Load(Corpus.DrizzleJournalOrder("zero/zbugs/db/migrations/_journal.json")));

        [TestMethod]
        public void ZeroZbugsHistorical() => Compare(Corpus.Load(new[]
        {
            Corpus.PathOf("zero/zbugs-historical/docker/share_sql/base.sql"),
            Corpus.PathOf("zero/zbugs-historical/docker/share_sql/index.sql"),
        }));

        [TestMethod]
        public void ZeroHelloZero() => Compare(Corpus.Load(new[] { Corpus.PathOf("zero/hello-zero/docker/seed.sql") }));

        // zero/zslack is named in zero/PROVENANCE.txt but its files were not collected (the corpus README does
        // not list it), so there is no history to compare.

        [TestMethod]
        public void PowerSyncForAllTables() => CompareSupabase(Corpus.PowerSyncOrder());

        private void CompareSupabase(IEnumerable<string> migrations) => Compare(Corpus.Load(Corpus.WithSupabaseShim(migrations)));

        /// <summary>Runs both sides, prints what the server rejected, runs extra server checks, then compares the sets.</summary>
        private OracleResult Compare(History history, IReadOnlyDictionary<string, string>? placeholders = null, Action<OracleResult>? serverChecks = null)
        {
            OracleResult server;
            using (var oracle = new ServerOracle(PgServer.Get()))
            {
                server = oracle.Run(history, AssumedPublication, ownDatabase: true);
            }
            TestContext.WriteLine(history.Files.Count + " files, " + history.StatementCount + " statements sent as split by StatementSplitter; "
                + server.Skipped.Count + " skipped (meta-commands, transaction control); " + server.Failed.Count + " rejected by the server:");
            TestContext.WriteLine(server.FailedText());
            TestContext.WriteLine("server: " + server.Tables.Count + " tables probed, missing identity: " + string.Join(", ", server.MissingIdentity));
            serverChecks?.Invoke(server);

            AnalysisSettings settings = EngineOracle.Settings(assumeAllTablesPublication: true);
            if (placeholders != null)
            {
                foreach (KeyValuePair<string, string> p in placeholders)
                {
                    settings.Placeholders[p.Key] = p.Value;
                }
            }
            AnalysisResult analysis = EngineOracle.Analyze(history, settings);
            SortedSet<string> engine = EngineOracle.MissingIdentity(analysis.Diagnostics);
            if (!server.MissingIdentity.SetEquals(engine))
            {
                Assert.Fail("engine RG1001 disagrees with PostgreSQL 15:" + Environment.NewLine
                    + EngineOracle.CompareText(server.MissingIdentity, engine) + Environment.NewLine
                    + "statements the server rejected:" + Environment.NewLine + server.FailedText() + Environment.NewLine
                    + "engine RG1001 results:" + Environment.NewLine + EngineOracle.Describe(analysis));
            }
            return server;
        }
    }
}
