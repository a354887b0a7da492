using System;
using System.Collections.Generic;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>A statement the model predicts PostgreSQL rejects; it leaves no trace in the catalog.</summary>
    /// <summary>Why a statement was rejected, for the rules that report some rejections (RG1003).</summary>
    public enum RejectionKind
    {
        Other,

        /// <summary>REPLICA IDENTITY USING INDEX or ADD ... USING INDEX named an index PostgreSQL refuses.</summary>
        IdentityIndex,
    }

    public sealed class RejectedStatement
    {
        public RejectedStatement(StatementRef statement, string message, RejectionKind kind = RejectionKind.Other)
        {
            Statement = statement;
            Message = message;
            Kind = kind;
        }

        public StatementRef Statement { get; }
        public string Message { get; }
        public RejectionKind Kind { get; }

        public override string ToString() => Statement + ": " + Message;
    }

    /// <summary>Receives each statement before and after it is applied (the rules that judge statements listen here).</summary>
    public interface IReplayListener
    {
        /// <summary>Before the statement changes anything: the catalog is as PostgreSQL sees it when the statement starts.</summary>
        void BeforeStatement(StatementRef statement, Catalog catalog);
    }

    /// <summary>
    /// Replays statements into a <see cref="Catalog"/> with PostgreSQL's semantics (postgres-semantics.md). A
    /// statement the server would reject is rolled back entirely and recorded in <see cref="Rejected"/>.
    /// </summary>
    public sealed partial class Replayer
    {
        private readonly Catalog _catalog;
        private readonly int _version;
        private readonly List<IReplayListener> _listeners = new List<IReplayListener>();
        /// <summary>
        /// The tables this statement changed, with whether each had a usable identity before: the first in fields
        /// (nearly every statement changes one table), any others in the dictionary.
        /// </summary>
        private TableObject? _touchedFirst;
        private bool _touchedFirstHadIdentity;
        private readonly Dictionary<TableObject, bool> _touchedMore = new Dictionary<TableObject, bool>();
        private StatementRef _current = null!;

        public Replayer(AnalysisSettings settings)
        {
            _catalog = new Catalog(settings.SearchPath, settings.UserName);
            _version = settings.PostgresVersion;
            DeclarePublications(settings);
        }

        public Catalog Catalog => _catalog;

        public List<RejectedStatement> Rejected { get; } = new List<RejectedStatement>();

        public void AddListener(IReplayListener listener) => _listeners.Add(listener);

        /// <summary>Called before the first statement of each file.</summary>
        public void BeginFile() => _catalog.ResetSession();

        public void Apply(StatementRef statement)
        {
            _current = statement;
            foreach (IReplayListener listener in _listeners)
            {
                listener.BeforeStatement(statement, _catalog);
            }

            int mark = _catalog.Mark;
            _touchedFirst = null;
            if (_touchedMore.Count > 0)
            {
                _touchedMore.Clear();
            }
            try
            {
                RejectedException? rejected = Dispatch(statement.Statement);
                if (rejected != null)
                {
                    RecordRejection(statement, mark, rejected);
                }
                else
                {
                    RecordIdentityLoss();
                }
            }
            catch (RejectedException rejected)
            {
                RecordRejection(statement, mark, rejected);
            }
            _catalog.StatementCompleted();
        }

        private void RecordRejection(StatementRef statement, int mark, RejectedException rejected)
        {
            _catalog.RollbackTo(mark);
            Rejected.Add(new RejectedStatement(statement, rejected.Message, rejected.Kind));
        }

        /// <summary>
        /// Applies one statement. A rejection is thrown where it is found, except when the statement's last step finds
        /// it: then it is returned (no unwinding; see <see cref="AddObjects"/>).
        /// </summary>
        private RejectedException? Dispatch(Statement statement)
        {
            switch (statement)
            {
                case SetSearchPathStatement set:
                    _catalog.SetSearchPath(set.Schemas, set.IsLocal);
                    break;
                case TransactionStatement tx:
                    ApplyTransaction(tx);
                    break;
                case CreateSchemaStatement createSchema:
                    ApplyCreateSchema(createSchema);
                    break;
                case AlterSchemaStatement alterSchema:
                    ApplyAlterSchema(alterSchema);
                    break;
                case CreateTableStatement createTable:
                    ApplyCreateTable(createTable);
                    break;
                case AlterTableStatement alterTable:
                    ApplyAlterTable(alterTable);
                    break;
                case CreateIndexStatement createIndex:
                    ApplyCreateIndex(createIndex);
                    break;
                case AlterIndexStatement alterIndex:
                    ApplyAlterIndex(alterIndex);
                    break;
                case DropStatement drop:
                    ApplyDrop(drop);
                    break;
                case CreateOtherRelationStatement createOther:
                    ApplyCreateOther(createOther);
                    break;
                case AlterOtherRelationStatement alterOther:
                    ApplyAlterOther(alterOther);
                    break;
                case CreateTriggerOrRuleStatement triggerOrRule:
                    ApplyCreateTriggerOrRule(triggerOrRule);
                    break;
                case CreatePublicationStatement createPublication:
                    return ApplyCreatePublication(createPublication);
                case AlterPublicationStatement alterPublication:
                    return ApplyAlterPublication(alterPublication);
                case DmlStatement dml when DmlColumns.FirstMissing(dml, _catalog) is string missing:
                    throw Reject(missing);
            }
            return null;
        }

        private void ApplyTransaction(TransactionStatement tx)
        {
            switch (tx.Action)
            {
                case TransactionAction.Begin:
                    _catalog.BeginTransaction();
                    break;
                case TransactionAction.Commit:
                    _catalog.EndTransaction(commit: true);
                    break;
                case TransactionAction.Rollback:
                    _catalog.EndTransaction(commit: false);
                    break;
                case TransactionAction.Savepoint:
                    if (!_catalog.InTransaction)
                    {
                        throw Reject("SAVEPOINT can only be used in transaction blocks");
                    }
                    _catalog.Savepoint(tx.Savepoint ?? "");
                    break;
                case TransactionAction.RollbackToSavepoint:
                case TransactionAction.ReleaseSavepoint:
                    if (!_catalog.RollbackToSavepoint(tx.Savepoint ?? "", tx.Action == TransactionAction.ReleaseSavepoint))
                    {
                        throw Reject("savepoint \"" + tx.Savepoint + "\" does not exist");
                    }
                    break;
            }
        }

        // ----- rejection -----

        private sealed class RejectedException : Exception
        {
            public RejectedException(string message, RejectionKind kind = RejectionKind.Other)
                : base(message)
            {
                Kind = kind;
            }

            public RejectionKind Kind { get; }
        }

        private static RejectedException Reject(string message) => new RejectedException(message);

        private static RejectedException RejectIdentityIndex(string message) => new RejectedException(message, RejectionKind.IdentityIndex);

        // ----- identity bookkeeping -----

        /// <summary>Remembers whether the table had a usable identity before this statement first changed it.</summary>
        private void Touch(TableObject table)
        {
            if (_touchedFirst == null)
            {
                _touchedFirst = table;
                _touchedFirstHadIdentity = IdentityRules.HasUsableIdentity(table);
            }
            else if (_touchedFirst != table && !_touchedMore.ContainsKey(table))
            {
                _touchedMore[table] = IdentityRules.HasUsableIdentity(table);
            }
        }

        private void RecordIdentityLoss()
        {
            if (_touchedFirst == null)
            {
                return;
            }
            RecordIdentityLoss(_touchedFirst, _touchedFirstHadIdentity);
            foreach (KeyValuePair<TableObject, bool> entry in _touchedMore)
            {
                RecordIdentityLoss(entry.Key, entry.Value);
            }
        }

        private void RecordIdentityLoss(TableObject table, bool hadIdentity)
        {
            _catalog.Set(table, table.KeysChangedBy, _current, static (o, v) => o.KeysChangedBy = v);
            if (hadIdentity && !table.Dropped && !IdentityRules.HasUsableIdentity(table))
            {
                _catalog.Set(table, table.IdentityLostBy, _current, static (o, v) => o.IdentityLostBy = v);
            }
        }

        private void SetIdentity(TableObject table, ReplicaIdentityKind kind, IndexObject? index)
        {
            Touch(table);
            _catalog.Set(table, table.Identity, kind, static (o, v) => o.Identity = v);
            _catalog.Set(table, table.IdentityIndex, index, static (o, v) => o.IdentityIndex = v);
        }

        private void SetNotNull(TableObject table, ColumnObject column, bool value)
        {
            Touch(table);
            _catalog.Set(column, column.NotNull, value, static (o, v) => o.NotNull = v);
        }

        // ----- lookups -----

        private SchemaObject RequireSchema(string name)
        {
            SchemaObject? schema = _catalog.FindSchema(name);
            if (schema == null)
            {
                throw Reject("schema \"" + name + "\" does not exist");
            }
            return schema;
        }

        private TableObject RequireTable(ObjectName name)
        {
            RelationObject? relation = _catalog.FindRelation(name);
            if (relation == null)
            {
                throw Reject("relation \"" + name + "\" does not exist");
            }
            if (!(relation is TableObject table))
            {
                throw Reject("\"" + name.Name + "\" is not a table");
            }
            return table;
        }

        /// <summary>A column of the table; for a table whose columns are unknown (CREATE TABLE AS), a nullable stand-in.</summary>
        private ColumnObject RequireColumn(TableObject table, string name)
        {
            ColumnObject? column = table.FindColumn(name);
            if (column != null)
            {
                return column;
            }
            if (table.ColumnsUnknown)
            {
                column = new ColumnObject(name, notNull: false) { IsLocal = true };
                _catalog.AddToList(table.Columns, column);
                return column;
            }
            throw Reject("column \"" + name + "\" of relation \"" + table.Name + "\" does not exist");
        }

        private static IEnumerable<TableObject> PartitionTree(TableObject table)
        {
            foreach (TableObject partition in table.Partitions)
            {
                yield return partition;
                foreach (TableObject deeper in PartitionTree(partition))
                {
                    yield return deeper;
                }
            }
        }

        /// <summary>Partitions and inheritance children, every level (what ALTER TABLE without ONLY recurses to).</summary>
        private static List<TableObject> Descendants(TableObject table)
        {
            // Most tables have no children: skip the list, set and queue (ALTER TABLE without ONLY asks for every table).
            if (!table.HasChildren)
            {
                return NoDescendants;
            }
            var result = new List<TableObject>();
            var seen = new HashSet<TableObject> { table };
            var queue = new Queue<TableObject>();
            queue.Enqueue(table);
            while (queue.Count > 0)
            {
                TableObject current = queue.Dequeue();
                foreach (TableObject child in current.Partitions)
                {
                    if (seen.Add(child))
                    {
                        result.Add(child);
                        queue.Enqueue(child);
                    }
                }
                foreach (TableObject child in current.InheritChildren)
                {
                    if (seen.Add(child))
                    {
                        result.Add(child);
                        queue.Enqueue(child);
                    }
                }
            }
            return result;
        }

        /// <summary>Shared answer for a table without children; callers only read it.</summary>
        private static readonly List<TableObject> NoDescendants = new List<TableObject>(0);
    }
}
