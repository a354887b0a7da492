using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// RG1002: an UPDATE, DELETE, MERGE with update/delete actions, INSERT ... ON CONFLICT DO UPDATE or
    /// data-modifying CTE in the migrations that PostgreSQL rejects at that point of the history
    /// (CheckCmdReplicaIdentity on every leaf result relation), e.g. a migration tool's own UPDATE alembic_version.
    /// Results are held until the end of the history: a key fix placed before the statement is dropped when a later
    /// statement gives the table its primary key (both would run: "multiple primary keys ... are not allowed"),
    /// and a key or identity-index fix is dropped when a later statement drops NOT NULL on one of its columns
    /// ("column is in a primary key" / "in index used as replica identity").
    /// </summary>
    public sealed class RG1002StatementRejected : Rule
    {
        public RG1002StatementRejected(RuleContext context)
            : base(context)
        {
        }

        private readonly List<Pending> _pending = new List<Pending>();

        private sealed class Pending
        {
            public Pending(string message, Location location, TableObject table, StatementRef statement, List<Location> related, List<CodeFix> fixes,
                Dictionary<CodeFix, FixAssumptions> assumptions)
            {
                Assumptions = assumptions;
                Message = message;
                Location = location;
                Table = table;
                Statement = statement;
                Related = related;
                Fixes = fixes;
            }

            public string Message { get; }
            public Location Location { get; }
            public TableObject Table { get; }
            public StatementRef Statement { get; }
            public List<Location> Related { get; }
            public List<CodeFix> Fixes { get; }
            public Dictionary<CodeFix, FixAssumptions> Assumptions { get; }
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG1002;

        public override void AfterHistory(Catalog catalog)
        {
            var fixes = new List<List<CodeFix>>(_pending.Count);
            foreach (Pending p in _pending)
            {
                fixes.Add(FixesTheLaterHistoryAllows(p));
            }
            FixLeavesTogether(fixes);
            for (int i = 0; i < _pending.Count; i++)
            {
                Pending p = _pending[i];
                Context.Report(Descriptor, p.Message, p.Location, p.Table.QualifiedName, p.Related, fixes[i]);
            }
        }

        /// <summary>
        /// The pending result's fixes minus those a later statement contradicts: a later primary key, a later DROP
        /// NOT NULL on a key column, a later CREATE INDEX of the name the fix creates (then it takes a free name).
        /// A new list: an incremental analysis reports the pending results again after the next edit.
        /// </summary>
        private List<CodeFix> FixesTheLaterHistoryAllows(Pending p)
        {
            StatementRef? keyAddedLater = p.Table.PrimaryKey?.CreatedBy;
            bool keyLater = (keyAddedLater != null && keyAddedLater.Order > p.Statement.Order) || Context.Changes.PrimaryKeyAddedAfter(p.Table, p.Statement);
            var result = new List<CodeFix>(p.Fixes.Count);
            foreach (CodeFix fix in p.Fixes)
            {
                if (keyLater && (fix.EquivalenceKey == FixKinds.AddPrimaryKey || fix.EquivalenceKey == FixKinds.PromoteIndexToPrimaryKey))
                {
                    continue; // both would run: "multiple primary keys ... are not allowed"
                }
                if (fix.EquivalenceKey == FixKinds.ReplicaIdentityFull && !FitsLaterRows(p, null))
                {
                    continue; // a column list added later would then fail with FULL
                }
                if (!p.Assumptions.TryGetValue(fix, out FixAssumptions? assumptions))
                {
                    result.Add(fix);
                    continue;
                }
                if (Context.Changes.NotNullDroppedAfter(assumptions.KeyColumns, p.Statement) || NamesInTheWay(assumptions, p.Statement)
                    || !FitsLaterRows(p, assumptions.KeyColumns))
                {
                    continue; // "column is in a primary key" / "in index used as replica identity"; "cannot drop index"
                }
                if (assumptions.CreatedIndex != null && Context.Changes.IndexNameCreatedAfter(assumptions.CreatedIndex, p.Statement))
                {
                    string? free = FreeIndexName(assumptions.CreatedIndex, p.Table);
                    if (free != null && assumptions.WithIndexName != null)
                    {
                        result.Add(assumptions.WithIndexName(free)); // the later CREATE INDEX would find the name taken
                    }
                    continue;
                }
                result.Add(fix);
            }
            return result;
        }

        /// <summary>
        /// The identity the fix sets (a key on these columns, or FULL when null) fits the row filters and column lists
        /// that publications add for the table after the statement (the fix was computed before they existed).
        /// </summary>
        private static bool FitsLaterRows(Pending p, IReadOnlyList<ColumnObject>? keyColumns)
        {
            foreach (PublicationRelation row in p.Table.PublicationRows.Values)
            {
                if (row.AddedBy == null || row.AddedBy.Order <= p.Statement.Order || row.Publication.Dropped || !row.Publication.PublishesUpdateOrDelete)
                {
                    continue;
                }
                if (keyColumns == null)
                {
                    if (row.Columns != null)
                    {
                        return false;
                    }
                    continue;
                }
                foreach (ColumnObject column in keyColumns)
                {
                    if (row.Columns != null && !row.Columns.Contains(column))
                    {
                        return false;
                    }
                }
                if (row.RowFilterColumns != null && !row.RowFilterColumns.TrueForAll(c => ContainsColumn(keyColumns, c)))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool ContainsColumn(IReadOnlyList<ColumnObject> columns, ColumnObject column)
        {
            foreach (ColumnObject c in columns)
            {
                if (c == column)
                {
                    return true;
                }
            }
            return false;
        }

        private bool NamesInTheWay(FixAssumptions assumptions, StatementRef statement)
        {
            foreach (string name in assumptions.IndexNames)
            {
                if (Context.Changes.ReferencedIndexNames.Contains(name) || Context.Changes.IndexNameCreatedAfter(name, statement))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>PostgreSQL's way (ChooseRelationName): the name with 1, 2, ... appended, here also unused by the whole history.</summary>
        private string? FreeIndexName(string name, TableObject table)
        {
            for (int i = 1; i < 100; i++)
            {
                string candidate = Syntax.Identifiers.Truncate(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!table.Schema.Relations.ContainsKey(candidate) && !Context.Changes.IndexNameCreated(candidate)
                    && !Context.Changes.ReferencedIndexNames.Contains(candidate))
                {
                    return candidate;
                }
            }
            return null;
        }

        /// <summary>
        /// One statement rejected on several leaves (a DML through a parent): the server stops at the first, so a fix
        /// of one leaf alone leaves the statement failing. Each leaf's fixes then repair the other leaves too.
        /// Results of one statement are adjacent in _pending (reported while that statement is replayed).
        /// </summary>
        private void FixLeavesTogether(List<List<CodeFix>> fixes)
        {
            int start = 0;
            while (start < _pending.Count)
            {
                int end = start + 1;
                while (end < _pending.Count && _pending[end].Statement == _pending[start].Statement)
                {
                    end++;
                }
                if (end - start > 1)
                {
                    List<List<CodeFix>> together = StatementFixes.Together(fixes.GetRange(start, end - start));
                    for (int i = start; i < end; i++)
                    {
                        fixes[i] = together[i - start];
                    }
                }
                start = end;
            }
        }

        public override void BeforeStatement(StatementRef statement, Catalog catalog)
        {
            if (!(statement.Statement is DmlStatement dml) || DmlColumns.FirstMissing(dml, catalog) != null)
            {
                return; // parse analysis fails first: the model records the rejection
            }
            HashSet<TableObject>? reported = null; // made when the first failure is reported: most statements have none
            foreach (DmlTarget target in dml.Targets)
            {
                if (!(catalog.FindRelation(target.Table) is TableObject table))
                {
                    continue; // unknown targets are RG9002's; views are checked through their base table by the server
                }
                bool update = target.Kind == DmlKind.Update || target.Kind == DmlKind.InsertOnConflictUpdate || (target.Kind == DmlKind.Merge && target.MergeUpdates);
                bool delete = target.Kind == DmlKind.Delete || (target.Kind == DmlKind.Merge && target.MergeDeletes);
                foreach (TableObject leaf in Leaves(table, target.Only))
                {
                    if (reported != null && reported.Contains(leaf))
                    {
                        continue;
                    }
                    IdentityVerdict verdict = IdentityRules.Check(leaf, catalog, Context.Settings.SearchPath, Context.Settings.PostgresVersion);
                    IdentityFailure failure = update ? verdict.Update : IdentityFailure.None;
                    bool failsAsUpdate = failure != IdentityFailure.None;
                    if (!failsAsUpdate && delete)
                    {
                        failure = verdict.Delete;
                    }
                    if (failure == IdentityFailure.None)
                    {
                        continue;
                    }
                    (reported ??= new HashSet<TableObject>()).Add(leaf);
                    PublishActions checkedActions = (update ? PublishActions.Update : PublishActions.None) | (delete ? PublishActions.Delete : PublishActions.None);
                    Report(statement, target, table, leaf, verdict, failure, failsAsUpdate, checkedActions);
                }
            }
        }

        /// <summary>
        /// The tables the server checks: every leaf partition, and inheritance children unless ONLY. ONLY on a
        /// partitioned table leaves just the parent, which is never checked (checked on PostgreSQL 15).
        /// </summary>
        private static List<TableObject> Leaves(TableObject table, bool only)
        {
            if (only && table.IsPartitioned)
            {
                return new List<TableObject>();
            }
            if (!table.IsPartitioned && table.Partitions.Count == 0 && (only || table.InheritChildren.Count == 0))
            {
                return new List<TableObject>(1) { table }; // the usual plain table: no walk
            }
            var result = new List<TableObject>();
            var seen = new HashSet<TableObject>();
            var stack = new Stack<TableObject>();
            stack.Push(table);
            while (stack.Count > 0)
            {
                TableObject current = stack.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }
                if (!current.IsPartitioned)
                {
                    result.Add(current);
                }
                foreach (TableObject partition in current.Partitions)
                {
                    stack.Push(partition);
                }
                if (!only)
                {
                    foreach (TableObject child in current.InheritChildren)
                    {
                        stack.Push(child);
                    }
                }
            }
            return result;
        }

        private void Report(StatementRef statement, DmlTarget target, TableObject written, TableObject leaf, IdentityVerdict verdict, IdentityFailure failure, bool asUpdate, PublishActions checkedActions)
        {
            string verb = target.Kind == DmlKind.Merge ? "MERGE" : target.Kind == DmlKind.InsertOnConflictUpdate ? "INSERT ... ON CONFLICT DO UPDATE" : asUpdate ? "UPDATE" : "DELETE";
            string on = leaf == written ? leaf.QualifiedName : leaf.QualifiedName + " (" + (leaf.PartitionParent != null ? "a partition" : "an inheritance child") + " of " + written.QualifiedName + ")";
            string why;
            string todo;
            if (failure == IdentityFailure.NoIdentity)
            {
                why = leaf.QualifiedName + " " + IdentityMessages.Reason(leaf) + " and is published by " + IdentityMessages.Publications(verdict.Coverage);
                todo = "Give it a primary key or REPLICA IDENTITY USING INDEX or FULL before this statement.";
            }
            else
            {
                why = "a publication's " + (failure == IdentityFailure.RowFilter ? "row filter" : failure == IdentityFailure.ColumnList ? "column list" : "generated columns") + " for " + leaf.QualifiedName + " does not fit its replica identity";
                todo = "Make the replica identity fit the publication (or change the publication) before this statement.";
            }
            string message = "This " + verb + " on " + on + " will fail at this point of the history: PostgreSQL rejects it with "
                + IdentityMessages.ServerError(leaf.Name, asUpdate, failure) + " because " + why + ". " + todo;
            FixRequest request = Context.FixRequest(leaf, statement, failure == IdentityFailure.NoIdentity ? FixGoal.Identity : FixGoal.FitPublication);
            request.Before = true;
            request.FailingActions = checkedActions; // a MERGE can be checked for both
            request.Coverage = verdict.Coverage;
            request.Assumptions = new Dictionary<CodeFix, FixAssumptions>();
            var related = new List<Location> { leaf.CreatedBy.HeadLocation };
            foreach (Coverage coverage in verdict.Coverage)
            {
                if (coverage.Cause != null && coverage.Publication.PublishesUpdateOrDelete)
                {
                    related.Add(coverage.Cause.HeadLocation);
                }
            }
            Context.StateLog?.ListAdd(_pending);
            _pending.Add(new Pending(message, statement.HeadLocation, leaf, statement, related, TableFixes.For(request), request.Assumptions));
        }
    }
}
