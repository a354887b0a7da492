using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;

namespace ReplicaGuard.Fixes
{
    /// <summary>What a table fix must repair.</summary>
    public enum FixGoal
    {
        /// <summary>UPDATE/DELETE fail for lack of an identity (RG1001, RG1002): any usable identity repairs it.</summary>
        Identity,

        /// <summary>A row filter or column list does not fit the identity (RG1004): the new identity must fit them.</summary>
        FitPublication,

        /// <summary>A consumer needs a real key (RG2001, RG3001): only a primary key repairs it.</summary>
        Key,
    }

    /// <summary>Everything <see cref="TableFixes"/> needs to compute the fixes of one diagnostic about a table.</summary>
    public sealed class FixRequest
    {
        public FixRequest(TableObject table, StatementRef statement, FixGoal goal, AnalysisSettings settings)
        {
            Table = table;
            Statement = statement;
            Goal = goal;
            Settings = settings;
        }

        public TableObject Table { get; }

        /// <summary>The statement the diagnostic is on.</summary>
        public StatementRef Statement { get; }

        public FixGoal Goal { get; }
        public AnalysisSettings Settings { get; }

        /// <summary>RG1002: fall back to right before the statement (it fails), not right after it.</summary>
        public bool Before { get; set; }

        /// <summary>The last statement that altered the table (see <see cref="TableChanges"/>); fixes go after it.</summary>
        public StatementRef? LastChange { get; set; }

        /// <summary>Index names that DROP INDEX / ALTER INDEX statements of the history name, with those statements (see <see cref="TableChanges"/>).</summary>
        public IReadOnlyDictionary<string, List<StatementRef>>? IndexReferences { get; set; }

        /// <summary>
        /// A DROP INDEX / ALTER INDEX after the point where the fix lands names <paramref name="name"/>: it would act on
        /// the index the fix creates or renames. One before that point ran before the fix exists.
        /// </summary>
        public bool IndexNameReferencedAfterFix(string name, IndexObject? index)
        {
            if (IndexReferences == null || !IndexReferences.TryGetValue(name, out List<StatementRef>? statements))
            {
                return false;
            }
            int landing = CreateTablePlacement.LandingOrder(this, index);
            return statements.Exists(s => s.Order > landing);
        }

        /// <summary>Table names that rejected ALTER PUBLICATION ... ADD | SET statements list, with the last one (see <see cref="TableChanges"/>).</summary>
        public IReadOnlyDictionary<string, StatementRef>? TablesInRejectedPublicationChanges { get; set; }

        /// <summary>Publication names whose rejected ALTER PUBLICATION ... ADD | SET statements came last (see <see cref="TableChanges"/>).</summary>
        public IReadOnlyDictionary<string, StatementRef>? PublicationsWithRejectedChanges { get; set; }

        /// <summary>
        /// When set, <see cref="TableFixes"/> records here what each primary-key or identity-index fix assumes about
        /// the later history, so a rule that learns that history can drop or rename fixes it contradicts.
        /// </summary>
        public Dictionary<CodeFix, FixAssumptions>? Assumptions { get; set; }

        /// <summary>
        /// The actions that fail: a rejected DELETE is checked only against publications that publish deletes
        /// (RG1002); a table-wide diagnostic is about both.
        /// </summary>
        public PublishActions FailingActions { get; set; } = PublishActions.Update | PublishActions.Delete;

        /// <summary>The publications that cover the table (for column lists and "remove from the list").</summary>
        public IReadOnlyList<Coverage> Coverage { get; set; } = Model.Coverage.None;

        /// <summary>
        /// Fixes for this request are computed as if no row filter existed: the key that goes with removing the
        /// filters (the last resort, see <see cref="TableFixes"/>).
        /// </summary>
        public bool IgnoresRowFilters { get; private set; }

        /// <summary>Relation names that rejected statements found taken (see <see cref="TableChanges.NamesTakenInRejections"/>).</summary>
        public ICollection<string>? NamesTakenInRejections { get; set; }

        /// <summary>Made by <see cref="TableFixes"/> on first use, with the table as it is when the fixes are computed.</summary>
        internal KeyFixBuilder? KeyBuilder { get; set; }

        /// <summary>The same request with <see cref="IgnoresRowFilters"/> set, recording assumptions in <paramref name="assumptions"/>.</summary>
        public FixRequest WithoutRowFilters(Dictionary<CodeFix, FixAssumptions> assumptions)
        {
            FixRequest copy = WithAssumptions(assumptions);
            copy.IgnoresRowFilters = true;
            return copy;
        }

        /// <summary>The same request, recording assumptions in <paramref name="assumptions"/>.</summary>
        public FixRequest WithAssumptions(Dictionary<CodeFix, FixAssumptions> assumptions)
        {
            return new FixRequest(Table, Statement, Goal, Settings)
            {
                Before = Before,
                LastChange = LastChange,
                IndexReferences = IndexReferences,
                TablesInRejectedPublicationChanges = TablesInRejectedPublicationChanges,
                PublicationsWithRejectedChanges = PublicationsWithRejectedChanges,
                NamesTakenInRejections = NamesTakenInRejections,
                Assumptions = assumptions,
                FailingActions = FailingActions,
                Coverage = Coverage,
                IgnoresRowFilters = IgnoresRowFilters,
                KeyBuilder = KeyBuilder,
            };
        }

        /// <summary>
        /// The coverage whose row filter and column list a new identity must fit: a listed or schema row (not FOR ALL
        /// TABLES, which has neither) of a publication that publishes UPDATE or DELETE. All of them, not only those
        /// checking the failing action: an identity that fits the DELETE's publications but not an UPDATE's would
        /// trade one failure for another.
        /// </summary>
        public IEnumerable<Coverage> CheckedCoverage()
        {
            foreach (Coverage coverage in Coverage)
            {
                if (coverage.Row != null && !coverage.Publication.AllTables && coverage.Publication.PublishesUpdateOrDelete)
                {
                    yield return coverage;
                }
            }
        }
    }
}
