using System.Collections.Generic;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// The last statement that altered each table (ALTER TABLE of any kind, CREATE/ALTER INDEX on it). A fix
    /// placed earlier could use a name that a later RENAME changes or be undone by a later ALTER, so fixes go
    /// after it. It also remembers which table each REPLICA IDENTITY USING INDEX / ADD ... USING INDEX statement
    /// names, so the fixes of a table can find the ones PostgreSQL rejected (<see cref="RejectedIdentityStatements"/>).
    /// </summary>
    public sealed class TableChanges : IReplayListener
    {
        private readonly Dictionary<StatementRef, TableObject> _identityAttempts = new Dictionary<StatementRef, TableObject>();
        private Dictionary<TableObject, List<StatementRef>>? _rejectedByTable;
        private int _rejectedIndexed;
        private static readonly StatementRef[] NoStatements = new StatementRef[0];
        private readonly HashSet<string> _tablesInRejectedPublicationChanges = new HashSet<string>();
        private int _publicationChangesIndexed;

        /// <summary>Set by an incremental analysis: how to undo this bookkeeping (see RuleContext.StateLog).</summary>
        internal UndoLog? StateLog { get; set; }

        public void BeforeStatement(StatementRef statement, Catalog catalog)
        {
            TableObject? table = null;
            switch (statement.Statement)
            {
                case AlterTableStatement alter:
                    table = catalog.FindRelation(alter.Name) as TableObject;
                    if (table != null && IsIdentityAttempt(alter))
                    {
                        StateLog?.DictionaryEntry(_identityAttempts, statement);
                        _identityAttempts[statement] = table;
                    }
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

        private static bool IsIdentityAttempt(AlterTableStatement alter)
        {
            foreach (AlterTableAction action in alter.Actions)
            {
                if ((action.Kind == AlterTableActionKind.ReplicaIdentity && action.Identity == ReplicaIdentityKind.Index)
                    || (action.Kind == AlterTableActionKind.AddConstraint && action.Constraint?.UsingIndex != null))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// The statements that tried to give the table a key or identity from an index and that PostgreSQL rejects
        /// (RG1003's), in history order. The whole statement fails, so deleting one changes nothing on the server.
        /// </summary>
        public IReadOnlyList<StatementRef> RejectedIdentityStatements(TableObject table, IReadOnlyList<RejectedStatement> rejected)
        {
            if (_rejectedByTable == null)
            {
                _rejectedByTable = new Dictionary<TableObject, List<StatementRef>>();
            }
            // Indexed once per rejected statement however often this is asked (one call per diagnostic).
            if (_rejectedIndexed < rejected.Count)
            {
                StateLog?.Counter(_rejectedIndexed, n => _rejectedIndexed = n);
            }
            for (; _rejectedIndexed < rejected.Count; _rejectedIndexed++)
            {
                RejectedStatement r = rejected[_rejectedIndexed];
                if (r.Kind == RejectionKind.IdentityIndex && _identityAttempts.TryGetValue(r.Statement, out TableObject? target))
                {
                    if (!_rejectedByTable.TryGetValue(target, out List<StatementRef>? list))
                    {
                        list = new List<StatementRef>();
                        StateLog?.DictionaryEntry(_rejectedByTable, target);
                        _rejectedByTable[target] = list;
                    }
                    StateLog?.ListAdd(list);
                    list.Add(r.Statement);
                }
            }
            return _rejectedByTable.TryGetValue(table, out List<StatementRef>? found) ? found : (IReadOnlyList<StatementRef>)NoStatements;
        }

        /// <summary>
        /// Table names listed by ALTER PUBLICATION ... ADD | SET statements that PostgreSQL rejected (so far). Taking
        /// such a table out of another list can make that statement succeed and publish more (e.g. an ADD rejected
        /// because the table was already a member): the publication-list fix is not offered for them.
        /// </summary>
        public ISet<string> TablesInRejectedPublicationChanges(IReadOnlyList<RejectedStatement> rejected)
        {
            if (_publicationChangesIndexed < rejected.Count)
            {
                StateLog?.Counter(_publicationChangesIndexed, n => _publicationChangesIndexed = n);
            }
            for (; _publicationChangesIndexed < rejected.Count; _publicationChangesIndexed++)
            {
                if (rejected[_publicationChangesIndexed].Statement.Statement is AlterPublicationStatement alter
                    && (alter.Action == AlterPublicationAction.Add || alter.Action == AlterPublicationAction.Set))
                {
                    foreach (Syntax.Ast.PublicationObject item in alter.Objects)
                    {
                        if (item.Table != null)
                        {
                            if (_tablesInRejectedPublicationChanges.Add(item.Table.Name))
                            {
                                StateLog?.SetAdded(_tablesInRejectedPublicationChanges, item.Table.Name);
                            }
                        }
                    }
                }
            }
            return _tablesInRejectedPublicationChanges;
        }

        /// <summary>Every index name a DROP INDEX or ALTER INDEX of the history names, so far.</summary>
        public HashSet<string> ReferencedIndexNames { get; } = new HashSet<string>();

        /// <summary>The last statement that altered the table, or null.</summary>
        public StatementRef? LastChangeOf(TableObject table) => table.LastAlteredBy;
    }
}
