using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `-- survivor-cost [RUNS] [MIB] [nodes|rows|large]`: what each MiB that a run keeps alive costs it in collector
    /// pauses. The whole engine runs on GitLab's structure.sql while the benchmark holds extra memory made just before
    /// the run, 0, MIB/2 and MIB MiB, in one of three shapes: <c>nodes</c> (the default), 64-byte objects each
    /// pointing at the one before, the size and shape of a tree node; <c>rows</c>, pointer-free arrays of 16 KiB
    /// (rows of structs in blocks small enough for the young generation); <c>large</c>, pointer-free arrays of 1 MiB,
    /// which go to the large-object heap. They are alive during the run, as its own trees and model are, so a
    /// collection in the run has to deal with them too. The three amounts take turns run by run, so that a drifting machine slows all alike. The slope prices
    /// what a run keeps alive; what removing part of it saves depends on what dies with it (docs/performance.md,
    /// "Status at ff210d2": trees dying young among objects that stay saved nothing).
    /// </summary>
    internal static class SurvivorCost
    {
        private const int NodeBytes = 64;

        public static readonly string[] Shapes = { "nodes", "rows", "large" };

        public static void Run(int runs, int mebibytes, string shape)
        {
            Func<double, object?> hold = shape switch
            {
                "rows" => amount => Blocks(amount, 16 * 1024),
                "large" => amount => Blocks(amount, 1024 * 1024),
                _ => amount => Chain((int)(amount * 1024 * 1024 / NodeBytes)),
            };
            SourceFile file = Corpus.GitLabFile();
            AnalysisSettings settings = Settings.Create(false);
            double[] amounts = { 0, mebibytes / 2.0, mebibytes };
            WarmUp.Run(10, i => Measure(file, settings, hold, amounts[i % amounts.Length]));
            var times = amounts.Select(_ => new List<(double Wall, double Pause)>(runs)).ToArray();
            for (int i = 0; i < runs; i++)
            {
                for (int k = 0; k < amounts.Length; k++)
                {
                    // Rotate which amount goes first, so none always follows another's garbage.
                    int which = (i + k) % amounts.Length;
                    times[which].Add(Measure(file, settings, hold, amounts[which]));
                }
            }
            Console.WriteLine($"GitLab's structure.sql, whole engine, {runs} runs per amount, the amounts alternating; extra memory as {shape}:");
            double basePause = times[0].Average(t => t.Pause);
            for (int k = 0; k < amounts.Length; k++)
            {
                List<double> wall = times[k].Select(t => t.Wall).OrderBy(t => t).ToList();
                double pause = times[k].Average(t => t.Pause);
                string slope = amounts[k] == 0 ? "" : $"   pause {(pause - basePause) / amounts[k]:+0.00;-0.00} ms per extra MiB";
                Console.WriteLine($"  +{amounts[k],4:F1} MiB alive   median {wall[wall.Count / 2],6:F2} ms   mean {wall.Average(),6:F2} ms   min {wall[0],6:F2} ms   GC pause {pause,5:F2} ms/run{slope}");
            }
        }

        private static (double Wall, double Pause) Measure(SourceFile file, AnalysisSettings settings, Func<double, object?> hold, double mebibytes)
        {
            // The pause counts from before the extra objects are made (a collection while they are made is part of
            // their cost); the wall time is the analysis alone.
            TimeSpan pausedBefore = GC.GetTotalPauseDuration();
            object? held = hold(mebibytes);
            long start = Stopwatch.GetTimestamp();
            Engine.Analyze(new[] { file }, settings);
            GC.KeepAlive(held);
            double wall = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
            return (wall, (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds);
        }

        /// <summary>Pointer-free arrays of <paramref name="blockBytes"/> each, <paramref name="mebibytes"/> MiB in all, held by one small array.</summary>
        private static long[][] Blocks(double mebibytes, int blockBytes)
        {
            var blocks = new long[(int)(mebibytes * 1024 * 1024 / blockBytes)][];
            for (int i = 0; i < blocks.Length; i++)
            {
                blocks[i] = new long[blockBytes / sizeof(long)];
            }
            return blocks;
        }

        private static Node? Chain(int count)
        {
            Node? last = null;
            for (int i = 0; i < count; i++)
            {
                last = new Node(last);
            }
            return last;
        }

        /// <summary>64 bytes on a 64-bit runtime: the object header and type (16), a pointer and five longs.</summary>
        private sealed class Node
        {
            public Node(Node? previous)
            {
                Previous = previous;
            }

            public Node? Previous { get; }
            public long A { get; set; }
            public long B { get; set; }
            public long C { get; set; }
            public long D { get; set; }
            public long E { get; set; }
        }
    }
}
