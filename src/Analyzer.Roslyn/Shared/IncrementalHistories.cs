using System;
using System.Collections.Concurrent;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>
    /// One <see cref="IncrementalAnalysis"/> per project, kept across compilations: after an edit the engine replays
    /// only from the edited file on. The migration order is kept with it (<see cref="KeptOrder"/>). Keyed by the project (its directory, else its first file) and replaced when
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
        /// <param name="run">Orders the migrations (through the kept order) and analyses them with the kept analysis.</param>
        public HistoryOutcome Run(string project, string settingsSource, AnalysisSettings settings, Func<KeptOrder, IncrementalAnalysis, HistoryOutcome> run)
        {
            Entry entry = _byProject.AddOrUpdate(
                project,
                _ => new Entry(settingsSource, settings),
                (_, old) => old.SettingsSource == settingsSource ? old : new Entry(settingsSource, settings));
            lock (entry)
            {
                HistoryOutcome outcome = run(entry.Order, entry.Analysis);
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

            public KeptOrder Order { get; } = new KeptOrder();
        }
    }
}
