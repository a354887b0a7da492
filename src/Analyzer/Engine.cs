using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Profiles;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard
{
    /// <summary>The one entry point every front end calls: files in order plus settings in, diagnostics out.</summary>
    public static class Engine
    {
        /// <summary>Prepares, parses and replays <paramref name="files"/>; the results' fixes are built when first read (<see cref="FixBuilding.OnFirstRead"/>).</summary>
        public static AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisSettings settings, CancellationToken cancellationToken = default)
        {
            return Analyze(files, settings, FixBuilding.OnFirstRead, cancellationToken);
        }

        /// <summary>Prepares, parses and replays <paramref name="files"/>, building the results' fixes as <paramref name="fixes"/> says.</summary>
        public static AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisSettings settings, FixBuilding fixes, CancellationToken cancellationToken = default)
        {
            return ParseAndReplay(files, settings, fixes, prepare: true, cancellationToken);
        }

        /// <summary>
        /// Parses and replays files that the front end has already prepared with these settings (<see
        /// cref="Migrations.SourcePreparation.Prepare"/>, as the CLI's loader does): preparing an unchanged file again
        /// would cost a pass over its text (GitLab's structure.sql: ~2.5 ms of a cold check).
        /// </summary>
        public static AnalysisResult AnalyzePrepared(IReadOnlyList<SourceFile> preparedFiles, AnalysisSettings settings, FixBuilding fixes, CancellationToken cancellationToken = default)
        {
            return ParseAndReplay(preparedFiles, settings, fixes, prepare: false, cancellationToken);
        }

        private static AnalysisResult ParseAndReplay(IReadOnlyList<SourceFile> files, AnalysisSettings settings, FixBuilding fixes, bool prepare, CancellationToken cancellationToken)
        {
            if (ParseBesideReplay.IsWorthIt(files))
            {
                return ParseBesideReplay.Analyze(files, settings, fixes, prepare, cancellationToken);
            }
            var parsed = new List<ParsedFile>(files.Count);
            foreach (SourceFile file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                parsed.Add(Parser.Parse(prepare ? Prepare(file, settings) : file, settings.PostgresVersion, cancellationToken));
            }
            return Analyze(parsed, settings, fixes, cancellationToken);
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

        /// <summary>
        /// Replays already parsed files (front ends that cache parses per file content call this; one that analyses
        /// the same history after each edit keeps an <see cref="IncrementalAnalysis"/> instead). The results' fixes
        /// are built when first read (<see cref="FixBuilding.OnFirstRead"/>).
        /// </summary>
        public static AnalysisResult Analyze(IReadOnlyList<ParsedFile> files, AnalysisSettings settings, CancellationToken cancellationToken = default)
        {
            return Analyze(files, settings, FixBuilding.OnFirstRead, cancellationToken);
        }

        /// <summary>Replays already parsed files, building the results' fixes as <paramref name="fixes"/> says.</summary>
        public static AnalysisResult Analyze(IReadOnlyList<ParsedFile> files, AnalysisSettings settings, FixBuilding fixes, CancellationToken cancellationToken = default)
        {
            return ReplayOnce(files, ConsumerProfile.Apply(settings), fixes, cancellationToken);
        }

        /// <summary>One replay without rollback; <paramref name="profiledSettings"/> already has the consumer profile applied.</summary>
        /// <param name="lender">A journaled replay of the same history whose statement references may be reused.</param>
        internal static AnalysisResult ReplayOnce(IReadOnlyList<ParsedFile> files, AnalysisSettings profiledSettings, FixBuilding fixes, CancellationToken cancellationToken, HistoryReplay? lender = null)
        {
            var replay = new HistoryReplay(profiledSettings, rollback: false, deferFixes: fixes == FixBuilding.OnFirstRead, lender);
            foreach (ParsedFile file in files)
            {
                replay.ReplayFile(file, cancellationToken);
            }
            return replay.Finish(files);
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
