using System;
using System.Diagnostics;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// How a quick view warms up before it measures. Tiered compilation recompiles a method after 30 calls, in the
    /// background: a count of runs alone can end before that (40 newest-file edits take ~150 ms, and measured first
    /// they gave 7.6-10.6 ms medians instead of 3.8 ms; the 1x growth history ran on unoptimised code for its first
    /// few hundred runs). So a warm-up lasts for a number of runs and at least 2 seconds.
    /// </summary>
    internal static class WarmUp
    {
        private static readonly TimeSpan MinimumTime = TimeSpan.FromSeconds(2);

        /// <summary>Calls <paramref name="step"/> with 0, 1, 2... until both minimums are reached; returns how many steps ran.</summary>
        public static int Run(int minimumRuns, Action<int> step)
        {
            long until = Stopwatch.GetTimestamp() + (long)(MinimumTime.TotalSeconds * Stopwatch.Frequency);
            int runs = 0;
            for (; runs < minimumRuns || Stopwatch.GetTimestamp() < until; runs++)
            {
                step(runs);
            }
            return runs;
        }
    }
}
