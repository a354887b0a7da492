using System;
using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Profiles;

namespace ReplicaGuard.Rules
{
    /// <summary>What a rule needs besides the catalog: the settings, and where to put its results.</summary>
    public sealed class RuleContext
    {
        private readonly List<Diagnostic> _diagnostics = new List<Diagnostic>();

        public RuleContext(AnalysisSettings settings)
        {
            Settings = settings;
        }

        public AnalysisSettings Settings { get; }

        /// <summary>Where the rules record how to undo their state changes; set only by an incremental analysis.</summary>
        internal UndoLog? StateLog
        {
            get => _stateLog;
            set
            {
                _stateLog = value;
                Changes.StateLog = value;
            }
        }

        private UndoLog? _stateLog;

        public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

        /// <summary>The last statement that altered each table, for fix placement (empty when <see cref="FixesDeferred"/>).</summary>
        public TableChanges Changes { get; } = new TableChanges();

        /// <summary>
        /// Set for an incremental analysis (the IDE) and a one-shot analysis with <see cref="FixBuilding.OnFirstRead"/>:
        /// the rules' own fixes of its results come from another one-shot analysis of the same files when a front end
        /// reads them (<see cref="DeferredFixes"/>), so its replay keeps nothing that only fixes need: <see cref="Changes"/>
        /// hears no statement and rules build no fix candidates. That bookkeeping was ~40% of an edit that replays a
        /// 1,000-file history again.
        /// </summary>
        internal bool FixesDeferred { get; set; }

        /// <summary>Starts a fix request for a table with what the context knows (settings, last change).</summary>
        public FixRequest FixRequest(TableObject table, StatementRef statement, FixGoal goal)
        {
            return new FixRequest(table, statement, goal, Settings)
            {
                LastChange = Changes.LastChangeOf(table),
                IndexReferences = Changes.IndexReferences,
                TablesInRejectedPublicationChanges = Changes.TablesInRejectedPublicationChanges(Rejected),
                PublicationsWithRejectedChanges = Changes.PublicationsWithRejectedChanges,
                NamesTakenInRejections = Changes.NamesTakenInRejections(Rejected),
            };
        }

        /// <summary>The statements the replayer rejected so far (RG1003 and RG9002 read them at the end).</summary>
        public IReadOnlyList<RejectedStatement> Rejected { get; set; } = new RejectedStatement[0];

        private Dictionary<TableObject, IdentityVerdict>? _finalVerdicts;

        /// <summary>
        /// The table's identity verdict in the rules' final pass: the catalog no longer changes there, and RG1001,
        /// RG1004 and RG2001 each judge every table, so each table is checked once. Elsewhere a fresh check.
        /// </summary>
        public IdentityVerdict FinalVerdict(TableObject table, Catalog catalog)
        {
            if (_finalVerdicts == null)
            {
                return IdentityRules.Check(table, catalog, Settings.SearchPath, Settings.PostgresVersion);
            }
            if (!_finalVerdicts.TryGetValue(table, out IdentityVerdict? verdict))
            {
                verdict = IdentityRules.Check(table, catalog, Settings.SearchPath, Settings.PostgresVersion);
                _finalVerdicts[table] = verdict;
            }
            return verdict;
        }

        /// <summary>
        /// The verdicts' dictionary, kept between the final passes of an incremental analysis (a new one per edit was
        /// ~110 KiB for 1,000 files). It is final-pass state only: empty outside a pass, so no undo to journal.
        /// </summary>
        private Dictionary<TableObject, IdentityVerdict>? _verdictStore;

        /// <summary>Between these two calls the catalog must not change (the engine runs the rules' AfterHistory there).</summary>
        internal void BeginFinalPass(int tables)
        {
            _verdictStore ??= new Dictionary<TableObject, IdentityVerdict>(tables);
            _finalVerdicts = _verdictStore;
        }

        internal void EndFinalPass()
        {
            _finalVerdicts?.Clear(); // holds no rolled-back tables until the next pass
            _finalVerdicts = null;
        }

        /// <summary>The effective severity of a rule: the settings' override, else the profile's default, else the rule's.</summary>
        public Severity SeverityOf(RuleDescriptor rule) => ConsumerProfile.EffectiveSeverity(rule, Settings);

        public bool IsEnabled(RuleDescriptor rule) => SeverityOf(rule) != Severity.None;

