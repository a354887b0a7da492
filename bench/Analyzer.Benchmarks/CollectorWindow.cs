using System;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// What the collector did between <see cref="Start"/> and <see cref="Describe"/>, for the whole process: bytes
    /// allocated, pauses and collections per generation (the quick views print it per edit).
    /// </summary>
    internal readonly struct CollectorWindow
    {
        private readonly long _allocated;
        private readonly TimeSpan _paused;
        private readonly int _gen0;
        private readonly int _gen1;
        private readonly int _gen2;

        private CollectorWindow(long allocated, TimeSpan paused, int gen0, int gen1, int gen2)
        {
            _allocated = allocated;
            _paused = paused;
            _gen0 = gen0;
            _gen1 = gen1;
            _gen2 = gen2;
        }

        public static CollectorWindow Start() => new CollectorWindow(
            GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        /// <summary>Per edit (or run) over <paramref name="count"/> of them; the collection counts are totals.</summary>
        public string Describe(int count)
        {
            double allocated = (GC.GetTotalAllocatedBytes(precise: true) - _allocated) / (double)count / 1048576.0;
            double paused = (GC.GetTotalPauseDuration() - _paused).TotalMilliseconds / count;
            return $"allocated {allocated:F2} MiB, GC pause {paused:F2} ms per edit; collections gen0 {GC.CollectionCount(0) - _gen0}, gen1 {GC.CollectionCount(1) - _gen1}, gen2 {GC.CollectionCount(2) - _gen2} in {count}";
        }
    }
}
