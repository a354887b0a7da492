using System;
using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Profiles;
using ReplicaGuard.Syntax;

namespace ReplicaGuard
{
    /// <summary>
    /// One history analysed again after each edit (the IDE). The replay is kept between analyses, with the state at
    /// every file boundary: an analysis rolls back to the first file that is not the same <see cref="ParsedFile"/>
    /// object as last time and replays from there, keeping the earlier files' results (when every file is the same,
    /// the last result is returned again); then the rules' final pass
    /// runs on the whole catalog. Results are the same as <see cref="Engine.Analyze(IReadOnlyList{ParsedFile},
    /// AnalysisSettings, CancellationToken)"/>. Memory: the undo journal of the whole history is kept.
    /// Not thread-safe: one analysis at a time.
    /// </summary>
    public sealed class IncrementalAnalysis
    {
        private readonly AnalysisSettings _settings;
        private HistoryReplay? _replay;

        /// <summary>The files replayed so far; the last may be partly replayed when an analysis was cancelled.</summary>
        private readonly List<ParsedFile> _files = new List<ParsedFile>();

        /// <summary>_boundaries[i]: the state before file i; one more than the files when the last analysis ended.</summary>
        private readonly List<HistoryReplay.Boundary> _boundaries = new List<HistoryReplay.Boundary>();

        public IncrementalAnalysis(AnalysisSettings settings)
        {
            _settings = ConsumerProfile.Apply(settings);
        }

        /// <summary>
        /// The first file the last analysis replayed: the number of files when none changed (the last result was
        /// returned again).
        /// </summary>
        public int ReplayedFrom { get; private set; }

        /// <summary>The last analysis's result while nothing has changed since (it completed, and no analysis started after it).</summary>
        private AnalysisResult? _lastResult;

        /// <summary>
        /// Analyses <paramref name="files"/> in order. The result's catalog is live: the next analysis changes it.
        /// After cancellation the state is kept (the next analysis resumes from a boundary).
        /// </summary>
        public AnalysisResult Analyze(IReadOnlyList<ParsedFile> files, CancellationToken cancellationToken = default)
        {
            if (_lastResult != null && Unchanged(files))
            {
                // The IDE analyses again on every compilation, also after edits of other files than migrations: the
                // same parses in the same order give the same result, and its catalog has not changed since.
                ReplayedFrom = files.Count;
                return _lastResult;
            }
            _lastResult = null;
            int from = FirstChange(files);
            if (_replay == null)
            {
                _replay = new HistoryReplay(_settings, rollback: true, deferFixes: true);
                _files.Clear();
                _boundaries.Clear();
                from = 0;
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
                _lastResult = _replay.Finish(files);
                return _lastResult;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // The replay stopped inside a statement: nothing of it can be trusted any more.
                _replay = null;
                throw;
            }
        }

        /// <summary>Whether <paramref name="files"/> are the parses the last complete analysis replayed, in the same order.</summary>
        private bool Unchanged(IReadOnlyList<ParsedFile> files)
        {
            if (files.Count != _files.Count || _boundaries.Count != files.Count + 1)
            {
                return false;
            }
            for (int i = 0; i < files.Count; i++)
            {
                if (!ReferenceEquals(files[i], _files[i]))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// The first file that differs from the last analysis, limited to the boundaries that are known. The last
        /// file is always replayed: a boundary holds the catalog but not the session state (search_path, an open
        /// transaction), which the next file's start resets but the rules' final pass reads.
        /// </summary>
        private int FirstChange(IReadOnlyList<ParsedFile> files)
        {
            int limit = Math.Min(files.Count - 1, _boundaries.Count - 1);
            int i = 0;
            while (i < limit && ReferenceEquals(files[i], _files[i]))
            {
                i++;
            }
            return i;
        }
    }
}
