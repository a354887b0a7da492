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
    /// Results are held until the end of the history: the fixes, placed before the statement, are computed before the
    /// later statements are known, and <see cref="LaterHistory"/> then drops those the later history would break.
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
                Dictionary<CodeFix, FixAssumptions> assumptions, LaterListKey? laterListKey)
            {
                LaterListKey = laterListKey;
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
            public LaterListKey? LaterListKey { get; }
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG1002;

        public override void AfterHistory(Catalog catalog)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            if (Context.FixesDeferred)
            {
                foreach (Pending p in _pending)
                {
                    Context.ReportWithDeferredFixes(Descriptor, p.Message, p.Location, p.Table.QualifiedName, p.Related);
                }
                return;
            }
            Context.Changes.ResolveCopies(catalog); // a LIKE copy in the last statement is known only now
            Context.Changes.NamesTakenInRejections(Context.Rejected); // a name a later rejected statement found taken
            var rejected = new HashSet<StatementRef>();
            foreach (RejectedStatement r in Context.Rejected)
            {
                rejected.Add(r.Statement);
            }
            var fixes = new List<List<CodeFix>>(_pending.Count);
            foreach (Pending p in _pending)
            {
                fixes.Add(LaterHistory.Allowed(p.Fixes, p.Assumptions, p.Table, p.Statement, Context.Changes, rejected, p.LaterListKey));
            }
            FixLeavesTogether(fixes);
            for (int i = 0; i < _pending.Count; i++)
            {
                Pending p = _pending[i];
                Context.Report(Descriptor, p.Message, p.Location, p.Table.QualifiedName, p.Related, fixes[i]);
            }
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
                RelationObject? relation = catalog.FindRelation(target.Table);
                TableObject? table = relation as TableObject;
                bool only = target.Only;
                OtherRelation? view = null;
                if (relation is OtherRelation other && (target.Kind == DmlKind.Update || target.Kind == DmlKind.Delete))
                {
                    // An UPDATE or DELETE of a simple view updates its table, which the server checks (the view's
                    // FROM ONLY decides whether children are reached). Other views are not followed.
                    table = other.UpdatedTable(target.Kind == DmlKind.Delete, out only);
                    view = other;
                }
                if (table == null)
                {
                    continue; // unknown targets are RG9002's
                }
                bool update = target.Kind == DmlKind.Update || target.Kind == DmlKind.InsertOnConflictUpdate || (target.Kind == DmlKind.Merge && target.MergeUpdates);
                bool delete = target.Kind == DmlKind.Delete || (target.Kind == DmlKind.Merge && target.MergeDeletes);
                foreach (TableObject leaf in Leaves(table, only))
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
                    Report(statement, target, table, view, leaf, verdict, failure, failsAsUpdate, checkedActions);
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

        private void Report(StatementRef statement, DmlTarget target, TableObject written, OtherRelation? view, TableObject leaf, IdentityVerdict verdict, IdentityFailure failure, bool asUpdate, PublishActions checkedActions)
        {
            string verb = target.Kind == DmlKind.Merge ? "MERGE" : target.Kind == DmlKind.InsertOnConflictUpdate ? "INSERT ... ON CONFLICT DO UPDATE" : asUpdate ? "UPDATE" : "DELETE";
            string on = leaf == written ? leaf.QualifiedName : leaf.QualifiedName + " (" + (leaf.PartitionParent != null ? "a partition" : "an inheritance child") + " of " + written.QualifiedName + ")";
            if (view != null)
            {
                on += " through view " + view.QualifiedName;
            }
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
            var related = new List<Location> { leaf.CreatedBy.HeadLocation };
            foreach (Coverage coverage in verdict.Coverage)
            {
                if (coverage.Cause != null && coverage.Publication.PublishesUpdateOrDelete)
                {
                    related.Add(coverage.Cause.HeadLocation);
                }
            }
            Context.StateLog?.ListAdd(_pending);
            if (Context.FixesDeferred)
            {
                _pending.Add(new Pending(message, statement.HeadLocation, leaf, statement, related, new List<CodeFix>(0), new Dictionary<CodeFix, FixAssumptions>(0), null));
                return;
            }
            FixRequest request = Context.FixRequest(leaf, statement, failure == IdentityFailure.NoIdentity ? FixGoal.Identity : FixGoal.FitPublication);
            request.Before = true;
            request.FailingActions = checkedActions; // a MERGE can be checked for both
            request.Coverage = verdict.Coverage;
            request.Assumptions = new Dictionary<CodeFix, FixAssumptions>();
            _pending.Add(new Pending(message, statement.HeadLocation, leaf, statement, related, TableFixes.For(request), request.Assumptions,
                TableFixes.KeyForLaterLists(request)));
        }
    }
}
