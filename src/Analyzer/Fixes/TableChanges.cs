using System.Collections.Generic;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// The last statement that altered each table (ALTER TABLE of any kind, CREATE/ALTER INDEX on it). A fix
    /// placed earlier could use a name that a later RENAME changes or be undone by a later ALTER, so fixes go
    /// after it.
    /// </summary>
    public sealed class TableChanges : IReplayListener
    {
        /// <summary>Set by an incremental analysis: how to undo this bookkeeping (see RuleContext.StateLog).</summary>
        internal UndoLog? StateLog { get; set; }

        public void BeforeStatement(StatementRef statement, Catalog catalog)
        {
            TableObject? table = null;
            switch (statement.Statement)
            {
                case AlterTableStatement alter:
                    table = catalog.FindRelation(alter.Name) as TableObject;
                    break;
                case CreateIndexStatement index:
                    table = catalog.FindRelation(index.Table) as TableObject;
                    break;
                case AlterIndexStatement alterIndex:
                    table = (catalog.FindRelation(alterIndex.Name) as IndexObject)?.Table;
                    AddReferencedIndexName(alterIndex.Name.Name);
                    break;
                case DropStatement drop when drop.Kind == DropObjectKind.Index:
                    foreach (ObjectName name in drop.Names)
                    {
                        AddReferencedIndexName(name.Name);
                    }
                    break;
            }
            if (table != null)
            {
                // Journaled like any catalog change (a rollback to an earlier point forgets it); the listener runs
                // before the statement's own changes, so rejecting the statement keeps it.
                catalog.Set(table, table.LastAlteredBy, statement, static (t, v) => t.LastAlteredBy = v);
            }
        }

        private void AddReferencedIndexName(string name)
        {
            if (ReferencedIndexNames.Add(name))
            {
                StateLog?.SetAdded(ReferencedIndexNames, name);
            }
        }

        /// <summary>Every index name a DROP INDEX or ALTER INDEX of the history names, so far.</summary>
        public HashSet<string> ReferencedIndexNames { get; } = new HashSet<string>();

        /// <summary>The last statement that altered the table, or null.</summary>
        public StatementRef? LastChangeOf(TableObject table) => table.LastAlteredBy;
    }
}
