using System;
using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Rules;
using ReplicaGuard.Suppressions;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard
{
    /// <summary>
    /// One replay of a history with the rules listening: files go in one at a time, <see cref="Finish"/> runs the
    /// rules' final pass and the suppressions. A one-shot analysis uses it once; an incremental analysis keeps it
    /// and rolls it back to a file boundary (<see cref="MarkFileBoundary"/>) when a file changes.
    /// </summary>
    internal sealed class HistoryReplay
    {
        private readonly AnalysisSettings _settings;
        private readonly Replayer _replayer;
        private readonly RuleContext _context;
        private readonly List<Rule> _rules;
        private readonly UndoLog? _ruleState;
        private int _order;

        /// <summary>
        /// With rollback: what is kept of each parsed file between analyses (its suppression comments, its statement
        /// references). Entries of files no longer in the history are dropped at the end of each analysis.
        /// </summary>
        private readonly Dictionary<ParsedFile, KeptFile>? _kept;

        /// <summary>
        /// Without rollback, inside an incremental analysis: its journaled replay, whose kept statement references
        /// this replay reuses (read only) where they have the same place in the history.
        /// </summary>
        private readonly HistoryReplay? _lender;

        /// <summary>Counts the final passes; marks the kept files of the current history.</summary>
        private int _finishes;

        /// <summary>Each result's file to its place in the history, for sorting (reused).</summary>
        private readonly Dictionary<SourceFile, int> _fileOrder = new Dictionary<SourceFile, int>();

        /// <param name="settings">Settings with the consumer profile applied.</param>
        /// <param name="rollback">Keep what it takes to roll back to a file boundary (memory grows with the history); implies <paramref name="deferFixes"/>.</param>
        /// <param name="deferFixes">Keep no fix history: the results' fixes come from another replay when first read (<see cref="DeferredFixes"/>).</param>
        /// <param name="lender">A journaled replay of the same history whose statement references may be reused (without rollback only).</param>
        public HistoryReplay(AnalysisSettings settings, bool rollback, bool deferFixes, HistoryReplay? lender = null)
        {
            _settings = settings;
            _lender = rollback ? null : lender;
            _replayer = new Replayer(settings);
            _context = new RuleContext(settings) { Rejected = _replayer.Rejected };
            if (rollback)
            {
                _replayer.Catalog.KeepHistory();
                _ruleState = new UndoLog();
                _context.StateLog = _ruleState;
                _kept = new Dictionary<ParsedFile, KeptFile>();
            }
            // A rolled-back replay cannot build fixes later: its fixes always come from another replay.
            _context.FixesDeferred = rollback || deferFixes;
            if (!_context.FixesDeferred)
            {
                // The history that fix placement reads: only where fixes are built (see RuleContext.FixesDeferred).
                _replayer.AddListener(_context.Changes);
            }
            _rules = RuleRegistry.CreateEnabled(_context);
            foreach (Rule rule in _rules)
            {
                if (rule.JudgesStatements)
                {
                    _replayer.AddListener(rule);
                }
            }
        }

        public void ReplayFile(ParsedFile file, CancellationToken cancellationToken)
        {
            _replayer.BeginFile();
            // With rollback the replay keeps references of its own; without, it may read those of a lender.
            bool own = _kept != null;
            KeptFile? kept = own ? Kept(file) : Lent(file);
            IReadOnlyList<Statement> statements = file.Statements;
            for (int i = 0; i < statements.Count; i++)
            {
                ReplayStatement(file, statements[i], i, kept, own, cancellationToken);
            }
        }

        /// <summary>
        /// As <see cref="ReplayFile(ParsedFile, CancellationToken)"/> for a file still being parsed: its statements
        /// are read from <paramref name="feed"/> as the parse hands them over, up to the file's end.
        /// </summary>
        internal void ReplayFile(ParsedFile file, StatementFeed feed, CancellationToken cancellationToken)
        {
            if (_kept != null || _lender != null)
            {
                // Kept references are sized by the file's statement count, unknown until its parse ends.
                throw new InvalidOperationException("only a replay without rollback or lender reads a file as it is parsed");
            }
            _replayer.BeginFile();
            for (int i = 0; feed.NextStatement(cancellationToken, out Statement statement); i++)
            {
                ReplayStatement(file, statement, i, kept: null, own: false, cancellationToken);
            }
        }

        private void ReplayStatement(ParsedFile file, Statement parsed, int index, KeptFile? kept, bool own, CancellationToken cancellationToken)
        {
            if ((_order & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            // A file replayed again at the same place gets its references back: equal in every field, and fewer
            // objects for the collector to promote (one per statement of every replayed file).
            StatementRef? statement = kept?.Reference(index, _order);
            if (statement == null)
            {
                statement = new StatementRef(file, parsed, _order);
                if (own)
                {
                    kept!.Keep(index, statement);
                }
            }
            _order++;
            _replayer.Apply(statement);
        }

        /// <summary>What the lender keeps of the file, if it has seen it (never changed here). Null without a lender.</summary>
        private KeptFile? Lent(ParsedFile file)
        {
            if (_lender?._kept == null)
            {
                return null;
            }
            _lender._kept.TryGetValue(file, out KeptFile? kept);
            return kept;
        }

        /// <summary>With rollback: what is kept of the file (added if new). Null without rollback.</summary>
        private KeptFile? Kept(ParsedFile file)
        {
            if (_kept == null)
            {
                return null;
            }
            if (!_kept.TryGetValue(file, out KeptFile? kept))
            {
                kept = new KeptFile(file.Statements.Count);
                _kept.Add(file, kept);
            }
            return kept;
        }

        /// <summary>
        /// The state before the next file (to be passed to <see cref="RollbackTo"/> later). Not the session state:
        /// replay a file after rolling back, its start resets that.
        /// </summary>
        public Boundary MarkFileBoundary()
        {
            return new Boundary(_replayer.Catalog.MarkFileBoundary(), _ruleState?.Mark ?? 0, _replayer.Rejected.Count, _order);
        }

        /// <summary>Undoes everything replayed since <paramref name="boundary"/>, the rules' final pass included.</summary>
        public void RollbackTo(Boundary boundary)
        {
            _replayer.Catalog.RollbackTo(boundary.Catalog);
            _ruleState?.RollbackTo(boundary.RuleState);
            _replayer.Rejected.RemoveRange(boundary.Rejected, _replayer.Rejected.Count - boundary.Rejected);
            _order = boundary.Order;
        }

        /// <summary>
        /// The rules' final pass on the catalog as it is now, then suppressions and ordering. With rollback, the
        /// result's lists are copies and its catalog is the live one (valid until the replay changes again).
        /// </summary>
        public AnalysisResult Finish(IReadOnlyList<ParsedFile> files)
        {
            // Without a fix history (always with rollback), fixes are built on demand by another one-shot analysis.
            DeferredFixes? deferred = _context.FixesDeferred ? new DeferredFixes(files, _settings) : null;
            _context.BeginFinalPass(_replayer.Catalog.AllTables.Count);
            _context.Deferred = deferred;
            try
            {
                foreach (Rule rule in _rules)
                {
                    rule.AfterHistory(_replayer.Catalog);
                }
            }
            finally
            {
                _context.Deferred = null;
                _context.EndFinalPass();
            }
            List<Diagnostic> diagnostics = _kept == null
                ? SuppressionFilter.Apply(files, _context.Diagnostics, new RuleContext(_settings))
                : SuppressionFilter.Apply(files, _context.Diagnostics, new RuleContext(_settings), KeptSuppressions(files));
            Sort(diagnostics, files);
            deferred?.Complete(diagnostics);
            IReadOnlyList<RejectedStatement> rejected = _ruleState == null ? _replayer.Rejected : _replayer.Rejected.ToArray();
            return new AnalysisResult(diagnostics, _replayer.Catalog, rejected);
        }

        /// <summary>Reads the suppressions of files not seen before and forgets the files no longer in the history.</summary>
        private Func<ParsedFile, List<Suppression>> KeptSuppressions(IReadOnlyList<ParsedFile> files)
        {
            Dictionary<ParsedFile, KeptFile> kept = _kept!;
            int finish = ++_finishes;
            int current = 0;
            foreach (ParsedFile file in files)
            {
                KeptFile entry = Kept(file)!;
                if (entry.Seen != finish)
                {
                    entry.Seen = finish;
                    current++;
                }
                if (entry.Suppressions == null)
                {
                    entry.Suppressions = SuppressionParser.Read(file);
                }
            }
            if (kept.Count > current)
            {
                Forget(finish);
            }
            return file => kept[file].Suppressions!;
        }

        /// <summary>Drops what is kept of files not in this analysis's history (edited files' old versions).</summary>
        private void Forget(int finish)
        {
            var gone = new List<ParsedFile>();
            foreach (KeyValuePair<ParsedFile, KeptFile> pair in _kept!)
            {
                if (pair.Value.Seen != finish)
                {
                    gone.Add(pair.Key);
                }
            }
            foreach (ParsedFile file in gone)
            {
                _kept.Remove(file);
            }
        }

        /// <summary>By file order, then position, then rule ID, then object.</summary>
        private void Sort(List<Diagnostic> diagnostics, IReadOnlyList<ParsedFile> files)
        {
            Dictionary<SourceFile, int> fileOrder = _fileOrder;
            fileOrder.Clear();
            for (int i = 0; i < files.Count; i++)
            {
                fileOrder[files[i].File] = i;
            }
            // The file's place and the position are looked up once per result, not twice per comparison. Same
            // comparisons on the same input order: the same order as sorting the results themselves.
            // Consecutive results are mostly in the same file: look a file up once per run of its results (a source
            // file's hash code can be slow to get, through its sync block when it has been locked).
            var keyed = new SortKey[diagnostics.Count];
            SourceFile? lastFile = null;
            int file = 0;
            for (int i = 0; i < keyed.Length; i++)
            {
                Diagnostic d = diagnostics[i];
                if (!ReferenceEquals(d.Location.File, lastFile))
                {
                    lastFile = d.Location.File;
                    fileOrder.TryGetValue(lastFile, out file);
                }
                keyed[i] = new SortKey(file, d.Location.Span.Start, d);
            }
            Array.Sort(keyed, SortKey.Compare);
            for (int i = 0; i < keyed.Length; i++)
            {
                diagnostics[i] = keyed[i].Diagnostic;
            }
        }

        private readonly struct SortKey
        {
            public SortKey(int file, int start, Diagnostic diagnostic)
            {
                File = file;
                Start = start;
                Diagnostic = diagnostic;
            }

            public int File { get; }
            public int Start { get; }
            public Diagnostic Diagnostic { get; }

            public static readonly Comparison<SortKey> Compare = (a, b) =>
            {
                int c = a.File.CompareTo(b.File);
                if (c == 0)
                {
                    c = a.Start.CompareTo(b.Start);
                }
                if (c == 0)
                {
                    c = string.CompareOrdinal(a.Diagnostic.Id, b.Diagnostic.Id);
                }
                if (c == 0)
                {
                    c = string.CompareOrdinal(a.Diagnostic.ObjectName ?? "", b.Diagnostic.ObjectName ?? "");
                }
                return c;
            };
        }

        /// <summary>
        /// What an incremental replay keeps of one parsed file: its suppression comments (read once) and the
        /// statement references of its last replay, in arrays of at most 8,192 (64 KB). A larger array would be on
        /// the large-object heap, old from birth: pointing at young references, it would keep them alive and make
        /// every young collection scan it (a GitLab-sized file has 14,600 statements).
        /// </summary>
        private sealed class KeptFile
        {
            private const int ChunkBits = 13;
            private const int ChunkSize = 1 << ChunkBits;

            private readonly StatementRef?[]?[] _chunks;
            private readonly int _count;

            public KeptFile(int statements)
            {
                _count = statements;
                _chunks = new StatementRef?[]?[(statements + ChunkSize - 1) >> ChunkBits];
            }

            public List<Suppression>? Suppressions { get; set; }

            /// <summary>The last final pass whose history held the file.</summary>
            public int Seen { get; set; }

            /// <summary>The kept reference of statement <paramref name="index"/> if it has that order, else null.</summary>
            public StatementRef? Reference(int index, int order)
            {
                StatementRef? kept = _chunks[index >> ChunkBits]?[index & (ChunkSize - 1)];
                return kept != null && kept.Order == order ? kept : null;
            }

            public void Keep(int index, StatementRef statement)
            {
                StatementRef?[]? chunk = _chunks[index >> ChunkBits];
                if (chunk == null)
                {
                    int start = index & ~(ChunkSize - 1);
                    chunk = new StatementRef?[Math.Min(ChunkSize, _count - start)];
                    _chunks[index >> ChunkBits] = chunk;
                }
                chunk[index & (ChunkSize - 1)] = statement;
            }
        }

        /// <summary>Everything that changes between file boundaries: catalog, rule state, rejections, statement order.</summary>
        internal readonly struct Boundary
        {
            public Boundary(Catalog.FileBoundary catalog, int ruleState, int rejected, int order)
            {
                Catalog = catalog;
                RuleState = ruleState;
                Rejected = rejected;
                Order = order;
            }

            public Catalog.FileBoundary Catalog { get; }
            public int RuleState { get; }
            public int Rejected { get; }
            public int Order { get; }
        }
    }
}
