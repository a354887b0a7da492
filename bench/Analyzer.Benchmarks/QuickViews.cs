using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// The Stopwatch views, `dotnet run -c Release -- VIEW [ARGS]`, for iterating on a change (the documented numbers
    /// come from BenchmarkDotNet). A wrong argument, an unknown view or a missing corpus ends with one line saying so
    /// and exit code 2, never a stack trace; `help` lists the views.
    /// </summary>
    internal static class QuickViews
    {
        private sealed class View
        {
            public View(string usage, string purpose, Action<ViewArgs> run)
            {
                Usage = usage;
                Purpose = purpose;
                Run = run;
            }

            public string Name => Usage.Split(' ')[0];
            public string Usage { get; }
            public string Purpose { get; }
            public Action<ViewArgs> Run { get; }
        }

        private const int HistoryFiles = 100 * HistoryGenerator.FilesPerUnit;

        private static readonly View[] Views =
        {
            new View("phases [RUNS] [all|none] [NAME]", "each engine phase on GitLab's structure.sql; all: with a declared FOR ALL TABLES publication; NAME: only phases whose name contains it (lex, parse, replay)", a =>
            {
                string? second = a.Text(2);
                bool publication = second == "all" || second == "none";
                a.NoMoreThan(publication ? 3 : 2);
                Phases(a.Count(1, "RUNS", 30), Settings.Create(second == "all"), a.Text(publication ? 3 : 2) ?? "");
            }),
            new View("beside [RUNS]", "the whole engine on GitLab with the parse first, then the replay, against Engine.Analyze's parse on a second thread beside the replay, alternating in one process", a =>
            {
                a.NoMoreThan(1);
                ParseBesideReplayTimes.Run(a.Count(1, "RUNS", 60));
            }),
            new View("growth [RUNS] [onread|fixes] [UNITS]", "generated histories of 1x, 10x, 100x (or UNITS): ms per unit of history and the collector's part; fixes: built during the analysis (fix, JSON, SARIF) instead of on the first read (check)", a =>
            {
                string? mode = a.Text(2) == "onread" || a.Text(2) == "fixes" ? a.Text(2) : null;
                int units = mode != null ? 3 : 2;
                a.NoMoreThan(units);
                int runs = a.Count(1, "RUNS", 10);
                Growth(runs, mode == "fixes" ? FixBuilding.DuringAnalysis : FixBuilding.OnFirstRead, a.Text(units) != null ? new[] { a.Count(units, "UNITS") } : new[] { 1, 10, 100 });
            }),
            new View("growth-split [RUNS] [UNITS]", "which part grows faster than the history, at 1x, 10x and 100x (or UNITS): the whole engine, then alone the parse of every file, the replay of files parsed beforehand and its final pass; per unit of history, with the collector's pauses", a =>
            {
                a.NoMoreThan(2);
                GrowthSplit.Run(a.Count(1, "RUNS", 30), a.Text(2) != null ? new[] { a.Count(2, "UNITS") } : new[] { 1, 10, 100 });
            }),
            new View("live-heap [UNITS]", "the objects one whole-engine analysis leaves alive (result held), by layer and type: GitLab's structure.sql, or a generated history of UNITS units (two heap snapshots through createdump, ~200 MB of temporary files, deleted)", a =>
            {
                a.NoMoreThan(1);
                if (a.Text(1) == null)
                {
                    LiveHeap.Run(new List<SourceFile> { Corpus.GitLabFile() }, "GitLab's structure.sql", 25);
                }
                else
                {
                    int units = a.Count(1, "UNITS");
                    LiveHeap.Run(HistoryGenerator.Generate(units), $"generated history, {units}x", 25);
                }
            }),
            new View("survivor-cost [RUNS] [MIB] [nodes|rows|large]", "what each MiB a run keeps alive costs in collector pauses: the whole engine on GitLab while 0, MIB/2 and MIB MiB (default 4) of extra memory are held, alternating run by run; as tree-node-like objects (default), pointer-free 16 KiB arrays, or 1 MiB arrays on the large-object heap", a =>
            {
                a.NoMoreThan(3);
                SurvivorCost.Run(a.Count(1, "RUNS", 60), a.Count(2, "MIB", 4), a.Word(3, SurvivorCost.Shapes) ?? "nodes");
            }),
            new View("roslyn-edits [RUNS] [last|middle|second|first]", "the Roslyn analyzer after an edit of one of 1,000 files (see RoslynEditBenchmarks)", a =>
            {
                a.NoMoreThan(2);
                RoslynEditHost.Run(a.Count(1, "RUNS", 30), a.Word(2, EditedFiles.Positions));
            }),
            new View("incremental [RUNS] [only]", "IDE re-analysis (engine part) per edited file position; only: skip the full analyses", a =>
            {
                a.NoMoreThan(2);
                IncrementalTimes.Run(a.Count(1, "RUNS", 30), withFull: a.Word(2, "only") == null);
            }),
            new View("incremental-alloc EDITS [FILE]", "the types EDITS edits of one file allocate (sampled); FILE: 0-based index, default the last", a =>
            {
                a.NoMoreThan(2);
                IncrementalTimes.Allocations(a.Count(1, "EDITS"), a.FileIndex(2, HistoryFiles));
            }),
            new View("incremental-gitlab EDITS [alloc]", "EDITS edits of a one-file history, GitLab's structure.sql; alloc: list large-object allocations", a =>
            {
                a.NoMoreThan(2);
                IncrementalTimes.GitLab(a.Count(1, "EDITS"), listener: a.Word(2, "alloc") != null);
            }),
            new View("incremental-loop EDITS [FILE]", "a steady workload for a profiler: EDITS edits of one file (0-based index, default the last)", a =>
            {
                a.NoMoreThan(2);
                IncrementalTimes.Loop(a.Count(1, "EDITS"), a.FileIndex(2, HistoryFiles));
            }),
            new View("loop [RUNS]", "a steady workload for a profiler: the whole engine on GitLab, RUNS times", a =>
            {
                a.NoMoreThan(1);
                int count = a.Count(1, "RUNS", 200);
                var file = Corpus.GitLabFile();
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { file }, new AnalysisSettings());
                }
            }),
            new View("loop-replay [RUNS] [all]", "replay + rules only on an already parsed GitLab, RUNS times; all: FOR ALL TABLES declared", a =>
            {
                a.NoMoreThan(2);
                int count = a.Count(1, "RUNS", 200);
                AnalysisSettings settings = Settings.Create(a.Word(2, "all") != null);
                ParsedFile parsed = Corpus.ParsedGitLab(settings);
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { parsed }, settings);
                }
            }),
            new View("loop-parse [RUNS]", "the front half only (prepare + lex + split + parse) on GitLab, RUNS times, for profiling the parser", a =>
            {
                a.NoMoreThan(1);
                int count = a.Count(1, "RUNS", 200);
                var file = Corpus.GitLabFile();
                var settings = new AnalysisSettings();
                for (int i = 0; i < count; i++)
                {
                    Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                }
            }),
            new View("alloc-types [RUNS] [all]", "the types replay + rules allocate on GitLab (sampled)", a =>
            {
                a.NoMoreThan(2);
                int count = a.Count(1, "RUNS", 50);
                AnalysisSettings settings = Settings.Create(a.Word(2, "all") != null);
                ParsedFile parsed = Corpus.ParsedGitLab(settings);
                Engine.Analyze(new[] { parsed }, settings);
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { parsed }, settings);
                }
                listener.Print(count);
            }),
            new View("alloc-types-engine RUNS", "the types the whole engine allocates from GitLab's file (sampled; REPLICAGUARD_LOH_ONLY=1: large objects only)", a =>
            {
                a.NoMoreThan(1);
                int count = a.Count(1, "RUNS");
                var file = Corpus.GitLabFile();
                Engine.Analyze(new[] { file }, new AnalysisSettings());
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(new[] { file }, new AnalysisSettings());
                }
                listener.Print(count);
            }),
            new View("alloc-types-growth RUNS UNITS", "the types the whole engine allocates on a generated history of UNITS units (sampled)", a =>
            {
                a.NoMoreThan(2);
                int count = a.Count(1, "RUNS");
                List<SourceFile> files = HistoryGenerator.Generate(a.Count(2, "UNITS"));
                Engine.Analyze(files, new AnalysisSettings());
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Engine.Analyze(files, new AnalysisSettings());
                }
                listener.Print(count);
            }),
            new View("alloc-types-parse [RUNS]", "the types prepare + lex + split + parse allocate on GitLab (sampled)", a =>
            {
                a.NoMoreThan(1);
                int count = a.Count(1, "RUNS", 50);
                var file = Corpus.GitLabFile();
                var settings = new AnalysisSettings();
                Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                using var listener = new AllocationTypes();
                for (int i = 0; i < count; i++)
                {
                    Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion);
                }
                listener.Print(count);
            }),
            new View("gc-promoted RUNS", "the bytes the collector promoted (survivors copied to an older generation) in each whole-engine run on GitLab", a =>
            {
                a.NoMoreThan(1);
                GcEvents.Promoted(a.Count(1, "RUNS"));
            }),
            new View("gc-runs RUNS", "each collection during RUNS whole-engine runs on GitLab: in which run, when, generation, reason, pause, and how long its mark and the rest (compact or sweep) took", a =>
            {
                a.NoMoreThan(1);
                GcEvents.Run(a.Count(1, "RUNS"));
            }),
            new View("lex-cpu [RUNS]", "the lexer alone on GitLab: thread CPU per lex (steadier than wall time under load)", a =>
            {
                a.NoMoreThan(1);
                int count = a.Count(1, "RUNS", 200);
                var file = Corpus.GitLabFile();
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
            }),
            new View("statement-costs [RUNS] [all|none] [none|changes|rules]", "the model's replay on GitLab, time by statement type; then which listeners replay with it", a =>
            {
                a.NoMoreThan(3);
                StatementCosts.Run(a.Count(1, "RUNS", 20), a.Word(2, "all", "none") == "all", a.Word(3, "none", "changes", "rules") ?? "none");
            }),
            new View("compare-replay OLD.dll [RUNS] [all]", "replay + rules on GitLab with an older engine build and this one, alternating in one process", a =>
            {
                a.NoMoreThan(3);
                string oldEngine = a.Text(1) ?? throw new ViewUsageException("OLD.dll (an older build's ReplicaGuard.Analyzer.dll) is missing");
                if (!File.Exists(oldEngine))
                {
                    throw new ViewUsageException($"'{oldEngine}' does not exist");
                }
                CompareReplay.Run(oldEngine, a.Count(2, "RUNS", 40), a.Word(3, "all") != null);
            }),
        };

        /// <summary>Runs the view named by <paramref name="args"/>[0]; returns the process's exit code.</summary>
        public static int Run(string[] args)
        {
            string name = args[0];
            if (name == "help")
            {
                PrintViews(Console.Out);
                return 0;
            }
            View? view = Array.Find(Views, v => v.Name == name);
            if (view == null)
            {
                Console.Error.WriteLine($"error: no quick view '{name}' (BenchmarkDotNet's options start with '-', e.g. --filter '*'); the views are:");
                PrintViews(Console.Error);
                return 2;
            }
            try
            {
                view.Run(new ViewArgs(args));
                return 0;
            }
            catch (ViewUsageException e)
            {
                Console.Error.WriteLine($"error: {name}: {e.Message}");
                Console.Error.WriteLine($"usage: dotnet run -c Release -- {view.Usage}");
                return 2;
            }
            catch (CorpusNotFoundException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }
        }

        private static void PrintViews(TextWriter writer)
        {
            foreach (View view in Views)
            {
                writer.WriteLine($"  {view.Usage}");
                writer.WriteLine($"      {view.Purpose}");
            }
        }

        /// <summary>
        /// Quick look at the growth benchmark: median and minimum ms per unit of history at 1x, 10x, 100x, with what
        /// the collector did per run (at 100x its pauses are what grows faster than the history).
        /// </summary>
        private static void Growth(int runs, FixBuilding fixes, int[] sizes)
        {
            var settings = new AnalysisSettings();
            foreach (int units in sizes)
            {
                List<SourceFile> files = HistoryGenerator.Generate(units);
                WarmUp.Run(30, _ => Engine.Analyze(files, settings, fixes));
                var times = new List<double>(runs);
                CollectorWindow collector = CollectorWindow.Start();
                for (int i = 0; i < runs; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    Engine.Analyze(files, settings, fixes);
                    times.Add((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
                }
                times.Sort();
                double median = times[times.Count / 2];
                Console.WriteLine($"{units,4}x ({files.Count,5} files): median {median,9:F2} ms = {median / units,7:F3} ms per unit; min {times[0] / units,7:F3} ms per unit; "
                    + $"allocated {collector.Allocated / (double)runs / 1024,8:F0} KB, GC pause {collector.PausedMilliseconds / runs,6:F2} ms per run; "
                    + $"collections gen0 {collector.Collections(0)}, gen1 {collector.Collections(1)}, gen2 {collector.Collections(2)} in {runs}");
            }
        }

        private static void Phases(int runs, AnalysisSettings settings, string only)
        {
            var file = Corpus.GitLabFile();
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
