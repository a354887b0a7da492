using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.FrontEnds;
using EngineDiagnostic = ReplicaGuard.Diagnostics.Diagnostic;

namespace ReplicaGuard.Roslyn.CodeFixes
{
    /// <summary>
    /// Re-runs the engine over a project's migrations (parses cached) to get the fixes of its results, and turns
    /// engine edits into new additional-document texts. Roslyn diagnostics carry no fixes, so the engine
    /// diagnostic behind one is found again by rule ID, file and span.
    /// </summary>
    internal static class SqlFixes
    {
        private static readonly ParseCache Parses = new ParseCache();

        public static IReadOnlyList<EngineDiagnostic> Analyze(Project project, CancellationToken cancellationToken)
        {
            ProjectMigrations migrations = ProjectMigrations.From(project.AnalyzerOptions.AdditionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
            ProjectAnalysis analysis = migrations.Analyze(Parses, cancellationToken);
            return analysis.Outcome?.Result?.Diagnostics ?? (IReadOnlyList<EngineDiagnostic>)Array.Empty<EngineDiagnostic>();
        }

        /// <summary>The engine diagnostic with the same rule ID, file and span as a Roslyn one; null if none.</summary>
        public static EngineDiagnostic? Match(IReadOnlyList<EngineDiagnostic> diagnostics, Microsoft.CodeAnalysis.Diagnostic roslyn)
        {
            FileLinePositionSpan where = roslyn.Location.GetLineSpan();
            TextSpan span = roslyn.Location.SourceSpan;
            foreach (EngineDiagnostic diagnostic in diagnostics)
            {
                if (diagnostic.Id == roslyn.Id
                    && string.Equals(diagnostic.Location.File.Path, where.Path, StringComparison.Ordinal)
                    && diagnostic.Location.Span.Start == span.Start
                    && diagnostic.Location.Span.Length == span.Length)
                {
                    return diagnostic;
                }
            }
            return null;
        }

        /// <summary>
        /// Applies the edits of several fixes to the solution's additional documents. A fix whose edits overlap
        /// edits already taken is left out whole (fix-all must never produce a half fix); an edit identical to
        /// one already taken (two tables fixed by the same insertion) is taken once.
        /// </summary>
        public static async Task<Solution> ApplyAsync(Solution solution, Project project, IEnumerable<CodeFix> fixes, CancellationToken cancellationToken)
        {
            var accepted = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal);
            foreach (CodeFix fix in fixes)
            {
                Dictionary<string, List<TextEdit>> byFile = TextEdits.ByFile(fix);
                if (!Fits(accepted, byFile))
                {
                    continue;
                }
                foreach (KeyValuePair<string, List<TextEdit>> pair in byFile)
                {
                    if (!accepted.TryGetValue(pair.Key, out List<TextEdit>? list))
                    {
                        list = new List<TextEdit>();
                        accepted.Add(pair.Key, list);
                    }
                    foreach (TextEdit edit in pair.Value)
                    {
                        if (!list.Exists(e => Same(e, edit)))
                        {
                            list.Add(edit);
                        }
                    }
                }
            }

            foreach (KeyValuePair<string, List<TextEdit>> pair in accepted)
            {
                TextDocument? document = FindAdditionalDocument(project, pair.Key);
                if (document == null)
                {
                    continue;
                }
                SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (!TextEdits.TryApply(text.ToString(), pair.Value, out string updated))
                {
                    continue;
                }
                solution = solution.WithAdditionalDocumentText(document.Id, SourceText.From(updated, text.Encoding, text.ChecksumAlgorithm));
            }
            return solution;
        }

        public static TextDocument? FindAdditionalDocument(Project project, string path)
        {
            foreach (TextDocument document in project.AdditionalDocuments)
            {
                if (string.Equals(document.FilePath, path, StringComparison.Ordinal))
                {
                    return document;
                }
            }
            return null;
        }

        private static bool Fits(Dictionary<string, List<TextEdit>> accepted, Dictionary<string, List<TextEdit>> candidate)
        {
            foreach (KeyValuePair<string, List<TextEdit>> pair in candidate)
            {
                if (!accepted.TryGetValue(pair.Key, out List<TextEdit>? taken))
                {
                    continue;
                }
                foreach (TextEdit edit in pair.Value)
                {
                    foreach (TextEdit other in taken)
                    {
                        if (!Same(edit, other) && Overlaps(edit, other))
                        {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private static bool Same(TextEdit a, TextEdit b)
        {
            return a.Span.Start == b.Span.Start && a.Span.Length == b.Span.Length && a.NewText == b.NewText;
        }

        /// <summary>Two replacements overlap when their spans share a character; two insertions at one point conflict too.</summary>
        private static bool Overlaps(TextEdit a, TextEdit b)
        {
            if (a.Span.Length == 0 && b.Span.Length == 0)
            {
                return a.Span.Start == b.Span.Start;
            }
            return a.Span.Start < b.Span.End && b.Span.Start < a.Span.End
                || (a.Span.Length == 0 && a.Span.Start > b.Span.Start && a.Span.Start < b.Span.End)
                || (b.Span.Length == 0 && b.Span.Start > a.Span.Start && b.Span.Start < a.Span.End);
        }
    }
}
