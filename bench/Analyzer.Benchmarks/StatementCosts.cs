using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `-- statement-costs N [all]`: the model's replay alone (no rules) on GitLab, time by statement type (minimum
    /// over N runs of each type's total), to see which statements the replay budget goes to.
    /// </summary>
    internal static class StatementCosts
    {
        /// <param name="listeners">"none": the model alone; "changes": with the fixes' TableChanges bookkeeping;
        /// "rules": with TableChanges and every enabled rule listening, as an analysis replays.</param>
        public static void Run(int runs, bool allTables, string listeners)
        {
            AnalysisSettings settings = Settings.Create(allTables);
            ParsedFile parsed = Corpus.ParsedGitLab(settings);
            var best = new Dictionary<string, double>();
            var counts = new Dictionary<string, int>();
            double bestTotal = double.MaxValue;
            for (int run = 0; run < runs; run++)
            {
                var replayer = new Replayer(settings);
                if (listeners != "none")
                {
                    var context = new Rules.RuleContext(settings) { Rejected = replayer.Rejected };
                    replayer.AddListener(context.Changes);
                    if (listeners == "rules")
                    {
                        foreach (Rules.Rule rule in Rules.RuleRegistry.CreateEnabled(context))
                        {
                            replayer.AddListener(rule);
                        }
                    }
                }
                var sums = new Dictionary<string, double>();
                replayer.BeginFile();
                long all = Stopwatch.GetTimestamp();
                int order = 0;
                foreach (var statement in parsed.Statements)
                {
                    string type = statement.GetType().Name;
                    long start = Stopwatch.GetTimestamp();
                    replayer.Apply(new StatementRef(parsed, statement, order++));
                    double ms = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
                    sums.TryGetValue(type, out double sum);
                    sums[type] = sum + ms;
                    if (run == 0)
                    {
                        counts.TryGetValue(type, out int n);
                        counts[type] = n + 1;
                    }
                }
                bestTotal = Math.Min(bestTotal, (Stopwatch.GetTimestamp() - all) * 1000.0 / Stopwatch.Frequency);
                foreach (KeyValuePair<string, double> entry in sums)
                {
                    best[entry.Key] = best.TryGetValue(entry.Key, out double b) ? Math.Min(b, entry.Value) : entry.Value;
                }
            }
            Console.WriteLine($"replay, listeners: {listeners} (timed per statement): min {bestTotal:F2} ms, sum of the types' minimums {best.Values.Sum():F2} ms");
            foreach (KeyValuePair<string, double> entry in best.OrderByDescending(e => e.Value))
            {
                Console.WriteLine($"{entry.Value,8:F2} ms  {counts[entry.Key],6} x {entry.Value * 1000 / counts[entry.Key],7:F2} us  {entry.Key}");
            }
        }
    }
}
