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
    /// fall where the current parse's tree is alive (costly copies) or between runs. Each line also splits the
    /// collection at the end of its mark phase (the last GCMarkWithType event): what the mark reached from the
    /// threads' stacks and from older generations (cards), and how long the rest (plan, relocate, compact or sweep)
    /// took, since a collection that copies many small objects spends most of its time after the mark.
    /// </summary>
    internal sealed class GcEvents : EventListener
    {
        private readonly List<GcEvent> _events = new List<GcEvent>();
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
            if (e.EventName == null || e.Payload == null || !(e.EventName.StartsWith("GCStart", StringComparison.Ordinal)
                || e.EventName.StartsWith("GCEnd", StringComparison.Ordinal) || e.EventName.StartsWith("GCMarkWithType", StringComparison.Ordinal)
                || e.EventName.StartsWith("GCGlobalHeapHistory", StringComparison.Ordinal)))
            {
                return;
            }
            // Only a GCStart's detail is printed; the other events fire several times per collection, inside the runs
            // being timed, so they build no text.
            string detail = e.EventName.StartsWith("GCStart", StringComparison.Ordinal)
                ? $" Depth={EventPayload.Number(e, "Depth")} Reason={EventPayload.Number(e, "Reason")} Type={EventPayload.Number(e, "Type")}"
                : "";
            var gcEvent = new GcEvent(e.TimeStamp, e.EventName, detail, EventPayload.Number(e, "Type"), EventPayload.Number(e, "Bytes"), EventPayload.Number(e, "GlobalMechanisms"));
            lock (_gate)
            {
                _events.Add(gcEvent);
            }
        }

        /// <summary>
        /// One runtime event as it came. Detail: a GCStart's generation, reason and type, as printed. Type is also a
        /// GCMarkWithType's root kind and Bytes what that mark reached; Mechanisms is a GCGlobalHeapHistory's
        /// GlobalMechanisms. A field the event lacks is 0.
        /// </summary>
        private readonly record struct GcEvent(DateTime Time, string Name, string Detail, long Type, long Bytes, long Mechanisms);

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
                Print(listener._events, starts, ends);
            }
        }

        /// <summary>One line per collection: where it fell, its generation and reason, its mark and what came after.</summary>
        private static void Print(List<GcEvent> events, List<DateTime> starts, List<DateTime> ends)
        {
            DateTime? start = null;
            DateTime markEnd = default;
            long fromStacks = 0;
            long fromOlder = 0;
            bool compacted = false;
            double markTotal = 0;
            double restTotal = 0;
            int collections = 0;
            foreach (GcEvent gcEvent in events)
            {
                string name = gcEvent.Name;
                DateTime t = gcEvent.Time.ToUniversalTime();
                if (name.StartsWith("GCStart", StringComparison.Ordinal))
                {
                    int run = starts.FindLastIndex(s => s <= t);
                    double into = run >= 0 ? (t - starts[run]).TotalMilliseconds : -1;
                    double length = run >= 0 ? (ends[run] - starts[run]).TotalMilliseconds : -1;
                    start = markEnd = t;
                    fromStacks = fromOlder = 0;
                    compacted = false;
                    Console.Write($"run {run,3} at {into,6:F1} of {length,6:F1} ms:{gcEvent.Detail}");
                }
                else if (start == null)
                {
                    continue;
                }
                else if (name.StartsWith("GCMarkWithType", StringComparison.Ordinal))
                {
                    // Root kinds (gc_root_kind): 0 the threads' stacks, 3 older generations through their cards.
                    markEnd = t;
                    switch (gcEvent.Type)
                    {
                        case 0: fromStacks += gcEvent.Bytes; break;
                        case 3: fromOlder += gcEvent.Bytes; break;
                    }
                }
                else if (name.StartsWith("GCGlobalHeapHistory", StringComparison.Ordinal))
                {
                    compacted = (gcEvent.Mechanisms & 2) != 0; // 1 << global_compaction
                }
                else if (name.StartsWith("GCEnd", StringComparison.Ordinal))
                {
                    double mark = (markEnd - start.Value).TotalMilliseconds;
                    double rest = (t - markEnd).TotalMilliseconds;
                    markTotal += mark;
                    restTotal += rest;
                    collections++;
                    Console.WriteLine($"  -> {(t - start.Value).TotalMilliseconds:F1} ms: mark {mark:F1} ms (from stacks {fromStacks / 1048576.0:F1} MiB, "
                        + $"from older generations {fromOlder / 1048576.0:F2} MiB), then {(compacted ? "compact" : "sweep")} {rest:F1} ms");
                    start = null;
                }
            }
            if (collections > 0)
            {
                Console.WriteLine($"{collections} collections: mark {markTotal / collections:F1} ms, the rest {restTotal / collections:F1} ms on average");
            }
        }
    }
}
