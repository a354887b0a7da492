using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `-- beside RUNS`: the whole engine on GitLab's structure.sql with the parse first and the replay after (what
    /// a front end that parses files itself gets), against Engine.Analyze, which parses on a second thread while it
    /// replays. The two alternate run by run in one process, so that a machine whose speed drifts (this one's does,
    /// by up to 2x within an hour) slows both alike; medians, minimums and means, and their ratios.
    /// </summary>
    internal static class ParseBesideReplayTimes
    {
        public static void Run(int runs)
        {
            SourceFile file = Corpus.GitLabFile();
            AnalysisSettings settings = Settings.Create(false);
            Func<AnalysisResult> first = () => Engine.Analyze(new[] { Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion) }, settings);
            Func<AnalysisResult> beside = () => Engine.Analyze(new[] { file }, settings);
            WarmUp.Run(10, _ => first());
            WarmUp.Run(10, _ => beside());
            var firstTimes = new List<double>(runs);
            var besideTimes = new List<double>(runs);
            for (int i = 0; i < runs; i++)
            {
                // Alternate which goes first, so neither always follows the other's garbage.
                bool firstFirst = i % 2 == 0;
                (firstFirst ? firstTimes : besideTimes).Add(Time(firstFirst ? first : beside));
                (firstFirst ? besideTimes : firstTimes).Add(Time(firstFirst ? beside : first));
            }
            Print("parse, then replay", firstTimes, firstTimes);
            Print("parse beside replay", besideTimes, firstTimes);
        }

        private static double Time(Func<AnalysisResult> run)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            return (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        }

        private static void Print(string name, List<double> times, List<double> baseline)
        {
            Console.WriteLine($"{name,-20} median {Median(times),7:F2} ms  min {times.Min(),7:F2} ms  mean {times.Average(),7:F2} ms  "
                + $"(x{Median(times) / Median(baseline):F2} median, x{times.Min() / baseline.Min():F2} min, x{times.Average() / baseline.Average():F2} mean; {times.Count} runs)");
        }

        private static double Median(List<double> times)
        {
            var sorted = new List<double>(times);
            sorted.Sort();
            return sorted[sorted.Count / 2];
        }
    }
}
