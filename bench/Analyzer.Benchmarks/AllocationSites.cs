using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// Where the sampled allocations come from: the runtime's AllocationTick events (one per ~100 KB) with their
    /// call stacks, grouped by type and the innermost engine methods on the stack. An <see cref="EventListener"/>
    /// sees no stacks, so this records an EventPipe session of this very process into a temporary file (deleted
    /// afterwards) and reads it back with TraceEvent (both come with BenchmarkDotNet). Asked for with
    /// REPLICAGUARD_ALLOC_SITES=DEPTH on the alloc-types and incremental-alloc views: DEPTH engine methods per site.
    /// </summary>
    internal sealed class AllocationSites : IDisposable
    {
        private const long GcKeyword = 0x1;
        private const long LoaderKeyword = 0x8;
        private const long JitKeyword = 0x10; // method names of code compiled during the session

        private readonly int _depth;
        private readonly string _path;
        private readonly EventPipeSession _session;
        private readonly Task _copy;
        private bool _stopped;

        private AllocationSites(int depth)
        {
            _depth = depth;
            _path = Path.Combine(Path.GetTempPath(), "replicaguard-alloc-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".nettrace");
            var providers = new[]
            {
                new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, GcKeyword | LoaderKeyword | JitKeyword),
            };
            _session = new DiagnosticsClient(Environment.ProcessId).StartEventPipeSession(providers, requestRundown: true);
            _copy = Task.Run(() =>
            {
                using FileStream file = File.Create(_path);
                _session.EventStream.CopyTo(file);
            });
        }

        /// <summary>A recording when REPLICAGUARD_ALLOC_SITES asks for one, else null.</summary>
        public static AllocationSites? StartIfAsked()
        {
            string? text = Environment.GetEnvironmentVariable("REPLICAGUARD_ALLOC_SITES");
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int depth) || depth < 1)
            {
                throw new ViewUsageException($"REPLICAGUARD_ALLOC_SITES must be a whole number of 1 or more (engine methods per site), not '{text}'");
            }
            return new AllocationSites(depth);
        }

        /// <summary>Stops the recording and prints the 40 sites that allocated most, per run of the work.</summary>
        public void Print(int runs)
        {
            Stop();
            var bytes = new Dictionary<string, long>();
            long total = 0;
            string etlx = TraceLog.CreateFromEventPipeDataFile(_path);
            try
            {
                using var log = new TraceLog(etlx);
                foreach (var e in log.Events)
                {
                    if (e is GCAllocationTickTraceData tick)
                    {
                        string site = tick.TypeName + " <= " + string.Join(" <= ", EngineFrames(e.CallStack()));
                        bytes.TryGetValue(site, out long sum);
                        bytes[site] = sum + tick.AllocationAmount64;
                        total += tick.AllocationAmount64;
                    }
                }
            }
            finally
            {
                File.Delete(etlx);
            }
            Console.WriteLine($"by site (type <= innermost engine methods), sampled {total / 1048576.0 / runs:F2} MiB per run");
            foreach (KeyValuePair<string, long> entry in bytes.OrderByDescending(e => e.Value).Take(40))
            {
                Console.WriteLine($"{entry.Value * 100.0 / Math.Max(1, total),6:F1}%  {entry.Value / 1024.0 / runs,9:F1} KiB/run  {entry.Key}");
            }
        }

        /// <summary>The innermost <see cref="_depth"/> methods of the engine (not of this benchmark) on the stack, short names.</summary>
        private List<string> EngineFrames(TraceCallStack? stack)
        {
            var frames = new List<string>(_depth);
            for (TraceCallStack? s = stack; s != null && frames.Count < _depth; s = s.Caller)
            {
                string name = s.CodeAddress.FullMethodName ?? "";
                if (name.StartsWith("ReplicaGuard.", StringComparison.Ordinal) && !name.StartsWith("ReplicaGuard.Benchmarks.", StringComparison.Ordinal))
                {
                    int paren = name.IndexOf('(');
                    frames.Add(paren < 0 ? name : name.Substring(0, paren));
                }
            }
            return frames;
        }

        private void Stop()
        {
            if (_stopped)
            {
                return;
            }
            _stopped = true;
            _session.Stop();
            _copy.Wait();
            _session.Dispose();
        }

        public void Dispose()
        {
            Stop();
            File.Delete(_path);
        }
    }
}
