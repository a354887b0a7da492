using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// RG1002's key of last resort: a primary key on the columns every column list publishes, counting the lists that
    /// publications add after the statement. Those lists are unknown when the statement's fixes are computed, and a
    /// key they do not cover is dropped by <see cref="LaterHistory"/>; this keeps the columns the lists of that moment
    /// allow and builds the key at the end of the history (<see cref="KeyFixBuilder"/>).
    /// </summary>
    public sealed class LaterListKey
    {
        private readonly KeyFixBuilder _builder;
        private readonly List<ColumnObject> _columns;
        private readonly StatementRef _statement;

        private LaterListKey(KeyFixBuilder builder, List<ColumnObject> columns, StatementRef statement)
        {
            _builder = builder;
            _columns = columns;
            _statement = statement;
        }

        /// <summary>
        /// The columns a key may use now (those of <paramref name="builder"/> that every column list covering the table
        /// now names). Null when such a key is not what the request needs: a row filter now (its columns would have to be
        /// in the key), a partitioned table (the key must hold the partition key), a table with a key already.
        /// </summary>
        internal static LaterListKey? For(FixRequest request, KeyFixBuilder builder)
        {
            TableObject table = request.Table;
            if (request.Goal != FixGoal.Identity || request.Settings.PostgresVersion < 15 || table.PrimaryKey != null || table.IsPartitioned || table.ColumnsUnknown)
            {
                return null;
            }
            var rows = new List<PublicationRelation>();
            foreach (Coverage coverage in request.CheckedCoverage())
            {
                if (coverage.Row!.RowFilterColumns != null)
                {
                    return null;
                }
                rows.Add(coverage.Row);
            }
            var columns = new List<ColumnObject>();
            foreach (ColumnObject column in builder.Columns)
            {
                if (rows.TrueForAll(r => r.Columns == null || r.ListsColumn(column.Name)))
                {
                    columns.Add(column);
                }
            }
            return columns.Count == 0 ? null : new LaterListKey(builder, columns, request.Statement);
        }

        /// <summary>
        /// The key on the kept columns that every column list added after the statement publishes, with what it assumes;
        /// null when no publication adds a column list later or no column is in all of them.
        /// </summary>
        public CodeFix? Build(TableObject table, out FixAssumptions? assumptions)
        {
            assumptions = null;
            var lists = new List<List<ColumnObject>>();
            foreach (PublicationRelation row in table.PublicationRows.Values)
            {
                if (row.Columns != null && row.AddedBy != null && row.AddedBy.Order > _statement.Order && !row.Publication.Dropped && row.Publication.PublishesUpdateOrDelete)
                {
                    lists.Add(row.Columns);
                }
            }
            if (lists.Count == 0)
            {
                return null;
            }
            List<ColumnObject> key = _columns.FindAll(column => lists.TrueForAll(l => l.Contains(column)));
            if (key.Count == 0)
            {
                return null;
            }
            CodeFix fix = _builder.Key(key, knownUnique: false, out FixAssumptions keyAssumptions, rebuildable: true);
            assumptions = keyAssumptions;
            return fix;
        }
    }
}
