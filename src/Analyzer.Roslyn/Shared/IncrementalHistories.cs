using System;
using System.Collections.Concurrent;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>
    /// One <see cref="IncrementalAnalysis"/> per project, kept across compilations: after an edit the engine replays
    /// only from the edited file on. Keyed by the project (its directory, else its first file) and replaced when
    /// the settings' sources change. The key only decides what is reused, never the result: an analysis replays
    /// from the first file that is not the parse it saw last time, so a shared or stale entry costs time, not
    /// correctness. Each entry is used by one compilation at a time.
    /// </summary>
    internal sealed class IncrementalHistories
    {
        private readonly ConcurrentDictionary<string, Entry> _byProject = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>The first file the last analysis replayed (tests check that the files before an edit are not).</summary>
        public int LastReplayedFrom { get; private set; } = -1;

        /// <param name="project">Identifies the project.</param>
        /// <param name="settingsSource">Everything the settings are built from (replicaguard.json text, MSBuild properties).</param>
        public HistoryOutcome Run(string project, string settingsSource, AnalysisSettings settings, Func<IncrementalAnalysis, HistoryOutcome> run)
        {
            Entry entry = _byProject.AddOrUpdate(
                project,
                _ => new Entry(settingsSource, settings),
                (_, old) => old.SettingsSource == settingsSource ? old : new Entry(settingsSource, settings));
            lock (entry)
            {
                HistoryOutcome outcome = run(entry.Analysis);
                LastReplayedFrom = entry.Analysis.ReplayedFrom;
                return outcome;
            }
        }

        private sealed class Entry
        {
            public Entry(string settingsSource, AnalysisSettings settings)
            {
                SettingsSource = settingsSource;
                Analysis = new IncrementalAnalysis(settings);
            }

            public string SettingsSource { get; }
            public IncrementalAnalysis Analysis { get; }
        }
    }
}
