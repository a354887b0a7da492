using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `-- gc-runs N`: the whole engine on GitLab N times, then each collection the runtime reported (GCStart/GCEnd
    /// events): in which run and how far into it, its generation, reason and pause. Shows whether the collections
    /// fall where the current parse's tree is alive (costly copies) or between runs.
    /// </summary>
    internal sealed class GcEvents : EventListener
    {
        private readonly List<(DateTime Time, string Name, string Detail)> _events = new List<(DateTime, string, string)>();
        private readonly object _gate = new object();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == null || e.Payload == null || !(e.EventName.StartsWith("GCStart", StringComparison.Ordinal) || e.EventName.StartsWith("GCEnd", StringComparison.Ordinal)))
            {
                return;
            }
            string detail = "";
            for (int i = 0; i < e.PayloadNames!.Count; i++)
            {
                if (e.PayloadNames[i] == "Depth" || e.PayloadNames[i] == "Reason" || e.PayloadNames[i] == "Type")
                {
                    detail += $" {e.PayloadNames[i]}={e.Payload[i]}";
                }
            }
            lock (_gate)
            {
                _events.Add((e.TimeStamp, e.EventName, detail));
            }
        }

        /// <summary>
        /// `-- gc-promoted N`: the whole engine on GitLab N times; after each run, the bytes the collections of
        /// that run promoted (survivors copied to an older generation), by kind. Unlike pause times this barely depends
        /// on the machine's load: it is the copying work the collector did.
        /// </summary>
        public static void Promoted(int runs)
        {
            var file = Corpus.GitLabFile();
            for (int i = 0; i < 5; i++)
            {
                Engine.Analyze(new[] { file }, new AnalysisSettings());
            }
            var kinds = new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background };
            var lastIndex = new long[kinds.Length];
            var promoted = new long[kinds.Length];
            var seen = new int[kinds.Length];
            for (int k = 0; k < kinds.Length; k++)
            {
                lastIndex[k] = GC.GetGCMemoryInfo(kinds[k]).Index;
            }
            CollectorWindow collector = CollectorWindow.Start();
            for (int i = 0; i < runs; i++)
            {
                Engine.Analyze(new[] { file }, new AnalysisSettings());
                for (int k = 0; k < kinds.Length; k++)
                {
                    GCMemoryInfo info = GC.GetGCMemoryInfo(kinds[k]);
                    if (info.Index != lastIndex[k])
                    {
                        lastIndex[k] = info.Index;
                        promoted[k] += info.PromotedBytes;
                        seen[k]++;
                    }
                }
            }
            Console.WriteLine($"{runs} runs: {collector.Collections(0)} collections ({collector.Collections(2)} gen2), "
                + $"pause {collector.PausedMilliseconds / runs:F1} ms/run");
            for (int k = 0; k < kinds.Length; k++)
            {
                Console.WriteLine($"  {kinds[k],-12} seen {seen[k],3}, promoted {promoted[k] / 1048576.0 / runs,6:F2} MiB/run");
            }
        }

        public static void Run(int runs)
        {
            var file = Corpus.GitLabFile();
            for (int i = 0; i < 5; i++)
            {
                Engine.Analyze(new[] { file }, new AnalysisSettings());
            }
            var starts = new List<DateTime>();
            var ends = new List<DateTime>();
            using var listener = new GcEvents();
            System.Threading.Thread.Sleep(200);
            for (int i = 0; i < runs; i++)
            {
                starts.Add(DateTime.UtcNow);
                Engine.Analyze(new[] { file }, new AnalysisSettings());
                ends.Add(DateTime.UtcNow);
            }
            System.Threading.Thread.Sleep(500);
            lock (listener._gate)
            {
                DateTime? start = null;
                foreach ((DateTime time, string name, string detail) in listener._events)
                {
                    DateTime t = time.ToUniversalTime();
                    int run = starts.FindLastIndex(s => s <= t);
                    double into = run >= 0 ? (t - starts[run]).TotalMilliseconds : -1;
                    double length = run >= 0 ? (ends[run] - starts[run]).TotalMilliseconds : -1;
                    if (name.StartsWith("GCStart", StringComparison.Ordinal))
                    {
                        start = t;
                        Console.Write($"run {run,3} at {into,6:F1} of {length,6:F1} ms:{detail}");
                    }
                    else if (start != null)
                    {
                        Console.WriteLine($"  -> {(t - start.Value).TotalMilliseconds:F1} ms");
                        start = null;
                    }
                }
            }
        }
    }
}
