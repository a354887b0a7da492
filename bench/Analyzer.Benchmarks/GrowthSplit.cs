using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using ReplicaGuard.Profiles;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// The `growth-split` view: which part of the engine grows faster than the generated history. Per size, the whole
    /// engine, then its parts measured alone: the parse of every file (its trees kept to the run's end, as the engine
    /// keeps them), the replay of files parsed once beforehand (their trees are old, so no collection copies them),
    /// and the final pass after that replay. Each part's time and collector pauses are per unit of history, so a
    /// linear part shows the same numbers at every size.
    /// </summary>
    internal static class GrowthSplit
    {
        public static void Run(int runs, int[] sizes)
        {
            var settings = new AnalysisSettings();
            AnalysisSettings profiled = ConsumerProfile.Apply(settings);
            foreach (int units in sizes)
            {
                List<SourceFile> files = HistoryGenerator.Generate(units);
                List<ParsedFile> parsed = ParseAll(files, settings);
                var engine = new Part("engine", units);
                var parse = new Part("parse only", units);
                var replay = new Part("replay only", units);
                var finish = new Part("final pass", units);
                // One loop per part, as the growth view runs the engine alone: another part's allocations in between
                // would move the collections into the runs of this one.
                Measure(runs, () => engine.Time(() => Engine.Analyze(files, settings)), engine);
                Measure(runs, () => parse.Time(() => ParseAll(files, settings)), parse);
                Measure(runs, () =>
                {
                    HistoryReplay? replayed = null;
                    replay.Time(() => replayed = Replay(parsed, profiled));
                    finish.Time(() => replayed!.Finish(parsed));
                }, replay, finish);
                Console.WriteLine($"{units,4}x ({files.Count,5} files), {runs} runs, per unit of history:");
                engine.Print();
                parse.Print();
                replay.Print();
                finish.Print();
            }
        }

        /// <summary>Warms up with <paramref name="run"/>, forgets what <paramref name="parts"/> timed meanwhile, then runs it <paramref name="runs"/> times.</summary>
        private static void Measure(int runs, Action run, params Part[] parts)
        {
            WarmUp.Run(30, _ => run());
            foreach (Part part in parts)
            {
                part.Clear();
            }
            for (int i = 0; i < runs; i++)
            {
                run();
            }
        }

        private static List<ParsedFile> ParseAll(List<SourceFile> files, AnalysisSettings settings)
        {
            var parsed = new List<ParsedFile>(files.Count);
            foreach (SourceFile file in files)
            {
                parsed.Add(Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion));
            }
            return parsed;
        }

        /// <summary>The replay <see cref="Engine.Analyze(IReadOnlyList{ParsedFile}, AnalysisSettings, CancellationToken)"/> runs, without its final pass.</summary>
        private static HistoryReplay Replay(List<ParsedFile> parsed, AnalysisSettings profiled)
        {
            var replay = new HistoryReplay(profiled, rollback: false, deferFixes: true);
            foreach (ParsedFile file in parsed)
            {
                replay.ReplayFile(file, CancellationToken.None);
            }
            return replay;
        }

        /// <summary>One part's wall times and collector pauses over the runs.</summary>
        private sealed class Part
        {
            private readonly string _name;
            private readonly int _units;
            private readonly List<double> _times = new List<double>();
            private double _paused;

            public Part(string name, int units)
            {
                _name = name;
                _units = units;
            }

            public void Time(Action run)
            {
                CollectorWindow collector = CollectorWindow.Start();
                long start = Stopwatch.GetTimestamp();
                run();
                _times.Add((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
                _paused += collector.PausedMilliseconds;
            }

            public void Clear()
            {
                _times.Clear();
                _paused = 0;
            }

            public void Print()
            {
                _times.Sort();
                double median = _times[_times.Count / 2];
                Console.WriteLine($"  {_name,-12} median {median / _units,7:F4} ms   min {_times[0] / _units,7:F4} ms   GC pause {_paused / _times.Count / _units,7:F4} ms");
            }
        }
    }
}
