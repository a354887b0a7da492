using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>RG3001 (off by default): a permanent table without a primary key at the end of the history, a house rule some teams want.</summary>
    public sealed class RG3001TableWithoutPrimaryKey : Rule
    {
        public RG3001TableWithoutPrimaryKey(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG3001;

        public override bool JudgesStatements => false;

        public override void AfterHistory(Catalog catalog)
        {
            foreach (TableObject table in catalog.AllTables)
            {
                if (table.Dropped || table.PrimaryKey != null || table.Persistence != Persistence.Permanent || table.Schema.IsTemporary || table.Schema.IsSystem)
                {
                    continue;
                }
                Context.Report(
                    Descriptor,
                    "Table " + table.QualifiedName + " has no primary key. Add one (this project's rule RG3001).",
                    table.CreatedBy.HeadLocation,
                    table.QualifiedName,
                    null,
                    () => Fixes(Context, table));
            }
        }

        /// <summary>A primary key placed after the table's creation (built only when read in the IDE).</summary>
        private static List<CodeFix> Fixes(RuleContext context, TableObject table)
        {
            return TableFixes.For(context.FixRequest(table, table.CreatedBy, FixGoal.Key));
        }
    }
}
