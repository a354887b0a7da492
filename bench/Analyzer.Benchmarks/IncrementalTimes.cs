using System;
using System.Collections.Generic;
using System.Diagnostics;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `dotnet run -c Release -- incremental [runs]`: quick Stopwatch view of the IDE path on 1,000 generated files,
    /// editing the last, a middle and the first file (each run: re-prepare and re-parse the edited file, re-analyse).
    /// </summary>
    internal static class IncrementalTimes
    {
        /// <param name="withFull">Also time a full analysis after each edit (the baseline); off for quicker A/B runs.</param>
        public static void Run(int runs, bool withFull = true)
        {
            var settings = new AnalysisSettings();
            List<SourceFile> files = HistoryGenerator.Generate(100);
            var parsed = new ParsedFile[files.Count];
            for (int i = 0; i < files.Count; i++)
            {
                parsed[i] = Parser.Parse(files[i]);
            }
            Retained(parsed, settings);
            foreach (string position in EditedFiles.Positions)
            {
                int edited = EditedFiles.Index(position, files.Count);
                if (withFull)
                {
                    Measure("full, edit file " + (edited + 1), runs, parsed, edited, settings, p => Engine.Analyze(p, settings));
                }
                var incremental = new IncrementalAnalysis(settings);
                incremental.Analyze(parsed);
                Measure("incremental, edit file " + (edited + 1), runs, parsed, edited, settings, p => incremental.Analyze(p));
            }
            CatchUp(runs, parsed, settings);
            Unchanged(runs, parsed, settings);
        }

        /// <summary>
        /// The newest file edited right after an edit of the first one: that early edit was analysed whole, so the
        /// journal still holds the first file's old version and replays from it once (the first file is edited again
        /// before each run, untimed).
        /// </summary>
        private static void CatchUp(int runs, ParsedFile[] parsed, AnalysisSettings settings)
        {
            var incremental = new IncrementalAnalysis(settings);
            incremental.Analyze(parsed);
            Measure("incremental, newest after first", runs, parsed, parsed.Length - 1, settings, p => incremental.Analyze(p), run =>
            {
                var first = new SourceFile(HistoryGenerator.Name(0), HistoryGenerator.File(0, " early edit " + run));
                parsed[0] = Parser.Parse(Engine.Prepare(first, settings), settings.PostgresVersion);
                incremental.Analyze(parsed);
            });
        }

        /// <summary>Analyses again with no file changed (the IDE does on every compilation, e.g. after a C# edit).</summary>
        private static void Unchanged(int runs, ParsedFile[] parsed, AnalysisSettings settings)
        {
            var incremental = new IncrementalAnalysis(settings);
            incremental.Analyze(parsed);
            var times = new List<double>(runs);
            for (int i = 0; i < runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                incremental.Analyze(parsed);
                times.Add((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
            }
            times.Sort();
            Console.WriteLine($"{"incremental, nothing changed",-34} median {times[times.Count / 2],8:F3} ms   min {times[0],8:F3} ms");
        }

        /// <summary>What the kept replay costs in memory: live heap with a full result vs with an incremental analysis.</summary>
        private static void Retained(ParsedFile[] parsed, AnalysisSettings settings)
        {
            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            AnalysisResult full = Engine.Analyze(parsed, settings);
            long withFull = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(full);
            full = null!;
            GC.GetTotalMemory(forceFullCollection: true);
            var incremental = new IncrementalAnalysis(settings);
            incremental.Analyze(parsed);
            long withIncremental = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(incremental);
            Console.WriteLine($"live heap beyond the parses: full result {(withFull - baseline) / 1048576.0:F1} MiB, incremental analysis {(withIncremental - baseline) / 1048576.0:F1} MiB");
        }

        /// <summary>`-- incremental-loop N [file]`: a steady workload for a profiler, N edits of one file (default the last).</summary>
        public static void Loop(int count, int? file) => Loop(count, file, listener: false);

        /// <summary>`-- incremental-alloc N [file]`: the types N edits of one file allocate (sampled).</summary>
        public static void Allocations(int count, int? file) => Loop(count, file, listener: true);

        /// <summary>
        /// `-- incremental-gitlab N`: N edits of a one-file history, GitLab's structure.sql (a comment at its end
        /// changes), with the collections per edit; REPLICAGUARD_LOH_ONLY=1 and `alloc` list large-object allocations.
        /// </summary>
        public static void GitLab(int count, bool listener)
        {
            var settings = new AnalysisSettings();
            string text = System.IO.File.ReadAllText(Corpus.GitLabStructure);
            var parsed = new[] { Parser.Parse(Engine.Prepare(new SourceFile("db/structure.sql", text), settings), settings.PostgresVersion) };
            var incremental = new IncrementalAnalysis(settings);
            incremental.Analyze(parsed);
            MeasureEdits(count, "GitLab's structure.sql", listener, i =>
            {
                parsed[0] = Parser.Parse(Engine.Prepare(new SourceFile("db/structure.sql", text + "-- edit " + i + "\n"), settings), settings.PostgresVersion);
                incremental.Analyze(parsed);
            });
        }

        private static void Loop(int count, int? file, bool listener)
        {
            var settings = new AnalysisSettings();
            List<SourceFile> files = HistoryGenerator.Generate(100);
            var parsed = new ParsedFile[files.Count];
            for (int i = 0; i < files.Count; i++)
            {
                parsed[i] = Parser.Parse(files[i]);
            }
            int edited = file ?? files.Count - 1;
            var incremental = new IncrementalAnalysis(settings);
            PrintRuleCounts(incremental.Analyze(parsed));
            MeasureEdits(count, "file " + (edited + 1), listener, i =>
            {
                var source = new SourceFile(HistoryGenerator.Name(edited), HistoryGenerator.File(edited, " edit " + i));
                parsed[edited] = Parser.Parse(Engine.Prepare(source, settings), settings.PostgresVersion);
                incremental.Analyze(parsed);
            });
        }

        /// <summary>Runs <paramref name="edit"/> <paramref name="count"/> times and prints thread CPU, allocation, GC pause and collections per edit.</summary>
        private static void MeasureEdits(int count, string what, bool listener, Action<int> edit)
        {
            AllocationTypes? types = listener ? new AllocationTypes() : null;
            CollectorWindow collector = CollectorWindow.Start();
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            double threadStart = ThreadCpu.Milliseconds();
            for (int i = 0; i < count; i++)
            {
                edit(i);
            }
            double threadMs = ThreadCpu.Milliseconds() - threadStart;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Console.WriteLine($"{count} edits of {what}: thread CPU {threadMs / count:F2} ms/edit, allocated {allocated / (double)count / 1048576.0:F2} MiB/edit, GC pause {collector.PausedMilliseconds / count:F2} ms/edit, "
                + $"collections gen0 {collector.Collections(0)}, gen1 {collector.Collections(1)}, gen2 {collector.Collections(2)}");
            types?.Print(count);
            types?.Dispose();
        }

        /// <summary>How many results of each rule an edit produces (the final pass builds them all again).</summary>
        private static void PrintRuleCounts(AnalysisResult result)
        {
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (Diagnostics.Diagnostic d in result.Diagnostics)
            {
                counts.TryGetValue(d.Id, out int n);
                counts[d.Id] = n + 1;
            }
            var parts = new List<string>();
            foreach (KeyValuePair<string, int> pair in counts)
            {
                parts.Add(pair.Key + " " + pair.Value);
            }
            Console.WriteLine("results: " + string.Join(", ", parts));
        }

        /// <summary>
        /// Edits made before measuring, at least (<see cref="WarmUp"/> adds a minimum time): enough for the tiered JIT
        /// to finish optimising the paths an edit takes. With 3, a middle-file edit measured partly unoptimised code:
        /// 20 runs gave a 58 ms median where 60 gave 19 ms (2026-11-22, quiet machine).
        /// </summary>
        internal const int WarmUpEdits = 40;

        /// <param name="before">Runs before each timed edit, untimed (another edit that sets the state up).</param>
        private static void Measure(string name, int runs, ParsedFile[] parsed, int edited, AnalysisSettings settings, Func<ParsedFile[], AnalysisResult> analyze, Action<int>? before = null)
        {
            var times = new List<double>(runs);
            var cpu = new List<double>(runs);
            var threadCpu = new List<double>(runs);
            Process process = Process.GetCurrentProcess();
            long allocated = 0;
            SourceFile Version(int i) => new SourceFile(HistoryGenerator.Name(edited), HistoryGenerator.File(edited, " edit " + i));
            void Apply(SourceFile source)
            {
                parsed[edited] = Parser.Parse(Engine.Prepare(source, settings), settings.PostgresVersion);
                analyze(parsed);
            }

            int edit = WarmUp.Run(WarmUpEdits, i =>
            {
                before?.Invoke(i);
                Apply(Version(i));
            });
            CollectorWindow collector = CollectorWindow.Start();
            for (int run = 0; run < runs; run++, edit++)
            {
                before?.Invoke(edit);
                SourceFile source = Version(edit);
                long bytes = GC.GetAllocatedBytesForCurrentThread();
                process.Refresh();
                TimeSpan cpuStart = process.TotalProcessorTime;
                double threadStart = ThreadCpu.Milliseconds();
                long start = Stopwatch.GetTimestamp();
                Apply(source);
                times.Add((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
                threadCpu.Add(ThreadCpu.Milliseconds() - threadStart);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
                allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
            }
            int collections = collector.Collections(0);
            int gen1 = collector.Collections(1);
            double pauseMs = collector.PausedMilliseconds / runs;
            times.Sort();
            cpu.Sort();
            threadCpu.Sort();
            Console.WriteLine($"{name,-34} median {times[times.Count / 2],8:F2} ms   min {times[0],8:F2} ms   CPU median {cpu[cpu.Count / 2],7:F1} ms   thread CPU median/min {threadCpu[threadCpu.Count / 2],6:F1}/{threadCpu[0],5:F1} ms   allocated {allocated / (double)runs / 1048576.0,6:F2} MiB/run, {collections} gen0 GCs ({gen1} gen1) in {runs} runs, GC pause {pauseMs:F1} ms/run");
        }
    }
}
