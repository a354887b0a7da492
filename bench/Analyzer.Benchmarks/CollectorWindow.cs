using System;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// What the collector did since <see cref="Start"/>, for the whole process: bytes allocated, pause time and
    /// collections per generation. The quick views format it their own way.
    /// </summary>
    internal readonly struct CollectorWindow
    {
        private readonly long _allocated;
        private readonly TimeSpan _paused;
        private readonly int[] _collections;

        private CollectorWindow(long allocated, TimeSpan paused, int[] collections)
        {
            _allocated = allocated;
            _paused = paused;
            _collections = collections;
        }

        public static CollectorWindow Start() => new CollectorWindow(
            GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration(), new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) });

        /// <summary>Bytes every thread allocated since the start.</summary>
        public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - _allocated;

        public double PausedMilliseconds => (GC.GetTotalPauseDuration() - _paused).TotalMilliseconds;

        /// <summary>Collections of <paramref name="generation"/> (or older, as the runtime counts them) since the start.</summary>
        public int Collections(int generation) => GC.CollectionCount(generation) - _collections[generation];
    }
}
