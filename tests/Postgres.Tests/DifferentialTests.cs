using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Tests
{
    /// <summary>The engine's RG1001 predictions against the real server, on generated histories.</summary>
    [TestClass]
    public sealed class DifferentialTests
    {
        private const int MaxReportedFailures = 5;

        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public void Rg1001MatchesServer()
        {
            int seed = DifferentialRun.Seed();
            int count = DifferentialRun.Count();
            TestContext.WriteLine("REPLICAGUARD_SEED=" + seed + " REPLICAGUARD_DIFF_COUNT=" + count
                + " (set these to reproduce; history i uses generator seed HistorySeed(seed, i))");

            var failures = new ConcurrentDictionary<int, string>();
            var clock = Stopwatch.StartNew();
            int compared = 0;
            ParallelOracle.For(PgServer.Get(), count, (oracle, i) =>
            {
                History history = new HistoryGenerator(DifferentialRun.HistorySeed(seed, i)).Next();
                OracleResult server = oracle.Run(history);
                AnalysisResult analysis = EngineOracle.Analyze(history, EngineOracle.Settings());
                SortedSet<string> engine = EngineOracle.MissingIdentity(analysis.Diagnostics);
                Interlocked.Increment(ref compared);
                if (!server.MissingIdentity.SetEquals(engine))
                {
                    failures[i] = DescribeDisagreement(seed, i, history, server, engine, analysis);
                }
                return failures.Count < MaxReportedFailures;
            });
            TestContext.WriteLine("compared " + compared + " histories in " + clock.Elapsed.TotalSeconds.ToString("F1") + " s; disagreements: " + failures.Count);
            if (failures.Count > 0)
            {
                Assert.Fail("engine RG1001 disagrees with PostgreSQL on " + failures.Count + " of " + compared + " generated histories (seed " + seed
                    + (failures.Count >= MaxReportedFailures ? "; stopped after " + MaxReportedFailures : "") + "):"
                    + Environment.NewLine + string.Join(Environment.NewLine, failures.OrderBy(f => f.Key).Take(MaxReportedFailures).Select(f => f.Value)));
            }
        }

        private static string DescribeDisagreement(int seed, int index, History history, OracleResult server, SortedSet<string> engine, AnalysisResult analysis)
        {
            var text = new StringBuilder();
            text.AppendLine("==== seed " + seed + ", history " + index + " (generator seed " + DifferentialRun.HistorySeed(seed, index) + ")");
            text.AppendLine(history.ToSql().TrimEnd());
            text.AppendLine("-- statements the server rejected:");
            text.AppendLine(server.FailedText());
            text.AppendLine(EngineOracle.CompareText(server.MissingIdentity, engine));
            text.AppendLine("-- server probes that fail:");
            text.Append(ServerOracle.Describe(server.Tables));
            text.AppendLine("-- engine RG1001 results:");
            text.AppendLine(EngineOracle.Describe(analysis));
            return text.ToString();
        }
    }
}