        /// <summary>Adds a result; every result but RG9003's also gets the statement and file suppressions as its last fixes.</summary>
        public void Report(RuleDescriptor rule, string message, Location location, string? objectName, IReadOnlyList<Location>? related = null, IReadOnlyList<CodeFix>? fixes = null)
        {
            Severity severity = SeverityOf(rule);
            if (severity == Severity.None)
            {
                return;
            }
            _stateLog?.ListAdd(_diagnostics);
            // The suppression fixes depend only on the rule and the location: built when a front end reads them. The
            // rule's own fixes are taken now, as they are (a rule may reuse its list).
            CodeFix[]? own = fixes == null || fixes.Count == 0 ? null : Copy(fixes);
            _diagnostics.Add(new Diagnostic(rule, severity, message, location, objectName, related ?? new Location[0], () => WithSuppressions(rule, location, own)));
        }

        /// <summary>
        /// Set during the final pass of a replay that keeps no fix history (<see cref="FixesDeferred"/>): results reported
        /// with a fix factory then leave their fixes to be built on demand by a one-shot analysis (<see cref="DeferredFixes"/>).
        /// </summary>
        internal DeferredFixes? Deferred { get; set; }

        /// <summary>
        /// Adds a result whose fixes <paramref name="buildFixes"/> builds from the catalog as it is now: at once, or
        /// never in the final pass of a replay that keeps no fix history (see <see cref="Deferred"/>).
        /// </summary>
        public void Report(RuleDescriptor rule, string message, Location location, string? objectName, IReadOnlyList<Location>? related, Func<IReadOnlyList<CodeFix>> buildFixes)
        {
            DeferredFixes? deferred = Deferred;
            if (deferred == null)
            {
                Report(rule, message, location, objectName, related, buildFixes());
                return;
            }
            ReportDeferred(rule, message, location, objectName, related, deferred);
        }

        /// <summary>
        /// As the factory overload, with the factory's inputs passed as a value (a tuple) to a lambda that captures
        /// nothing: a result whose fixes are deferred then costs no closure and no delegate (RG1001 reports one per
        /// table without an identity, on every IDE edit).
        /// </summary>
        public void Report<TState>(RuleDescriptor rule, string message, Location location, string? objectName, IReadOnlyList<Location>? related, TState state, Func<RuleContext, TState, IReadOnlyList<CodeFix>> buildFixes)
        {
            DeferredFixes? deferred = Deferred;
            if (deferred == null)
            {
                Report(rule, message, location, objectName, related, buildFixes(this, state));
                return;
            }
            ReportDeferred(rule, message, location, objectName, related, deferred);
        }

        /// <summary>
        /// Adds a result whose fixes a one-shot analysis supplies when read: in the final pass of a replay that keeps no
        /// fix history, for a rule that built no fix candidates during the replay (<see cref="FixesDeferred"/>).
        /// </summary>
        internal void ReportWithDeferredFixes(RuleDescriptor rule, string message, Location location, string? objectName, IReadOnlyList<Location>? related)
        {
            DeferredFixes deferred = Deferred ?? throw new System.InvalidOperationException("Deferred fixes exist only in the final pass of a replay that keeps no fix history.");
            ReportDeferred(rule, message, location, objectName, related, deferred);
        }

        private void ReportDeferred(RuleDescriptor rule, string message, Location location, string? objectName, IReadOnlyList<Location>? related, DeferredFixes deferred)
        {
            Severity severity = SeverityOf(rule);
            if (severity == Severity.None)
            {
                return;
            }
            _stateLog?.ListAdd(_diagnostics);
            _diagnostics.Add(new Diagnostic(rule, severity, message, location, objectName, related ?? new Location[0], deferred));
        }

        private static CodeFix[] Copy(IReadOnlyList<CodeFix> fixes)
        {
            var copy = new CodeFix[fixes.Count];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = fixes[i];
            }
            return copy;
        }

        private static IReadOnlyList<CodeFix> WithSuppressions(RuleDescriptor rule, Location location, CodeFix[]? own)
        {
            var all = new List<CodeFix>((own?.Length ?? 0) + 2);
            if (own != null)
            {
                all.AddRange(own);
            }
            if (rule.Id != RuleIds.UnusedSuppression)
            {
                all.AddRange(SuppressionFixes.For(rule.Id, location));
            }
            return all;
        }
    }
}
