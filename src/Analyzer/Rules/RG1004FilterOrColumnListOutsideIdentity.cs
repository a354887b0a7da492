using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// RG1004: at the end of the history, a publication row filter or column list (PG 15+) that does not fit the
    /// table's replica identity, in a publication that publishes UPDATE or DELETE: those statements fail with
    /// PostgreSQL's DETAIL. Located at the statement that added the table to that publication.
    /// </summary>
    public sealed class RG1004FilterOrColumnListOutsideIdentity : Rule
    {
        public RG1004FilterOrColumnListOutsideIdentity(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG1004;

        public override bool JudgesStatements => false;

        public override void AfterHistory(Catalog catalog)
        {
            AnalysisSettings settings = Context.Settings;
            if (settings.PostgresVersion < 15)
            {
                return;
            }
            if (settings.PostgresVersion < 18 && !AnyRowFilterOrColumnList(catalog))
            {
                return; // before PG 18 only a row filter or column list can misfit: no need to judge every table
            }
            foreach (TableObject table in catalog.AllTables)
            {
                if (table.Dropped)
                {
                    continue;
                }
                IdentityVerdict verdict = Context.FinalVerdict(table, catalog);
                if (!IsPublicationMisfit(verdict.Update) && !IsPublicationMisfit(verdict.Delete))
                {
                    continue;
                }
                HashSet<ColumnObject> identity = IdentityRules.IdentityKeyColumns(table);
                bool reported = false;
                foreach (Coverage coverage in verdict.Coverage)
                {
                    PublicationRelation? row = coverage.Row;
                    if (row == null || coverage.Publication.AllTables || !coverage.Publication.PublishesUpdateOrDelete)
                    {
                        continue;
                    }
                    bool filter = IdentityRules.RowFilterInvalid(table, row, identity);
                    bool columns = IdentityRules.ColumnListInvalid(table, row, identity);
                    if (filter || columns)
                    {
                        Report(table, verdict, coverage, filter ? IdentityFailure.RowFilter : IdentityFailure.ColumnList);
                        reported = true;
                    }
                }
                if (!reported)
                {
                    // PG 18 generated columns in the identity: no single row is to blame; point at the table.
                    IdentityFailure failure = IsPublicationMisfit(verdict.Update) ? verdict.Update : verdict.Delete;
                    Report(table, verdict, null, failure);
                }
            }
        }

        /// <summary>Whether a live publication lists a table with a row filter or a column list (the rows the checks read).</summary>
        private static bool AnyRowFilterOrColumnList(Catalog catalog)
        {
            foreach (Model.PublicationObject publication in catalog.Publications)
            {
                foreach (TableObject table in publication.Tables)
                {
                    if (table.PublicationRows.TryGetValue(publication, out PublicationRelation? row) && (row.RowFilterColumns != null || row.Columns != null))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private static bool IsPublicationMisfit(IdentityFailure failure)
        {
            return failure == IdentityFailure.RowFilter || failure == IdentityFailure.ColumnList || failure == IdentityFailure.GeneratedColumns;
        }

        private void Report(TableObject table, IdentityVerdict verdict, Coverage? culprit, IdentityFailure failure)
        {
            bool update = (culprit == null ? verdict.Update : (culprit.Publication.Publish & PublishActions.Update) != 0 ? verdict.Update : IdentityFailure.None) != IdentityFailure.None;
            string actions = culprit == null ? "UPDATE and DELETE"
                : ((culprit.Publication.Publish & PublishActions.Update) != 0 && (culprit.Publication.Publish & PublishActions.Delete) != 0) ? "UPDATE and DELETE"
                : update ? "UPDATE" : "DELETE";
            string what;
            switch (failure)
            {
                case IdentityFailure.RowFilter:
                    what = "a row filter that uses columns outside the replica identity"
                        + (table.Identity == ReplicaIdentityKind.Full ? "" : " (" + IdentityDescription(table) + ")");
                    break;
                case IdentityFailure.ColumnList:
                    what = table.Identity == ReplicaIdentityKind.Full
                        ? "a column list, which never fits REPLICA IDENTITY FULL"
                        : "a column list that does not contain every replica identity column (" + IdentityDescription(table) + ")";
                    break;
                default:
                    what = "generated columns in the replica identity that it does not publish (publish_generated_columns)";
                    break;
            }
            string publication = culprit == null ? "A publication" : "Publication \"" + culprit.Publication.Name + "\"";
            string message = publication + " publishes " + table.QualifiedName + " with " + what + ": every " + actions + " on it will fail with "
                + IdentityMessages.ServerError(table.Name, update, failure)
                + ". Make the replica identity cover the filter's columns and be covered by the column list, or change the publication.";
            StatementRef at = At(table, culprit);
            var related = new List<Location>();
            if (at != table.CreatedBy)
            {
                related.Add(table.CreatedBy.HeadLocation);
            }
            Context.Report(Descriptor, message, ItemLocation(at, table), table.QualifiedName, related, () => Fixes(Context, table, verdict, at));
        }

        private static StatementRef At(TableObject table, Coverage? culprit) => culprit?.Row?.AddedBy ?? culprit?.Cause ?? table.CreatedBy;

        /// <summary>
        /// The repair of a table whose publication row filter or column list does not fit its identity, or null. As
        /// with RG1001, RG1003 offers it on a rejected identity statement of the table and the fixes delete those
        /// statements, so that either fix clears both results.
        /// </summary>
        internal static List<CodeFix>? RepairOf(RuleContext context, TableObject table, Catalog catalog)
        {
            AnalysisSettings settings = context.Settings;
            if (table.Dropped || settings.PostgresVersion < 15)
            {
                return null;
            }
            IdentityVerdict verdict = context.FinalVerdict(table, catalog);
            if (!IsPublicationMisfit(verdict.Update) && !IsPublicationMisfit(verdict.Delete))
            {
                return null;
            }
            HashSet<ColumnObject> identity = IdentityRules.IdentityKeyColumns(table);
            foreach (Coverage coverage in verdict.Coverage)
            {
                PublicationRelation? row = coverage.Row;
                if (row != null && !coverage.Publication.AllTables && coverage.Publication.PublishesUpdateOrDelete
                    && (IdentityRules.RowFilterInvalid(table, row, identity) || IdentityRules.ColumnListInvalid(table, row, identity)))
                {
                    return Fixes(context, table, verdict, At(table, coverage));
                }
            }
            return Fixes(context, table, verdict, At(table, null));
        }

        private static List<CodeFix> Fixes(RuleContext context, TableObject table, IdentityVerdict verdict, StatementRef at)
        {
            FixRequest request = context.FixRequest(table, at, FixGoal.FitPublication);
            request.Coverage = verdict.Coverage;
            return TableRepair.DeletingRejected(TableFixes.For(request), context.Changes.RejectedIdentityStatements(table, context.Rejected), table);
        }

        private static string IdentityDescription(TableObject table)
        {
            IndexObject? index = IdentityRules.IdentityIndex(table);
            if (index == null)
            {
                return "it has none";
            }
            var names = new List<string>();
            foreach (ColumnObject? c in index.KeyColumns)
            {
                if (c != null)
                {
                    names.Add(c.Name);
                }
            }
            return "the identity is " + index.Name + " on " + string.Join(", ", names.ToArray());
        }

        /// <summary>The table's item in the publication statement's list when it is named there, else the statement head.</summary>
        private static Location ItemLocation(StatementRef statement, TableObject table)
        {
            List<Syntax.Ast.PublicationObject>? items = statement.Statement is CreatePublicationStatement c ? c.Objects
                : statement.Statement is AlterPublicationStatement a ? a.Objects : null;
            if (items != null)
            {
                foreach (Syntax.Ast.PublicationObject item in items)
                {
                    if (item.Table != null && item.Table.Value.Name == table.Name && (item.Table.Value.Schema == null || item.Table.Value.Schema == table.Schema.Name))
                    {
                        return statement.ToLocation(item.Span);
                    }
                }
            }
            return statement.HeadLocation;
        }
    }
}
