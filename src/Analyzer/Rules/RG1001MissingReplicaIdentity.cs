using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// RG1001: at the end of the history, a table covered by a publication that publishes UPDATE or DELETE has no
    /// usable replica identity. One result per table, at the latest of its creation, the publication statement
    /// that covers it and the statement that lost its identity; the others are related locations.
    /// </summary>
    public sealed class RG1001MissingReplicaIdentity : Rule
    {
        public RG1001MissingReplicaIdentity(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG1001;

        public override bool JudgesStatements => false;

        public override void AfterHistory(Catalog catalog)
        {
            foreach (TableObject table in catalog.AllTables)
            {
                if (table.Dropped)
                {
                    continue;
                }
                IdentityVerdict verdict = Context.FinalVerdict(table, catalog);
                if (!verdict.LacksIdentity)
                {
                    continue;
                }
                Report(table, verdict);
            }
        }

        private void Report(TableObject table, IdentityVerdict verdict)
        {
            List<Coverage> publications = UpdatingPublications(verdict);
            List<StatementRef> causes = Causes(table, publications);
            StatementRef primary = Latest(causes);
            var related = new List<Location>(causes.Count - 1);
            foreach (StatementRef cause in causes)
            {
                if (cause != primary)
                {
                    related.Add(cause.HeadLocation);
                }
            }
            Context.Report(Descriptor, Message(table, verdict, publications), primary.HeadLocation, table.QualifiedName, related, (table, verdict, primary), (context, s) => Fixes(context, s.table, s.verdict, s.primary));
        }

        /// <summary>
        /// The repair of a table that lacks an identity at the end of the history, or null when it does not. RG1003
        /// offers the same repair on a rejected statement of such a table, so that either fix clears both results.
        /// </summary>
        internal static List<CodeFix>? RepairOf(RuleContext context, TableObject table, Catalog catalog)
        {
            if (table.Dropped)
            {
                return null;
            }
            IdentityVerdict verdict = context.FinalVerdict(table, catalog);
            if (!verdict.LacksIdentity)
            {
                return null;
            }
            StatementRef primary = Latest(Causes(table, UpdatingPublications(verdict)));
            return Fixes(context, table, verdict, primary);
        }

        /// <summary>The table fixes placed from the diagnosed statement, each also deleting the table's rejected identity statements.</summary>
        private static List<CodeFix> Fixes(RuleContext context, TableObject table, IdentityVerdict verdict, StatementRef primary)
        {
            FixRequest request = context.FixRequest(table, primary, FixGoal.Identity);
            request.Coverage = verdict.Coverage;
            return TableRepair.DeletingRejected(TableFixes.For(request), context.Changes.RejectedIdentityStatements(table, context.Rejected), table);
        }

        private static List<Coverage> UpdatingPublications(IdentityVerdict verdict)
        {
            var publications = new List<Coverage>(verdict.Coverage.Count);
            for (int i = 0; i < verdict.Coverage.Count; i++) // not foreach: an interface's enumerator is an object
            {
                Coverage coverage = verdict.Coverage[i];
                if ((coverage.Publication.Publish & (PublishActions.Update | PublishActions.Delete)) != 0)
                {
                    publications.Add(coverage);
                }
            }
            return publications;
        }

        /// <summary>The table's creation, the statements that publish it and the one that lost its identity.</summary>
        private static List<StatementRef> Causes(TableObject table, List<Coverage> publications)
        {
            var causes = new List<StatementRef>(2 + publications.Count) { table.CreatedBy };
            foreach (Coverage coverage in publications)
            {
                if (coverage.Cause != null && !causes.Contains(coverage.Cause))
                {
                    causes.Add(coverage.Cause);
                }
            }
            if (table.IdentityLostBy != null && !causes.Contains(table.IdentityLostBy))
            {
                causes.Add(table.IdentityLostBy);
            }
            return causes;
        }

        private static StatementRef Latest(List<StatementRef> causes)
        {
            StatementRef primary = causes[0];
            foreach (StatementRef cause in causes)
            {
                if (cause.Order > primary.Order)
                {
                    primary = cause;
                }
            }
            return primary;
        }

        /// <summary>
        /// Where every message of this rule is written (~250 chars each): one buffer reused for every result, so
        /// that the IDE's final pass on every edit allocates only the message strings (a new StringBuilder per
        /// result, grown from 16 chars, was most of that pass's allocation).
        /// </summary>
        private readonly StringBuilder _message = new StringBuilder(512);

        private string Message(TableObject table, IdentityVerdict verdict, List<Coverage> publications)
        {
            bool update = verdict.Update == IdentityFailure.NoIdentity;
            bool delete = verdict.Delete == IdentityFailure.NoIdentity;
            StringBuilder sb = _message.Clear();
            sb.Append("Table ").Append(table.QualifiedName).Append(' ').Append(Reason(table));
            sb.Append(" and is published by ");
            for (int i = 0; i < publications.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(i == publications.Count - 1 ? " and " : ", ");
                }
                sb.Append('"').Append(publications[i].Publication.Name).Append('"');
            }
            sb.Append(": every ").Append(update && delete ? "UPDATE and DELETE" : update ? "UPDATE" : "DELETE").Append(" on it will fail with \"");
            sb.Append(update ? "cannot update table \"" : "cannot delete from table \"").Append(table.Name)
                .Append(update ? "\" because it does not have a replica identity and publishes updates" : "\" because it does not have a replica identity and publishes deletes");
            sb.Append("\". Add a primary key, or set REPLICA IDENTITY USING INDEX or FULL.");
            return sb.ToString();
        }

        /// <summary>Why the table has no usable identity, in the words a reviewer needs.</summary>
        private static string Reason(TableObject table)
        {
            switch (table.Identity)
            {
                case ReplicaIdentityKind.Nothing:
                    return "has REPLICA IDENTITY NOTHING";
                case ReplicaIdentityKind.Index:
                    return table.IdentityIndex == null || table.IdentityIndex.Dropped
                        ? "has lost its replica identity index (REPLICA IDENTITY USING INDEX on an index that was dropped)"
                        : "has a replica identity index \"" + table.IdentityIndex.Name + "\" that cannot be used";
                default:
                    IndexObject? pk = table.PrimaryKey;
                    if (pk == null)
                    {
                        return "has no primary key";
                    }
                    if (pk.Deferrable)
                    {
                        return "has only a DEFERRABLE primary key, which cannot be the replica identity";
                    }
                    return "has a primary key \"" + pk.Name + "\" that is not valid";
            }
        }
    }
}
