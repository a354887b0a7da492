using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ReplicaGuard.Roslyn;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// Issue 7's IDE target as the IDE sees it: the Roslyn analyzer (with its process-wide caches, as in an IDE) run
    /// through CompilationWithAnalyzers on a project whose 1,000 generated migrations are additional files, after one
    /// of them changed. The time includes Roslyn's driver (its additional-file actions and result handling), which
    /// IncrementalBenchmarks leaves out; `-- roslyn-edits N` also prints the analyzer's own execution time as Roslyn
    /// measures it.
    /// </summary>
    [MemoryDiagnoser]
    public class RoslynEditBenchmarks
    {
        private RoslynEditHost _host = null!;

        [Params("last", "middle", "second", "first")]
        public string EditedFile { get; set; } = "last";

        [GlobalSetup]
        public void Setup() => _host = new RoslynEditHost(EditedFile);

        [Benchmark]
        public int EditAndAnalyze() => _host.EditAndAnalyze(logTime: false).Length;
    }

    /// <summary>A C# project with the generated history as additional files, and the edit loop over it.</summary>
    internal sealed class RoslynEditHost
    {
        private const int Files = 1000;
        private const string Root = "/project/";

        private readonly CSharpCompilation _compilation;
        private readonly AdditionalText[] _texts;
        private readonly AnalyzerConfigOptionsProvider _options = new ProjectDirOptions(Root.TrimEnd('/'));
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ReplicaGuardAnalyzer());
        private readonly int _edited;
        private int _next;

        public RoslynEditHost(string editedFile)
        {
            _compilation = CSharpCompilation.Create("P", new[] { CSharpSyntaxTree.ParseText("internal sealed class C { }") },
                new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            List<Text.SourceFile> files = HistoryGenerator.Generate(Files / HistoryGenerator.FilesPerUnit);
            _texts = new AdditionalText[files.Count];
            for (int i = 0; i < files.Count; i++)
            {
                _texts[i] = new MemoryText(Root + files[i].Path, files[i].Text);
            }
            _edited = EditedFiles.Index(editedFile, Files);
            EditAndAnalyze(logTime: false); // the first analysis replays everything
        }

        /// <summary>Replaces the edited file with a new version (a comment changes, as when typing) and analyses again.</summary>
        public ImmutableArray<Diagnostic> EditAndAnalyze(bool logTime) => EditAndAnalyze(logTime, out _);

        public ImmutableArray<Diagnostic> EditAndAnalyze(bool logTime, out TimeSpan analyzerTime)
        {
            _texts[_edited] = new MemoryText(_texts[_edited].Path, HistoryGenerator.File(_edited, " edit " + _next++));
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray.Create(_texts), _options), null, concurrentAnalysis: false, logAnalyzerExecutionTime: logTime);
            CompilationWithAnalyzers run = _compilation.WithAnalyzers(_analyzers, options);
            ImmutableArray<Diagnostic> diagnostics = run.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            analyzerTime = logTime ? run.GetAnalyzerTelemetryInfoAsync(_analyzers[0], CancellationToken.None).GetAwaiter().GetResult().ExecutionTime : TimeSpan.Zero;
            return diagnostics;
        }

        /// <summary>
        /// `-- roslyn-edits N [file]`: N edits per file position, with wall medians, the analyzer's own time (Roslyn's
        /// telemetry) and what the collector did per edit (early-file edits pay most of their extra time there).
        /// </summary>
        public static void Run(int runs, string? only = null)
        {
            foreach (string file in only != null ? new[] { only } : EditedFiles.Positions)
            {
                var host = new RoslynEditHost(file);
                var wall = new List<double>();
                var own = new List<double>();
                int results = 0;
                WarmUp.Run(IncrementalTimes.WarmUpEdits, _ => host.EditAndAnalyze(logTime: true, out TimeSpan _));
                CollectorWindow collector = CollectorWindow.Start();
                for (int i = 0; i < runs; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    results = host.EditAndAnalyze(logTime: true, out TimeSpan analyzer).Length;
                    wall.Add((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
                    own.Add(analyzer.TotalMilliseconds);
                }
                wall.Sort();
                own.Sort();
                Console.WriteLine($"edit {file,-7} wall median {wall[wall.Count / 2],7:F2} ms (min {wall[0],6:F2}); analyzer's own time median {own[own.Count / 2],7:F2} ms (min {own[0],6:F2}); {results} results");
                Console.WriteLine($"             allocated {collector.Allocated / (double)runs / 1048576.0:F2} MiB, GC pause {collector.PausedMilliseconds / runs:F2} ms per edit; "
                    + $"collections gen0 {collector.Collections(0)}, gen1 {collector.Collections(1)}, gen2 {collector.Collections(2)} in {runs}");
            }
        }

        private sealed class MemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public MemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text, Encoding.UTF8);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        /// <summary>The one build property the analyzer needs from the project (the package's .props sets it in a real build).</summary>
        private sealed class ProjectDirOptions : AnalyzerConfigOptionsProvider
        {
            private readonly Options _global;

            public ProjectDirOptions(string projectDir)
            {
                _global = new Options(new Dictionary<string, string> { ["build_property.ReplicaGuardProjectDir"] = projectDir });
            }

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

            private sealed class Options : AnalyzerConfigOptions
            {
                public static readonly Options Empty = new Options(new Dictionary<string, string>());

                private readonly Dictionary<string, string> _values;

                public Options(Dictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
            }
        }
    }
}
