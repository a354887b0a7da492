using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// RG1002's key of last resort, when the later history rules out every fix computed at the statement: a primary
    /// key on the columns that every column list publishes (the lists that publications add later included), that
    /// every row filter needs (later ones included), and that no later statement takes NOT NULL from. This keeps what
    /// the lists and filters of that moment require and builds the key at the end of the history
    /// (<see cref="KeyFixBuilder"/>, which keeps the table's columns and names of that moment).
    /// </summary>
    public sealed class LaterListKey
    {
        private readonly KeyFixBuilder _builder;
        private readonly List<ColumnObject> _allowed;
        private readonly List<ColumnObject> _required;
        private readonly StatementRef _statement;

        private LaterListKey(KeyFixBuilder builder, List<ColumnObject> allowed, List<ColumnObject> required, StatementRef statement)
        {
            _builder = builder;
            _allowed = allowed;
            _required = required;
            _statement = statement;
        }

        /// <summary>
        /// The columns a key may use now (those of <paramref name="builder"/> that every column list covering the table now
        /// names) and those it must hold (the row filters' columns). Null when such a key cannot be: a partitioned table
        /// (the key must hold the partition key), a table with a key already, a filter on a column a key cannot use.
        /// </summary>
        internal static LaterListKey? For(FixRequest request, KeyFixBuilder builder)
        {
            TableObject table = request.Table;
            if (request.Goal == FixGoal.Key || table.PrimaryKey != null || table.IsPartitioned || table.ColumnsUnknown)
            {
                return null;
            }
            var rows = new List<PublicationRelation>();
            var required = new List<ColumnObject>();
            foreach (Coverage coverage in request.CheckedCoverage())
            {
                PublicationRelation row = coverage.Row!;
                rows.Add(row);
                List<ColumnObject>? filter = RowColumns.FilterColumnsOf(row, table);
                if (filter == null || !filter.TrueForAll(builder.Knows))
                {
                    return null;
                }
                foreach (ColumnObject column in filter)
                {
                    if (!required.Contains(column))
                    {
                        required.Add(column);
                    }
                }
            }
            var allowed = new List<ColumnObject>();
            foreach (ColumnObject column in builder.Columns)
            {
                if (rows.TrueForAll(r => r.Columns == null || r.ListsColumn(column.Name)))
                {
                    allowed.Add(column);
                }
            }
            return allowed.Count == 0 || !required.TrueForAll(allowed.Contains) ? null : new LaterListKey(builder, allowed, required, request.Statement);
        }

        /// <summary>
        /// The key on the kept columns that every column list added after the statement publishes and no later statement
        /// drops NOT NULL from, holding every filter's columns, with what it assumes; null when no column is left or a
        /// filter's column is not in the key.
        /// </summary>
        public CodeFix? Build(TableObject table, TableChanges changes, ISet<StatementRef> rejected, out FixAssumptions? assumptions)
        {
            assumptions = null;
            var lists = new List<List<ColumnObject>>();
            var required = new List<ColumnObject>(_required);
            foreach (PublicationRelation row in table.PublicationRows.Values)
            {
                if (row.AddedBy == null || row.AddedBy.Order <= _statement.Order || row.Publication.Dropped || !row.Publication.PublishesUpdateOrDelete)
                {
                    continue;
                }
                if (row.Columns != null)
                {
                    lists.Add(row.Columns);
                }
                List<ColumnObject>? filter = RowColumns.FilterColumnsOf(row, table);
                if (filter == null)
                {
                    return null;
                }
                required.AddRange(filter);
            }
            List<ColumnObject> key = _allowed.FindAll(column => lists.TrueForAll(l => l.Contains(column))
                && !changes.NotNullDroppedAfter(new[] { column }, _statement, rejected));
            if (key.Count == 0 || !required.TrueForAll(key.Contains))
            {
                return null;
            }
            CodeFix fix = _builder.Key(key, knownUnique: false, out FixAssumptions keyAssumptions, rebuildable: true);
            assumptions = keyAssumptions;
            return fix;
        }
    }
}
