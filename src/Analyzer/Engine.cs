using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Profiles;
using ReplicaGuard.Rules;
using ReplicaGuard.Suppressions;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard
{
    /// <summary>The one entry point every front end calls: files in order plus settings in, diagnostics out.</summary>
    public static class Engine
    {
        public static AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisSettings settings, CancellationToken cancellationToken = default)
        {
            var parsed = new List<ParsedFile>(files.Count);
            foreach (SourceFile file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                parsed.Add(Parser.Parse(Prepare(file, settings), settings.PostgresVersion, cancellationToken));
            }
            return Analyze(parsed, settings, cancellationToken);
        }

        /// <summary>
        /// Applies the settings' placeholders and dbmate sections to a file that has not been prepared yet (a front
        /// end may prepare files itself; preparing twice changes nothing).
        /// </summary>
        public static SourceFile Prepare(SourceFile file, AnalysisSettings settings)
        {
            if (!file.Map.IsIdentity || !ReferenceEquals(file.Text, file.OriginalText) && file.Text != file.OriginalText)
            {
                return file;
            }
            SourceFile prepared = Migrations.SourcePreparation.Prepare(file.Path, file.OriginalText, settings.Placeholders);
            // Front ends map results back to their files by object: keep the caller's object when nothing changed.
            return prepared.Map.IsIdentity && prepared.Text == file.Text ? file : prepared;
        }

        /// <summary>Replays already parsed files (front ends that cache parses per file content call this).</summary>
        public static AnalysisResult Analyze(IReadOnlyList<ParsedFile> files, AnalysisSettings settings, CancellationToken cancellationToken = default)
        {
            settings = ConsumerProfile.Apply(settings);
            var replayer = new Replayer(settings);
            var context = new RuleContext(settings) { Rejected = replayer.Rejected };
            replayer.AddListener(context.Changes);
            List<Rule> rules = RuleRegistry.CreateEnabled(context);
            foreach (Rule rule in rules)
            {
                replayer.AddListener(rule);
            }

            int order = 0;
            foreach (ParsedFile file in files)
            {
                replayer.BeginFile();
                foreach (Statement statement in file.Statements)
                {
                    if ((order & 255) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    replayer.Apply(new StatementRef(file, statement, order++));
                }
            }
            foreach (Rule rule in rules)
            {
                rule.AfterHistory(replayer.Catalog);
            }

            var fileOrder = new Dictionary<SourceFile, int>();
            for (int i = 0; i < files.Count; i++)
            {
                fileOrder[files[i].File] = i;
            }
            List<Diagnostic> diagnostics = SuppressionFilter.Apply(files, context.Diagnostics, new RuleContext(settings));
            diagnostics.Sort((a, b) =>
            {
                fileOrder.TryGetValue(a.Location.File, out int fa);
                fileOrder.TryGetValue(b.Location.File, out int fb);
                int c = fa.CompareTo(fb);
                if (c == 0)
                {
                    c = a.Location.Span.Start.CompareTo(b.Location.Span.Start);
                }
                if (c == 0)
                {
                    c = string.CompareOrdinal(a.Id, b.Id);
                }
                if (c == 0)
                {
                    c = string.CompareOrdinal(a.ObjectName ?? "", b.ObjectName ?? "");
                }
                return c;
            });
            return new AnalysisResult(diagnostics, replayer.Catalog, replayer.Rejected);
        }
    }

    public sealed class AnalysisResult
    {
        public AnalysisResult(IReadOnlyList<Diagnostic> diagnostics, Catalog catalog, IReadOnlyList<RejectedStatement> rejected)
        {
            Diagnostics = diagnostics;
            Catalog = catalog;
            Rejected = rejected;
        }

        /// <summary>Results ordered by file order, then position, then rule ID.</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        /// <summary>The catalog at the end of the history.</summary>
        public Catalog Catalog { get; }

        /// <summary>Statements the model predicts PostgreSQL rejects (they changed nothing).</summary>
        public IReadOnlyList<RejectedStatement> Rejected { get; }
    }
}
