using System;
using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>The outcome of analysing one history: the engine's result, or the failure and the file it happened in.</summary>
    internal sealed class HistoryOutcome
    {
        public HistoryOutcome(AnalysisResult? result, string? failedFile, Exception? failure)
        {
            Result = result;
            FailedFile = failedFile;
            Failure = failure;
        }

        public AnalysisResult? Result { get; }

        /// <summary>The file being parsed when the engine failed, or the first file when replay failed.</summary>
        public string? FailedFile { get; }

        public Exception? Failure { get; }

        public string FailureMessage => $"ReplicaGuard could not analyse this file: {Failure?.GetType().Name}: {Failure?.Message} (the results for this project are incomplete; please report this)";
    }

    /// <summary>Runs the engine over an ordered history. Never throws except for cancellation.</summary>
    internal static class HistoryAnalysis
    {
        /// <summary>A one-shot analysis.</summary>
        /// <param name="fixes">When the results' fixes are built: during the analysis where the caller reads them all (code fixes).</param>
        public static HistoryOutcome Run(IReadOnlyList<MigrationInput> ordered, AnalysisSettings settings, ParseCache cache, FixBuilding fixes, CancellationToken cancellationToken)
        {
            return Run(ordered, settings, cache, null, fixes, cancellationToken);
        }

        /// <summary>An analysis with the history's kept replay (the IDE analyzer), whose results' fixes are built when first read.</summary>
        public static HistoryOutcome Run(IReadOnlyList<MigrationInput> ordered, AnalysisSettings settings, ParseCache cache, IncrementalAnalysis incremental, CancellationToken cancellationToken)
        {
            return Run(ordered, settings, cache, incremental, FixBuilding.OnFirstRead, cancellationToken);
        }

        private static HistoryOutcome Run(IReadOnlyList<MigrationInput> ordered, AnalysisSettings settings, ParseCache cache, IncrementalAnalysis? incremental, FixBuilding fixes, CancellationToken cancellationToken)
        {
            var parsed = new List<ParsedFile>(ordered.Count);
            ParseCache.SettingsParses parses = cache.For(settings);
            foreach (MigrationInput input in ordered)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    parsed.Add(parses.GetOrParse(input, cancellationToken));
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    return new HistoryOutcome(null, input.FullPath, e);
                }
            }
            try
            {
                AnalysisResult result = incremental != null ? incremental.Analyze(parsed, cancellationToken) : Engine.Analyze(parsed, settings, fixes, cancellationToken);
                return new HistoryOutcome(result, null, null);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                return new HistoryOutcome(null, ordered.Count > 0 ? ordered[0].FullPath : null, e);
            }
        }
    }
}
