using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using BenchmarkDotNet.Running;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `dotnet run -c Release -- --filter '*'` runs BenchmarkDotNet; `-- phases [runs] [name]` prints quick Stopwatch medians
    /// of each phase on GitLab's structure.sql (for iterating on a change; the documented numbers come from BenchmarkDotNet).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "phases")
            {
                // `phases N [all|none] [name]`: all = with a declared FOR ALL TABLES publication (the rules then judge
                // every table); name = run only the phases whose name contains it ("lex", "parse", "replay").
                bool publication = args.Length > 2 && (args[2] == "all" || args[2] == "none");
                string only = args.Length > (publication ? 3 : 2) ? args[publication ? 3 : 2] : "";
                Phases(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30,
                    Settings.Create(publication && args[2] == "all"), only);
                return;
            }
            if (args.Length > 0 && args[0] == "growth")
            {
                int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
                int[] units = args.Length > 2 ? new[] { int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) } : new[] { 1, 10, 100 };
                Growth(runs, units);
                return;
            }
            if (args.Length > 0 && args[0] == "roslyn-edits")
            {
                // `roslyn-edits [runs] [last|middle|second|first]`: the Roslyn analyzer after an edit of one of 1,000 files (see RoslynEditBenchmarks).
                RoslynEditHost.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30, args.Length > 2 ? args[2] : null);
                return;
            }
            if (args.Length > 0 && args[0] == "incremental")
            {
                // `incremental [runs] [only]`: "only" skips the full analyses (quicker before/after comparisons).
                IncrementalTimes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30, withFull: !(args.Length > 2 && args[2] == "only"));
                return;
            }
            if (args.Length > 0 && args[0] == "incremental-alloc")
            {
                // Which types an incremental re-analysis allocates (sampled): `incremental-alloc N [file]`.
                IncrementalTimes.Allocations(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : (int?)null);
                return;
            }
            if (args.Length > 0 && args[0] == "incremental-gitlab")
            {
                // `incremental-gitlab N [alloc]`: N edits of a one-file history, GitLab's structure.sql.
                IncrementalTimes.GitLab(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), listener: args.Length > 2 && args[2] == "alloc");
                return;
            }
            if (args.Length > 0 && args[0] == "incremental-loop")
            {
                IncrementalTimes.Loop(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : (int?)null);
                return;
            }
            if (args.Length > 0 && args[0] == "loop")
            {
                // A steady workload for a sampling profiler (dotnet-trace): the whole engine on GitLab, N times.
                var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
                int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { file }, new AnalysisSettings());
                }
                return;
            }
            if (args.Length > 0 && args[0] == "loop-replay")
            {
                // Replay + rules only on an already parsed GitLab, N times (`loop-replay N all`: FOR ALL TABLES declared).
                var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
                AnalysisSettings settings = Settings.Create(args.Length > 2 && args[2] == "all");
                ParsedFile parsed = Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { parsed }, settings);
                }
                return;
            }
            if (args.Length > 0 && args[0] == "alloc-types")
            {
                // Which types replay + rules allocate (sampled): `alloc-types N [all]`.
                var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
                AnalysisSettings settings = Settings.Create(args.Length > 2 && args[2] == "all");
                ParsedFile parsed = Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
                Engine.Analyze(new[] { parsed }, settings);
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { parsed }, settings);
                }
                listener.Print(count);
                return;
            }
            if (args.Length > 0 && args[0] == "alloc-types-engine")
            {
                // Which types the whole engine allocates from the file (sampled): `alloc-types-engine N`
                // (REPLICAGUARD_LOH_ONLY=1: large-object-heap allocations only).
                var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
                int count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
                Engine.Analyze(new[] { file }, new AnalysisSettings());
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { file }, new AnalysisSettings());
                }
                listener.Print(count);
                return;
            }
            if (args.Length > 0 && args[0] == "alloc-types-growth")
            {
                // Which types the whole engine allocates on a generated history (sampled): `alloc-types-growth N units`.
                List<SourceFile> files = HistoryGenerator.Generate(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
                int count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
                Engine.Analyze(files, new AnalysisSettings());
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(files, new AnalysisSettings());
                }
                listener.Print(count);
                return;
            }
            if (args.Length > 0 && args[0] == "gc-promoted")
            {
                GcEvents.Promoted(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
                return;
            }
            if (args.Length > 0 && args[0] == "gc-runs")
            {
                GcEvents.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
                return;
            }
            if (args.Length > 0 && args[0] == "lex-cpu")
            {
                // The lexer alone, N times after a warm-up: thread CPU per lex (steadier than wall time under load).
                var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
                int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
                for (int i = 0; i < 30; i++)
                {
                    Lexer.Lex(file.Text);
                }
                double minWall = double.MaxValue;
                double cpuStart = ThreadCpu.Milliseconds();
                for (int i = 0; i < count; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    Lexer.Lex(file.Text);
                    minWall = Math.Min(minWall, (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
                }
                Console.WriteLine($"lex: thread CPU {(ThreadCpu.Milliseconds() - cpuStart) / count:F2} ms per run, min wall {minWall:F2} ms ({count} runs)");
                return;
            }
            if (args.Length > 0 && args[0] == "alloc-types-parse")
            {
                // Which types prepare + lex + split + parse allocate (sampled): `alloc-types-parse N`.
                var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
                var settings = new AnalysisSettings();
                int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
                Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                }
                listener.Print(count);
                return;
            }
            if (args.Length > 0 && args[0] == "statement-costs")
            {
                StatementCosts.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20, args.Length > 2 && args[2] == "all", args.Length > 3 ? args[3] : "none");
                return;
            }
            if (args.Length > 1 && args[0] == "compare-replay")
            {
                CompareReplay.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40, args.Length > 3 && args[3] == "all");
                return;
            }
            if (args.Length > 0 && args[0] == "loop-parse")
            {
                // The front half only (prepare + lex + split + parse), N times, for profiling the parser alone.
                var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
                var settings = new AnalysisSettings();
                int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
                for (int i = 0; i < count; i++)
                {
                    Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                }
                return;
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }

        /// <summary>Quick look at the growth benchmark: median ms per unit of history at 1x, 10x, 100x.</summary>
        private static void Growth(int runs, int[] sizes)
        {
            var settings = new AnalysisSettings();
            foreach (int units in sizes)
            {
                List<SourceFile> files = HistoryGenerator.Generate(units);
                var times = new List<double>(runs);
                for (int i = 0; i < runs + 2; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    Engine.Analyze(files, settings);
                    double ms = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
                    if (i >= 2)
                    {
                        times.Add(ms);
                    }
                }
                times.Sort();
                double median = times[times.Count / 2];
                Console.WriteLine($"{units,4}x ({files.Count,5} files): median {median,9:F2} ms = {median / units,7:F3} ms per unit; min {times[0] / units,7:F3} ms per unit");
            }
        }

        private static void Phases(int runs, AnalysisSettings settings, string only)
        {
            var file = new SourceFile("db/structure.sql", File.ReadAllText(Corpus.GitLabStructure));
            TokenList tokens = Lexer.Lex(file.Text);
            ParsedFile parsed = Parser.Parse(file);
            AnalysisResult once = Engine.Analyze(new[] { parsed }, settings);
            Console.WriteLine($"{file.Text.Length / 1048576.0:F1} MiB, {tokens.Count} tokens, {parsed.Statements.Count} statements, "
                + $"{once.Catalog.AllTables.Count} tables, {once.Rejected.Count} rejected, {once.Diagnostics.Count} diagnostics");
            var phases = new (string Name, Action Run)[]
            {
                ("lex", () => Lexer.Lex(file.Text)),
                ("split", () => StatementSplitter.Split(tokens)),
                ("parse (lex+split+parse)", () => Parser.Parse(file)),
                ("prepare", () => Engine.Prepare(file, settings)),
                ("prepare+lex+split+parse", () => Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion)),
                ("replay+rules", () => Engine.Analyze(new[] { parsed }, settings)),
                ("engine (all)", () => Engine.Analyze(new[] { file }, settings)),
            };
            foreach ((string name, Action run) in phases)
            {
                if (!name.Contains(only, StringComparison.Ordinal))
                {
                    continue;
                }
                var times = new List<double>(runs);
                var cpuTimes = new List<double>(runs);
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                CollectorWindow first = CollectorWindow.Start();
                run();
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                int collections = first.Collections(0);
                int gen2 = first.Collections(2);
                CollectorWindow measured = default;
                for (int i = 0; i < runs + 3; i++)
                {
                    if (i == 3)
                    {
                        measured = CollectorWindow.Start();
                    }
                    double cpuStart = ThreadCpu.Milliseconds();
                    long start = Stopwatch.GetTimestamp();
                    run();
                    double ms = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
                    double cpu = ThreadCpu.Milliseconds() - cpuStart;
                    if (i >= 3)
                    {
                        times.Add(ms);
                        cpuTimes.Add(cpu);
                    }
                }
                string gcs = $"GC pause {measured.PausedMilliseconds / runs:F2} ms/run, {measured.Collections(0)} gen0 ({measured.Collections(1)} gen1, {measured.Collections(2)} gen2) in {runs} runs";
                times.Sort();
                // The thread CPU clock ticks coarsely (a few ms): only its mean over the runs is meaningful.
                double cpuMean = 0;
                foreach (double cpu in cpuTimes)
                {
                    cpuMean += cpu / cpuTimes.Count;
                }
                Console.WriteLine($"{name,-26} median {times[times.Count / 2],8:F2} ms   min {times[0],8:F2} ms   thread CPU mean {cpuMean,8:F2} ms   allocated {allocated / 1048576.0,7:F2} MiB, {collections} gen0 GCs ({gen2} gen2) in the first run; {gcs}");
            }
        }
    }
}
