using System;
using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// RG1002's key of last resort: a primary key on the columns every column list publishes, counting the lists that
    /// publications add after the statement. Those lists are unknown when the statement's fixes are computed, and a
    /// key they do not cover is dropped by <see cref="LaterHistory"/>; this keeps what the key needs from that moment
    /// (the table's columns and names, where the fix lands) and builds the key at the end of the history.
    /// </summary>
    public sealed class LaterListKey
    {
        private readonly List<ColumnObject> _columns;
        private readonly List<string> _names;
        private readonly List<bool> _notNull;
        private readonly string _qualified;
        private readonly string _qualifiedTitle;
        private readonly string _keyName;
        private readonly string _resetIdentity;
        private readonly string _resetIdentityTitle;
        private readonly Func<string, TextEdit> _place;
        private readonly StatementRef _statement;

        private LaterListKey(FixRequest request, List<ColumnObject> columns, string keyName, string resetIdentity, string resetIdentityTitle)
        {
            TableObject table = request.Table;
            _columns = columns;
            _names = columns.ConvertAll(c => c.Name);
            _notNull = columns.ConvertAll(c => c.NotNull);
            _qualified = FixText.Qualified(table);
            _qualifiedTitle = table.QualifiedName;
            _keyName = keyName;
            _resetIdentity = resetIdentity;
            _resetIdentityTitle = resetIdentityTitle;
            _place = CreateTablePlacement.Frozen(request);
            _statement = request.Statement;
        }

        /// <summary>
        /// What the key needs, taken now: the columns a key may use (not generated, with a btree ordering, listed by
        /// every column list that covers the table now). Null when such a key is not what the request needs: a row
        /// filter now (its columns would have to be in the key), a partitioned table (the key must hold the partition
        /// key), a table with a key already.
        /// </summary>
        internal static LaterListKey? For(FixRequest request, string keyName, string resetIdentity, string resetIdentityTitle)
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
            foreach (ColumnObject column in table.Columns)
            {
                if (column.Generated == GeneratedKind.None && !column.LacksBtreeOrdering && rows.TrueForAll(r => r.Columns == null || r.ListsColumn(column.Name)))
                {
                    columns.Add(column);
                }
            }
            return columns.Count == 0 ? null : new LaterListKey(request, columns, keyName, resetIdentity, resetIdentityTitle);
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
            var key = new List<ColumnObject>();
            var sql = new StringBuilder();
            var nullable = new List<string>();
            for (int i = 0; i < _columns.Count; i++)
            {
                ColumnObject column = _columns[i];
                if (!lists.TrueForAll(l => l.Contains(column)))
                {
                    continue;
                }
                key.Add(column);
                sql.Append(sql.Length == 0 ? "" : ", ").Append(Identifiers.Quote(_names[i]));
                if (!_notNull[i])
                {
                    nullable.Add(_names[i]);
                }
            }
            if (key.Count == 0)
            {
                return null;
            }
            string list = sql.ToString();
            string statement = "ALTER TABLE " + _qualified + " ADD PRIMARY KEY (" + list + ")" + _resetIdentity + ";";
            string title = "Add a primary key (" + list + ") to " + _qualifiedTitle + _resetIdentityTitle + " (fails if existing rows have duplicate values"
                + (nullable.Count > 0 ? " or NULL in " + string.Join(", ", nullable.ToArray()) : "") + ")";
            TextEdit edit = _place(statement);
            assumptions = new FixAssumptions(key, indexNames: new[] { _keyName });
            return new CodeFix(title, new[] { edit }, FixKinds.AddPrimaryKey);
        }
    }
}
