using System;
using System.Globalization;

namespace ReplicaGuard.Tests
{
    /// <summary>The knobs of a generated-history run, read from the environment.</summary>
    public static class DifferentialRun
    {
        public const int DefaultCount = 2000;

        /// <summary>REPLICAGUARD_DIFF_COUNT, else 2000.</summary>
        public static int Count()
        {
            string? text = Environment.GetEnvironmentVariable("REPLICAGUARD_DIFF_COUNT");
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count > 0 ? count : DefaultCount;
        }

        /// <summary>REPLICAGUARD_SEED, else today's UTC date as yyyyMMdd (a new sample every day, reproducible by setting the variable).</summary>
        public static int Seed()
        {
            string? text = Environment.GetEnvironmentVariable("REPLICAGUARD_SEED");
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
            {
                return seed;
            }
            return int.Parse(DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        /// <summary>Each history has its own generator seed, so one failing history can be regenerated alone.</summary>
        public static int HistorySeed(int runSeed, int index) => unchecked(runSeed * 7919 + index);
    }
}
