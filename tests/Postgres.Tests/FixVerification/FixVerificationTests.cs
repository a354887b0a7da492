using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Issue 3's proof: every fix is verified by the server. On generated histories the recommended (first
    /// non-suppression) fix of each RG1001-RG1004 diagnostic the server confirms is applied and replayed; every
    /// alternative fix is verified on a sample; on the corpus all recommended fixes are applied at once.
    /// </summary>
    [TestClass]
    public sealed class FixVerificationTests
    {
        private static readonly int MaxReported = Count("REPLICAGUARD_FIX_MAX_REPORTED", 5);

        public TestContext TestContext { get; set; } = null!;

        private static int Count(string variable, int fallback)
        {
            string? text = Environment.GetEnvironmentVariable(variable);
            return int.TryParse(text, out int value) && value > 0 ? value : fallback;
        }

        [TestMethod]
        public void RecommendedFixesRepairGeneratedHistories() => Verify(Count("REPLICAGUARD_FIX_COUNT", 600), alternatives: false);

        [TestMethod]
        public void AlternativeFixesRepairASample() => Verify(Count("REPLICAGUARD_FIX_ALT_COUNT", 150), alternatives: true);

        private void Verify(int count, bool alternatives)
        {
            int seed = DifferentialRun.Seed();
            TestContext.WriteLine("REPLICAGUARD_SEED=" + seed + " histories=" + count);
            var failures = new ConcurrentDictionary<string, string>();
            int verified = 0, unconfirmed = 0, unsplittable = 0, tableRepairs = 0;
            var kinds = new ConcurrentDictionary<string, int>();
            AnalysisSettings settings = EngineOracle.Settings();
            ParallelOracle.For(PgServer.Get(), count, (oracle, i) =>
            {
                History history = new HistoryGenerator(DifferentialRun.HistorySeed(seed, i)).Next();
                IReadOnlyList<Diagnostic> diagnostics = EngineOracle.Analyze(history, settings).Diagnostics.Where(d => FixVerifier.VerifiedRules.Contains(d.Id)).ToList();
                if (diagnostics.Count == 0)
                {
                    return true;
                }
                if (!FixVerifier.SplitsAsGenerated(history))
                {
                    Interlocked.Increment(ref unsplittable);
                    return true;
                }
                OracleResult before = oracle.Run(history);
                var confirmed = new List<Diagnostic>();
                foreach (Diagnostic d in diagnostics)
                {
                    if (!FixVerifier.ServerShows(d, history, before))
                    {
                        Interlocked.Increment(ref unconfirmed); // an engine/server disagreement: the differential tests report it
                        continue;
                    }
                    confirmed.Add(d);
                    List<CodeFix> fixes = d.Fixes.Where(f => !FixVerifier.IsSuppression(f)).ToList();
                    if (fixes.Count == 0)
                    {
                        failures.TryAdd(i + "/" + d, "---- " + d + "\n  has no fix but suppression\n" + history.ToSql());
                        continue;
                    }
                    foreach (CodeFix fix in alternatives ? fixes.Skip(1) : fixes.Take(1))
                    {
                        History fixedHistory = FixVerifier.Apply(history, fix.Edits);
                        OracleResult after = oracle.Run(fixedHistory);
                        string? problem = FixVerifier.Check(d, fix, history, before, fixedHistory, after, settings);
                        Interlocked.Increment(ref verified);
                        kinds.AddOrUpdate(d.Id + " " + fix.EquivalenceKey, 1, (_, n) => n + 1);
                        if (problem != null)
                        {
                            failures.TryAdd(i + "/" + d + "/" + fix.EquivalenceKey, "history " + i + " (generator seed " + DifferentialRun.HistorySeed(seed, i) + ")\n" + problem);
                        }
                    }
                }
                if (!alternatives)
                {
                    // A table with several results: its fixes together, as `replicaguard fix` applies them, must
                    // leave no RG1xxx at all (the single-fix check lets one failing statement's fix leave another).
                    foreach (IGrouping<string, Diagnostic> table in confirmed.GroupBy(d => d.ObjectName ?? ""))
                    {
                        if (diagnostics.Count(d => d.ObjectName == table.Key) < 2)
                        {
                            continue;
                        }
                        string? problem = FixVerifier.CheckTableRepair(table.Key, table.ToList(), history, before, oracle, settings);
                        Interlocked.Increment(ref tableRepairs);
                        if (problem != null)
                        {
                            failures.TryAdd(i + "/table " + table.Key, "history " + i + " (generator seed " + DifferentialRun.HistorySeed(seed, i) + ")\n" + problem);
                        }
                    }
                }
                return failures.Count < MaxReported;
            });
            TestContext.WriteLine("verified " + verified + " fixes and " + tableRepairs + " repairs of tables with several results; diagnostics the server did not confirm: " + unconfirmed + "; histories not re-splittable: " + unsplittable);
            foreach (KeyValuePair<string, int> kind in kinds.OrderBy(k => k.Key))
            {
                TestContext.WriteLine("  " + kind.Key + ": " + kind.Value);
            }
            Assert.IsTrue(verified > 0 || alternatives, "no fix was verified: the generator produced no diagnosed history");
            if (!failures.IsEmpty)
            {
                Assert.Fail(failures.Count + " fix(es) failed server verification:" + Environment.NewLine
                    + string.Join(Environment.NewLine, failures.OrderBy(f => f.Key).Take(MaxReported).Select(f => f.Value)));
            }
        }
    }
}
