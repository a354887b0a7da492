using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `-- compare-replay OLD.dll [runs] [all]`: replay + rules on GitLab with an older build of the engine and with
    /// this one, each loaded into its own AssemblyLoadContext, alternating run by run in one process. On a shared,
    /// loaded machine, runs of two processes minutes apart differ more than the change being measured; alternating
    /// in one process exposes both engines to the same load.
    /// </summary>
    internal static class CompareReplay
    {
        public static void Run(string oldEngine, int runs, bool allTables)
        {
            string text = File.ReadAllText(Corpus.GitLabStructure);
            string newEngine = typeof(Engine).Assembly.Location;
            var engines = new[] { new Handle("old", oldEngine, text, allTables), new Handle("new", newEngine, text, allTables) };
            foreach (Handle engine in engines)
            {
                for (int i = 0; i < 5; i++)
                {
                    engine.Analyze(); // warm up: tiered JIT
                }
            }
            for (int i = 0; i < runs; i++)
            {
                foreach (Handle engine in i % 2 == 0 ? engines : new[] { engines[1], engines[0] })
                {
                    engine.Measure();
                }
            }
            foreach (Handle engine in engines)
            {
                engine.Print();
            }
        }

        private sealed class Handle
        {
            private readonly string _name;
            private readonly MethodInfo _analyze;
            private readonly object?[] _arguments;
            private readonly List<double> _wall = new List<double>();
            private readonly List<double> _cpu = new List<double>();
            private long _allocated;
            private TimeSpan _paused;

            public Handle(string name, string path, string text, bool allTables)
            {
                _name = name;
                Assembly engine = new AssemblyLoadContext(name).LoadFromAssemblyPath(Path.GetFullPath(path));
                Type sourceFile = engine.GetType("ReplicaGuard.Text.SourceFile", throwOnError: true)!;
                Type settingsType = engine.GetType("ReplicaGuard.AnalysisSettings", throwOnError: true)!;
                Type parsedType = engine.GetType("ReplicaGuard.Syntax.ParsedFile", throwOnError: true)!;
                object settings = Activator.CreateInstance(settingsType)!;
                if (allTables)
                {
                    Type declaration = engine.GetType("ReplicaGuard.PublicationDeclaration", throwOnError: true)!;
                    object all = Activator.CreateInstance(declaration, "declared_all")!;
                    declaration.GetProperty("AllTables")!.SetValue(all, true);
                    ((IList)settingsType.GetProperty("Publications")!.GetValue(settings)!).Add(all);
                }
                object file = Activator.CreateInstance(sourceFile, "db/structure.sql", text)!;
                MethodInfo parse = engine.GetType("ReplicaGuard.Syntax.Parser", throwOnError: true)!.GetMethod("Parse", new[] { sourceFile, typeof(int), typeof(CancellationToken) })!;
                object parsed = parse.Invoke(null, new object[] { file, settingsType.GetProperty("PostgresVersion")!.GetValue(settings)!, CancellationToken.None })!;
                Array files = Array.CreateInstance(parsedType, 1);
                files.SetValue(parsed, 0);
                Type listType = typeof(IReadOnlyList<>).MakeGenericType(parsedType);
                _analyze = engine.GetType("ReplicaGuard.Engine", throwOnError: true)!.GetMethod("Analyze", new[] { listType, settingsType, typeof(CancellationToken) })!;
                _arguments = new object?[] { files, settings, CancellationToken.None };
            }

            public void Analyze() => _analyze.Invoke(null, _arguments);

            public void Measure()
            {
                TimeSpan paused = GC.GetTotalPauseDuration();
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                double cpu = ThreadCpu.Milliseconds();
                long start = Stopwatch.GetTimestamp();
                Analyze();
                _wall.Add((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
                _cpu.Add(ThreadCpu.Milliseconds() - cpu);
                _allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                _paused += GC.GetTotalPauseDuration() - paused;
            }

            public void Print()
            {
                _wall.Sort();
                double cpuMean = 0;
                foreach (double cpu in _cpu)
                {
                    cpuMean += cpu / _cpu.Count;
                }
                Console.WriteLine($"{_name}: min {_wall[0],7:F2} ms  p25 {_wall[_wall.Count / 4],7:F2}  median {_wall[_wall.Count / 2],7:F2}  thread CPU mean {cpuMean,7:F2} ms  "
                    + $"GC pause {_paused.TotalMilliseconds / _wall.Count,6:F2} ms/run  allocated {_allocated / 1048576.0:F2} MiB");
            }
        }
    }
}
