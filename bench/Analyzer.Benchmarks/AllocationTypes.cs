using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// Which types a piece of work allocates, sampled by the runtime's AllocationTick event (one event per ~100 KB
    /// allocated, naming the type of the object that crossed the mark): `-- alloc-types N [all]` on replay + rules.
    /// With REPLICAGUARD_ALLOC_SITES=DEPTH it also prints where they were allocated (<see cref="AllocationSites"/>).
    /// </summary>
    internal sealed class AllocationTypes : EventListener
    {
        private readonly Dictionary<string, long> _bytes = new Dictionary<string, long>();
        private readonly object _gate = new object();
        private readonly AllocationSites? _sites = AllocationSites.StartIfAsked();

        /// <summary>REPLICAGUARD_LOH_ONLY=1: count only large-object-heap allocations (arrays of 85 KB or more).</summary>
        private static readonly bool LargeOnly = Environment.GetEnvironmentVariable("REPLICAGUARD_LOH_ONLY") == "1";

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick at verbose level
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload == null)
            {
                return;
            }
            if (LargeOnly && EventPayload.Number(e, "AllocationKind", missing: 1) != 1)
            {
                return;
            }
            string type = EventPayload.Text(e, "TypeName", "?");
            long amount = EventPayload.Number(e, "AllocationAmount64", missing: 100_000);
            lock (_gate)
            {
                _bytes.TryGetValue(type, out long sum);
                _bytes[type] = sum + amount;
            }
        }

        public void Print(int runs)
        {
            lock (_gate)
            {
                long total = _bytes.Values.Sum();
                Console.WriteLine($"sampled {total / 1048576.0 / runs:F2} MiB per run");
                foreach (KeyValuePair<string, long> entry in _bytes.OrderByDescending(e => e.Value).Take(40))
                {
                    Console.WriteLine($"{entry.Value * 100.0 / total,6:F1}%  {entry.Value / 1024.0 / runs,9:F1} KiB/run  {entry.Key}");
                }
            }
            _sites?.Print(runs);
        }

        public override void Dispose()
        {
            _sites?.Dispose();
            base.Dispose();
        }
    }
}
