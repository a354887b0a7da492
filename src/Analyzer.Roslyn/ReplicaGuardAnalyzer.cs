using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReplicaGuard.FrontEnds;
using EngineDiagnostic = ReplicaGuard.Diagnostics.Diagnostic;
using EngineLocation = ReplicaGuard.Diagnostics.Location;

namespace ReplicaGuard.Roslyn
{
    /// <summary>
    /// Reports the engine's results on the project's .sql AdditionalFiles. The whole project is one history,
    /// analysed once per compilation (parses cached per file across compilations); each file's results are
    /// reported from that file's AdditionalFile action, so an IDE shows them as soon as the file is analysed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReplicaGuardAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Shared by every compilation in the process: editing one file re-parses only that file.</summary>
        internal static readonly ParseCache Parses = new ParseCache();

        /// <summary>Shared likewise: each project's replay, so an edit replays only from the edited file on.</summary>
        internal static readonly IncrementalHistories Histories = new IncrementalHistories();

        private readonly ParseCache _parses;
        private readonly IncrementalHistories? _histories;

        public ReplicaGuardAnalyzer()
            : this(Parses, Histories)
        {
        }

        /// <summary>
        /// Test seam: an analyzer with its own parse cache (a fresh one, or one whose parser fails) and its own
        /// kept replays, or none (then every compilation analyses the whole history from scratch).
        /// </summary>
        internal ReplicaGuardAnalyzer(ParseCache parses, IncrementalHistories? histories = null)
        {
            _parses = parses;
            _histories = histories;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => RoslynDescriptors.All;

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ProjectMigrations.ReporterProperty, out string? reporter)
                    && string.Equals(reporter, "Task", StringComparison.OrdinalIgnoreCase))
                {
                    return; // the package's MSBuild task reports this project's results (docs/msbuild.md)
                }
                ProjectMigrations migrations = ProjectMigrations.From(start.Options.AdditionalFiles, start.Options.AnalyzerConfigOptionsProvider);
                if (migrations.Files.Count == 0 && migrations.ConfigFile == null)
                {
                    return;
                }
                var state = new CompilationState(migrations, _parses, _histories);
                start.RegisterAdditionalFileAction(fileContext => state.Report(fileContext));
            });
        }

        /// <summary>The analysis of one compilation, computed on first use by whichever file action comes first.</summary>
        private sealed class CompilationState
        {
            private readonly ProjectMigrations _migrations;
            private readonly ParseCache _parses;
            private readonly IncrementalHistories? _histories;
            private readonly object _gate = new object();
            private Dictionary<string, List<Diagnostic>>? _byFile;

            public CompilationState(ProjectMigrations migrations, ParseCache parses, IncrementalHistories? histories)
            {
                _migrations = migrations;
                _parses = parses;
                _histories = histories;
            }

            public void Report(AdditionalFileAnalysisContext context)
            {
                Dictionary<string, List<Diagnostic>> byFile = Get(context.CancellationToken);
                if (byFile.TryGetValue(context.AdditionalFile.Path, out List<Diagnostic>? diagnostics))
                {
                    foreach (Diagnostic diagnostic in diagnostics)
                    {
                        context.ReportDiagnostic(diagnostic);
                    }
                }
            }

            private Dictionary<string, List<Diagnostic>> Get(CancellationToken cancellationToken)
            {
                lock (_gate)
                {
                    // Computed under the lock so the history is analysed once; cancellation leaves it unset for the next caller.
                    return _byFile ??= Compute(cancellationToken);
                }
            }

            private Dictionary<string, List<Diagnostic>> Compute(CancellationToken cancellationToken)
            {
                var byFile = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
                try
                {
                    ProjectAnalysis analysis = _migrations.Analyze(_parses, _histories, cancellationToken);
                    AddProblems(analysis, byFile);
                    HistoryOutcome? outcome = analysis.Outcome;
                    if (outcome?.Result != null)
                    {
                        foreach (EngineDiagnostic diagnostic in outcome.Result.Diagnostics)
                        {
                            Add(byFile, diagnostic.Location.File.Path, DiagnosticConverter.ToRoslyn(diagnostic));
                        }
                    }
                    else if (outcome?.FailedFile != null)
                    {
                        Add(byFile, outcome.FailedFile, Failure(outcome.FailedFile, outcome.FailureMessage));
                    }
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    // Never let an exception escape as AD0001: report it once, on the first migration.
                    string? first = _migrations.Files.Count > 0 ? _migrations.Files[0].Path : _migrations.ConfigFile?.Path;
                    if (first != null)
                    {
                        Add(byFile, first, Failure(first, $"ReplicaGuard could not analyse this project: {e.GetType().Name}: {e.Message}"));
                    }
                }
                return byFile;
            }

            private void AddProblems(ProjectAnalysis analysis, Dictionary<string, List<Diagnostic>> byFile)
            {
                foreach (ConfigProblem problem in analysis.Problems)
                {
                    string? file = problem.File ?? (_migrations.Files.Count > 0 ? _migrations.Files[0].Path : _migrations.ConfigFile?.Path);
                    if (file != null)
                    {
                        Add(byFile, file, Failure(file, problem.Message));
                    }
                }
            }

            private static Diagnostic Failure(string path, string message)
            {
                return Diagnostic.Create(RoslynDescriptors.RG9001, DiagnosticConverter.StartOf(path), message);
            }

            private static void Add(Dictionary<string, List<Diagnostic>> byFile, string path, Diagnostic diagnostic)
            {
                if (!byFile.TryGetValue(path, out List<Diagnostic>? list))
                {
                    list = new List<Diagnostic>();
                    byFile.Add(path, list);
                }
                list.Add(diagnostic);
            }
        }
    }

    /// <summary>Engine results as Roslyn diagnostics: real spans in the .sql file, help link, related locations.</summary>
    internal static class DiagnosticConverter
    {
        public static Diagnostic ToRoslyn(EngineDiagnostic diagnostic)
        {
            DiagnosticDescriptor descriptor = RoslynDescriptors.For(diagnostic.Id);
            string message = RoslynDescriptors.IsKnown(diagnostic.Id) ? diagnostic.Message : $"{diagnostic.Id}: {diagnostic.Message}";
            var related = new List<Location>(diagnostic.RelatedLocations.Count);
            foreach (EngineLocation location in diagnostic.RelatedLocations)
            {
                related.Add(ToRoslyn(location));
            }
            DiagnosticSeverity severity = RoslynDescriptors.ToRoslyn(diagnostic.Severity);
            // The engine's severity already includes replicaguard.json `rules`; .globalconfig, NoWarn and
            // WarningsAsErrors still apply on top through the compiler's options. isEnabledByDefault is true because
            // the engine reported it: a rule that is off by default (RG3001) was turned on in replicaguard.json.
            return Diagnostic.Create(
                descriptor.Id,
                descriptor.Category,
                message,
                severity,
                descriptor.DefaultSeverity,
                isEnabledByDefault: true,
                warningLevel: severity == DiagnosticSeverity.Error ? 0 : 1,
                title: descriptor.Title,
                description: descriptor.Description,
                helpLink: descriptor.HelpLinkUri,
                location: ToRoslyn(diagnostic.Location),
                additionalLocations: related);
        }

        public static Location ToRoslyn(EngineLocation location)
        {
            var span = new Microsoft.CodeAnalysis.Text.TextSpan(location.Span.Start, location.Span.Length);
            ReplicaGuard.Text.LinePositionSpan lines = location.LineSpan;
            var lineSpan = new Microsoft.CodeAnalysis.Text.LinePositionSpan(
                new Microsoft.CodeAnalysis.Text.LinePosition(lines.Start.Line, lines.Start.Character),
                new Microsoft.CodeAnalysis.Text.LinePosition(lines.End.Line, lines.End.Character));
            return Location.Create(location.File.Path, span, lineSpan);
        }

        public static Location StartOf(string path)
        {
            var start = new Microsoft.CodeAnalysis.Text.LinePosition(0, 0);
            return Location.Create(path, default, new Microsoft.CodeAnalysis.Text.LinePositionSpan(start, start));
        }
    }
}
