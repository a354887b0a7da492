using System;
using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Profiles;
using ReplicaGuard.Syntax;

namespace ReplicaGuard
{
    /// <summary>
    /// One history analysed again after each edit (the IDE). The replay is kept between analyses, with the state at
    /// every file boundary (the journal): an analysis rolls back to the first file that is not the same
    /// <see cref="ParsedFile"/> object as in the journal and replays from there, keeping the earlier files' results
    /// (when every file is the same as in the last analysis, its result is returned again); then the rules' final
    /// pass runs on the whole catalog. An edit in the first quarter of the history (by statements) is analysed whole
    /// instead when the journal too would replay most of it: rolling back and replaying most of a history with undo
    /// records costs more than one replay without them, and typing in that file would pay it on every keystroke.
    /// The journal is kept as it was and catches up on the next edit further on. Results are the same as <see
    /// cref="Engine.Analyze(IReadOnlyList{ParsedFile}, AnalysisSettings, CancellationToken)"/>. Memory: the undo
    /// journal of the whole history is kept. Not thread-safe: one analysis at a time.
    /// </summary>
    public sealed class IncrementalAnalysis
    {
        private readonly AnalysisSettings _settings;
        private HistoryReplay? _replay;

        /// <summary>The files the journal has replayed; the last may be partly replayed when an analysis was cancelled.</summary>
        private readonly List<ParsedFile> _files = new List<ParsedFile>();

        /// <summary>_boundaries[i]: the state before file i; one more than the files when the journal's last analysis ended.</summary>
        private readonly List<HistoryReplay.Boundary> _boundaries = new List<HistoryReplay.Boundary>();

        /// <summary>The files of the last analysis that completed, journaled or whole.</summary>
        private readonly List<ParsedFile> _lastFiles = new List<ParsedFile>();

        public IncrementalAnalysis(AnalysisSettings settings)
        {
            _settings = ConsumerProfile.Apply(settings);
        }

        /// <summary>
        /// The first file the last analysis replayed: 0 when it analysed the whole history, the number of files when
        /// none changed (the last result was returned again).
        /// </summary>
        public int ReplayedFrom { get; private set; }

        /// <summary>
        /// Whether an edit in the first quarter of the history is analysed whole instead of rolled back (the default).
        /// Tests turn it off to exercise rollback to every file boundary.
        /// </summary>
        internal bool WholeForEarlyEdits { get; set; } = true;

        /// <summary>The last analysis's result while nothing has changed since (it completed, and no analysis started after it).</summary>
        private AnalysisResult? _lastResult;

        /// <summary>
        /// Analyses <paramref name="files"/> in order. The result's catalog may be live: the next analysis changes it.
        /// After cancellation the state is kept (the next analysis resumes from a boundary).
        /// </summary>
        public AnalysisResult Analyze(IReadOnlyList<ParsedFile> files, CancellationToken cancellationToken = default)
        {
            if (_lastResult != null && SameFiles(files, _lastFiles))
            {
                // The IDE analyses again on every compilation, also after edits of other files than migrations: the
                // same parses in the same order give the same result, and its catalog has not changed since.
                ReplayedFrom = files.Count;
                return _lastResult;
            }
            _lastResult = null;
            int from = _replay == null ? 0 : FirstChange(files);
            // Whole only when the journal would replay most of the history and the edit itself is that early: an edit
            // further on lets the journal catch up once, for the edits that follow there. The later of the two starts
            // replays the fewer statements, so it decides for both.
            int edited = FirstDifference(files, _lastFiles, Math.Min(files.Count, _lastFiles.Count));
            bool whole = _replay != null && WholeForEarlyEdits && InFirstQuarter(files, Math.Max(from, edited));
            AnalysisResult result = whole ? AnalyzeWhole(files, cancellationToken) : Replay(files, from, cancellationToken);
            _lastFiles.Clear();
            _lastFiles.AddRange(files);
            _lastResult = result;
            return result;
        }

        /// <summary>One replay of every file without the journal, which stays as it is.</summary>
        private AnalysisResult AnalyzeWhole(IReadOnlyList<ParsedFile> files, CancellationToken cancellationToken)
        {
            ReplayedFrom = 0;
            // The journal lends its statement references: most files are where they were, and each reference reused
            // is one object less to allocate and for the collector to copy.
            return Engine.ReplayOnce(files, _settings, FixBuilding.OnFirstRead, cancellationToken, _replay);
        }

        /// <summary>Rolls the journal back to <paramref name="from"/> (its first file not replayed as given) and replays from there.</summary>
        private AnalysisResult Replay(IReadOnlyList<ParsedFile> files, int from, CancellationToken cancellationToken)
        {
            if (_replay == null)
            {
                _replay = new HistoryReplay(_settings, rollback: true, deferFixes: true);
                _files.Clear();
                _boundaries.Clear();
            }
            else
            {
                // Also for the first file: rolling back to the empty catalog reuses the journal's storage and the
                // model's collections, where a new replay would leave the whole old one to the garbage collector.
                _replay.RollbackTo(_boundaries[from]);
                _files.RemoveRange(from, _files.Count - from);
                _boundaries.RemoveRange(from, _boundaries.Count - from);
            }
            ReplayedFrom = from;
            try
            {
                for (int i = from; i < files.Count; i++)
                {
                    _boundaries.Add(_replay.MarkFileBoundary());
                    _files.Add(files[i]);
                    _replay.ReplayFile(files[i], cancellationToken);
                }
                _boundaries.Add(_replay.MarkFileBoundary());
                return _replay.Finish(files);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // The replay stopped inside a statement: nothing of it can be trusted any more.
                _replay = null;
                throw;
            }
        }

        /// <summary>
        /// Whether the files from <paramref name="from"/> on hold more than three quarters of the history's
        /// statements. On 1,000 generated files (the `incremental` quick view), rolling back and replaying half of
        /// the history took 8-11 ms, all of it 18-20 ms, and one replay without undo records 11-15 ms.
        /// </summary>
        private static bool InFirstQuarter(IReadOnlyList<ParsedFile> files, int from)
        {
            long total = 0;
            long replayed = 0;
            for (int i = 0; i < files.Count; i++)
            {
                int count = files[i].Statements.Count;
                total += count;
                if (i >= from)
                {
                    replayed += count;
                }
            }
            return replayed * 4 > total * 3;
        }

        /// <summary>The first position below <paramref name="limit"/> where the two lists hold different parses (<paramref name="limit"/> if none).</summary>
        private static int FirstDifference(IReadOnlyList<ParsedFile> files, List<ParsedFile> before, int limit)
        {
            int i = 0;
            while (i < limit && ReferenceEquals(files[i], before[i]))
            {
                i++;
            }
            return i;
        }

        /// <summary>Whether the two lists hold the same parses in the same order.</summary>
        private static bool SameFiles(IReadOnlyList<ParsedFile> files, List<ParsedFile> before)
        {
            return files.Count == before.Count && FirstDifference(files, before, files.Count) == files.Count;
        }

        /// <summary>
        /// The first file that differs from the journal's files, limited to the boundaries that are known. The last
        /// file is always replayed: a boundary holds the catalog but not the session state (search_path, an open
        /// transaction), which the next file's start resets but the rules' final pass reads.
        /// </summary>
        private int FirstChange(IReadOnlyList<ParsedFile> files)
        {
            return FirstDifference(files, _files, Math.Min(files.Count - 1, _boundaries.Count - 1));
        }
    }
}
