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

        /// <summary>With rollback: each file's suppression comments, read once per parsed file.</summary>
        private Dictionary<ParsedFile, List<Suppression>>? _suppressions;

        /// <summary>
        /// With rollback: each file's statement references from its last replay. A file replayed again at the same
        /// place in the history (the files after an edit, when the edit kept the number of statements) gets the same
        /// references back instead of new ones: equal in every field, and fewer objects for the collector to promote
        /// (one per statement of every replayed file).
        /// </summary>
        private Dictionary<ParsedFile, StatementRef[]>? _statementRefs;

        /// <param name="settings">Settings with the consumer profile applied.</param>
        /// <param name="rollback">Keep what it takes to roll back to a file boundary (memory grows with the history).</param>
        public HistoryReplay(AnalysisSettings settings, bool rollback)
        {
            _settings = settings;
            _replayer = new Replayer(settings);
            _context = new RuleContext(settings) { Rejected = _replayer.Rejected };
            if (rollback)
            {
                _replayer.Catalog.KeepHistory();
                _ruleState = new UndoLog();
                _context.StateLog = _ruleState;
                _suppressions = new Dictionary<ParsedFile, List<Suppression>>();
                _statementRefs = new Dictionary<ParsedFile, StatementRef[]>();
            }
            _replayer.AddListener(_context.Changes);
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
            StatementRef[]? refs = KeptStatementRefs(file);
            IReadOnlyList<Statement> statements = file.Statements;
            for (int i = 0; i < statements.Count; i++)
            {
                if ((_order & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                StatementRef statement = refs?[i] ?? new StatementRef(file, statements[i], _order);
                if (refs != null)
                {
                    refs[i] = statement;
                }
                _order++;
                _replayer.Apply(statement);
            }
        }

        /// <summary>
        /// With rollback: the file's references, to be reused when they start at the current order (then each has its
        /// statement's order too), else a fresh array that the replay fills. Null without rollback.
        /// </summary>
        private StatementRef[]? KeptStatementRefs(ParsedFile file)
        {
            if (_statementRefs == null)
            {
                return null;
            }
            if (_statementRefs.TryGetValue(file, out StatementRef[]? refs) && (refs.Length == 0 || refs[0] != null && refs[0].Order == _order))
            {
                return refs;
            }
            refs = new StatementRef[file.Statements.Count];
            _statementRefs[file] = refs;
            return refs;
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
            // With rollback (the IDE), fixes that read the catalog are built on demand by a one-shot analysis.
            DeferredFixes? deferred = _ruleState != null ? new DeferredFixes(files, _settings) : null;
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
            List<Diagnostic> diagnostics = _suppressions == null
                ? SuppressionFilter.Apply(files, _context.Diagnostics, new RuleContext(_settings))
                : SuppressionFilter.Apply(files, _context.Diagnostics, new RuleContext(_settings), KeptSuppressions(files));
            Sort(diagnostics, files);
            deferred?.Complete(diagnostics);
            IReadOnlyList<RejectedStatement> rejected = _ruleState == null ? _replayer.Rejected : _replayer.Rejected.ToArray();
            return new AnalysisResult(diagnostics, _replayer.Catalog, rejected);
        }

        /// <summary>Reads the suppressions of files not seen before and forgets those of files no longer in the history.</summary>
        private Func<ParsedFile, List<Suppression>> KeptSuppressions(IReadOnlyList<ParsedFile> files)
        {
            Dictionary<ParsedFile, List<Suppression>> previous = _suppressions!;
            var current = new Dictionary<ParsedFile, List<Suppression>>(files.Count);
            foreach (ParsedFile file in files)
            {
                if (!previous.TryGetValue(file, out List<Suppression>? read))
                {
                    read = SuppressionParser.Read(file);
                }
                current[file] = read;
            }
            _suppressions = current;
            ForgetStatementRefs(current);
            return file => current[file];
        }

        /// <summary>Drops the kept references of files no longer in the history (edited files' old versions).</summary>
        private void ForgetStatementRefs(Dictionary<ParsedFile, List<Suppression>> current)
        {
            if (_statementRefs!.Count <= current.Count)
            {
                return;
            }
            var gone = new List<ParsedFile>();
            foreach (ParsedFile file in _statementRefs.Keys)
            {
                if (!current.ContainsKey(file))
                {
                    gone.Add(file);
                }
            }
            foreach (ParsedFile file in gone)
            {
                _statementRefs.Remove(file);
            }
        }

        /// <summary>By file order, then position, then rule ID, then object.</summary>
        private static void Sort(List<Diagnostic> diagnostics, IReadOnlyList<ParsedFile> files)
        {
            var fileOrder = new Dictionary<SourceFile, int>(files.Count);
            for (int i = 0; i < files.Count; i++)
            {
                fileOrder[files[i].File] = i;
            }
            // The file's place and the position are looked up once per result, not twice per comparison. Same
            // comparisons on the same input order: the same order as sorting the results themselves.
            var keyed = new SortKey[diagnostics.Count];
            for (int i = 0; i < keyed.Length; i++)
            {
                Diagnostic d = diagnostics[i];
                fileOrder.TryGetValue(d.Location.File, out int file);
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
