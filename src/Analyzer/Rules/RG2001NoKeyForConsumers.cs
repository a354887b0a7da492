using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Profiles;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// RG2001: a published table that PostgreSQL accepts (FULL, or an identity index) but that has no primary key
    /// and no unique, immediate, non-partial, non-expression index on NOT NULL columns: Zero, pglogical and
    /// AWS DMS cannot replicate it (postgres-semantics.md section 6). An error under the zero and pglogical profiles.
    /// </summary>
    public sealed class RG2001NoKeyForConsumers : Rule
    {
        public RG2001NoKeyForConsumers(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG2001;

        public override bool JudgesStatements => false;

        public override void AfterHistory(Catalog catalog)
        {
            foreach (TableObject table in catalog.AllTables)
            {
                if (table.Dropped || table.Kind != RelationKind.Table || IdentityMessages.HasConsumerKey(table))
                {
                    continue;
                }
                IdentityVerdict verdict = Context.FinalVerdict(table, catalog);
                if (verdict.Coverage.Count == 0 || verdict.Update != IdentityFailure.None || verdict.Delete != IdentityFailure.None)
                {
                    continue; // not published, or PostgreSQL itself fails it (RG1001 / RG1004 say so)
                }
                Report(table, verdict);
            }
        }

        private void Report(TableObject table, IdentityVerdict verdict)
        {
            string identity = table.Identity == ReplicaIdentityKind.Full
                ? "REPLICA IDENTITY FULL"
                : "REPLICA IDENTITY USING INDEX " + (table.IdentityIndex?.Name ?? "?");
            var names = new List<string>();
            foreach (Coverage coverage in verdict.Coverage)
            {
                if (!names.Contains(coverage.Publication.Name))
                {
                    names.Add("\"" + coverage.Publication.Name + "\"");
                }
            }
            string consumer = ConsumerProfile.Of(Context.Settings).Name;
            string who = consumer == ConsumerProfile.Zero ? "Zero"
                : consumer == ConsumerProfile.Pglogical ? "pglogical"
                : "Zero, pglogical and AWS DMS";
            string message = "Table " + table.QualifiedName + " is published by " + string.Join(", ", names.ToArray()) + " and PostgreSQL accepts its " + identity
                + ", but it has no primary key and no unique, immediate, non-partial index without expressions on NOT NULL columns: "
                + who + " cannot replicate it" + (consumer == ConsumerProfile.Zero ? " (\"Cannot replicate table \"" + table.Name + "\" without a PRIMARY KEY or UNIQUE INDEX\")" : "")
                + ". Add a primary key.";
            StatementRef at = table.CreatedBy;
            foreach (Coverage coverage in verdict.Coverage)
            {
                if (coverage.Cause != null && coverage.Cause.Order > at.Order)
                {
                    at = coverage.Cause;
                }
            }
            var related = new List<Location>();
            if (at != table.CreatedBy)
            {
                related.Add(table.CreatedBy.HeadLocation);
            }
            Context.Report(Descriptor, message, at.HeadLocation, table.QualifiedName, related, () => Fixes(Context, table, verdict, at));
        }

        /// <summary>A key for the table, placed from the diagnosed statement (built only when read in the IDE).</summary>
        private static List<CodeFix> Fixes(RuleContext context, TableObject table, IdentityVerdict verdict, StatementRef at)
        {
            FixRequest request = context.FixRequest(table, at, FixGoal.Key);
            request.Coverage = verdict.Coverage;
            return TableFixes.For(request);
        }
    }
}
