using System;
using System.Collections.Generic;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>
    /// Builds fuzz case number <c>index</c> of a run from the run's seed alone, so any case can be rebuilt (and a
    /// failure reproduced) from the seed and index printed in a failure.
    /// </summary>
    internal sealed class FuzzCaseFactory
    {
        /// <summary>Every this-many cases, the largest corpus file is mutated whole (the linear-time check on real size).</summary>
        public const int FullLargestFileEvery = 5000;

        private static readonly string[] Profiles = { "postgres", "zero", "supabase", "electric", "debezium", "pglogical" };

        private readonly SeedPool _pool;
        private readonly int _seed;

        public FuzzCaseFactory(SeedPool pool, int seed)
        {
            _pool = pool;
            _seed = seed;
        }

        public FuzzCase Create(int index)
        {
            var random = new Random(unchecked(_seed * 1_000_003 + index * 7919));
            var fuzzCase = new FuzzCase(index, Seeds(random, index));
            var mutator = new Mutator(random, _pool);
            int mutations = random.Next(10) == 0 ? 0 : 1 + random.Next(4);
            for (int m = 0; m < mutations; m++)
            {
                mutator.MutateOnce(fuzzCase);
            }

            fuzzCase.PostgresVersion = AnalysisSettings.MinPostgresVersion + random.Next(AnalysisSettings.MaxPostgresVersion - AnalysisSettings.MinPostgresVersion + 1);
            fuzzCase.Profile = Profiles[random.Next(Profiles.Length)];
            fuzzCase.DeclareAllTablesPublication = random.Next(2) == 0;
            if (random.Next(5) == 0)
            {
                fuzzCase.Placeholders["schema"] = random.Next(2) == 0 ? "app" : "";
                fuzzCase.Placeholders["$%AUTO_INCREMENT_PRIMARY_KEY%$"] = "bigserial primary key";
                fuzzCase.Placeholders["${"] = "x";
            }
            return fuzzCase;
        }

        private List<FuzzFile> Seeds(Random random, int index)
        {
            if (index % FullLargestFileEvery == FullLargestFileEvery - 1)
            {
                return new List<FuzzFile> { new FuzzFile(_pool.Largest.Name, _pool.Largest.Text) };
            }
            int kind = random.Next(100);
            if (kind < 35)
            {
                return new List<FuzzFile> { _pool.RandomSlice(random, 6000, "slice") };
            }
            if (kind < 55)
            {
                int count = 2 + random.Next(3);
                var files = new List<FuzzFile>(count);
                for (int i = 0; i < count; i++) files.Add(_pool.RandomSlice(random, 3000, $"{i + 1:00}_slice"));
                return files;
            }
            if (kind < 90)
            {
                return HistoryGenerator.Generate(random);
            }
            FuzzFile whole = _pool.Corpus[random.Next(_pool.Corpus.Count)];
            if (whole.Text.Length > 20_000) return new List<FuzzFile> { _pool.RandomSlice(random, 20_000, "slice") };
            return new List<FuzzFile> { new FuzzFile(whole.Name, whole.Text) };
        }
    }
}
