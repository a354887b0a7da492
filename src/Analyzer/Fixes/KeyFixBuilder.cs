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
    /// Builds RG1002's key fixes again at the end of the history, on other columns or as a unique index used as the
    /// identity, with what was true when the statement's fixes were computed: the table's columns and their names then,
    /// whether they were NOT NULL, and where the fix lands. <see cref="LaterHistory"/> uses it when the later history rules
    /// out the key first offered (a later ADD PRIMARY KEY, a later row filter or column list).
    /// </summary>
    public sealed class KeyFixBuilder
    {
        private readonly List<ColumnObject> _columns = new List<ColumnObject>();
        private readonly Dictionary<ColumnObject, string> _names = new Dictionary<ColumnObject, string>();
        private readonly HashSet<ColumnObject> _notNull = new HashSet<ColumnObject>();
        private readonly string _qualified;
        private readonly string _qualifiedTitle;
        private readonly string _tableName;
        private readonly string _keyName;
        private readonly string _resetIdentity;
        private readonly string _resetIdentityTitle;
        private readonly Func<string, TextEdit> _place;

        internal KeyFixBuilder(FixRequest request, string keyName, string resetIdentity, string resetIdentityTitle)
        {
            TableObject table = request.Table;
            foreach (ColumnObject column in table.Columns)
            {
                if (column.Generated == GeneratedKind.None && !column.LacksBtreeOrdering)
                {
                    _columns.Add(column);
                    _names[column] = column.Name;
                    if (column.NotNull)
                    {
                        _notNull.Add(column);
                    }
                }
            }
            _qualified = FixText.Qualified(table);
            _qualifiedTitle = table.QualifiedName;
            _tableName = table.Name;
            _keyName = keyName;
            _resetIdentity = resetIdentity;
            _resetIdentityTitle = resetIdentityTitle;
            _place = CreateTablePlacement.Frozen(request);
        }

        /// <summary>The columns a key could use then, in table order.</summary>
        public IReadOnlyList<ColumnObject> Columns => _columns;

        /// <summary>The column existed then and a key could use it.</summary>
        public bool Knows(ColumnObject column) => _names.ContainsKey(column);

        /// <summary>
        /// ALTER TABLE ... ADD PRIMARY KEY (columns), with what it assumes; <paramref name="rebuildable"/>: the assumptions
        /// keep this builder, so the later history may still turn the key into an identity index.
        /// </summary>
        public CodeFix Key(IReadOnlyList<ColumnObject> columns, bool knownUnique, out FixAssumptions assumptions, bool rebuildable = false)
        {
            string list = Join(columns);
            string title = "Add a primary key (" + list + ") to " + _qualifiedTitle + _resetIdentityTitle + Risk(columns, knownUnique);
            assumptions = new FixAssumptions(columns, indexNames: new[] { _keyName }, builder: rebuildable ? this : null, knownUnique: knownUnique, addsPrimaryKey: true);
            return new CodeFix(title, new[] { _place("ALTER TABLE " + _qualified + " ADD PRIMARY KEY (" + list + ")" + _resetIdentity + ";") }, FixKinds.AddPrimaryKey);
        }

        /// <summary>
        /// A new unique index on the columns (SET NOT NULL first where needed) made the identity, under the first name
        /// PostgreSQL's way that <paramref name="taken"/> does not call taken.
        /// </summary>
        public CodeFix IdentityIndex(IReadOnlyList<ColumnObject> columns, bool knownUnique, Func<string, bool> taken, out FixAssumptions assumptions)
        {
            var names = new List<string>(columns.Count);
            foreach (ColumnObject column in columns)
            {
                names.Add(_names[column]);
            }
            string index = IndexNaming.Choose(_tableName, names, IndexNaming.Kind.UniqueConstraint, taken);
            assumptions = new FixAssumptions(columns, index, indexNames: new[] { index });
            return IdentityIndexNamed(columns, knownUnique, index);
        }

        /// <summary>The same under the given index name.</summary>
        public CodeFix IdentityIndexNamed(IReadOnlyList<ColumnObject> columns, bool knownUnique, string index)
        {
            var sql = new StringBuilder();
            foreach (ColumnObject column in columns)
            {
                if (!_notNull.Contains(column))
                {
                    sql.Append(sql.Length == 0 ? "ALTER TABLE " + _qualified + " " : ", ").Append("ALTER COLUMN ").Append(Identifiers.Quote(_names[column])).Append(" SET NOT NULL");
                }
            }
            if (sql.Length > 0)
            {
                sql.Append("; ");
            }
            string list = Join(columns);
            sql.Append("CREATE UNIQUE INDEX ").Append(Identifiers.Quote(index)).Append(" ON ").Append(_qualified).Append(" (").Append(list).Append("); ");
            sql.Append("ALTER TABLE ").Append(_qualified).Append(" REPLICA IDENTITY USING INDEX ").Append(Identifiers.Quote(index)).Append(';');
            string title = "Create unique index " + index + " on " + _qualifiedTitle + " (" + list + ") and use it as the replica identity" + Risk(columns, knownUnique);
            return new CodeFix(title, new[] { _place(sql.ToString()) }, FixKinds.ReplicaIdentityUsingIndex);
        }

        private string Risk(IReadOnlyList<ColumnObject> columns, bool knownUnique)
        {
            var nullable = new List<string>();
            foreach (ColumnObject column in columns)
            {
                if (!_notNull.Contains(column))
                {
                    nullable.Add(_names[column]);
                }
            }
            return FixText.FailureRisk(!knownUnique, nullable);
        }

        private string Join(IReadOnlyList<ColumnObject> columns)
        {
            var sb = new StringBuilder();
            foreach (ColumnObject column in columns)
            {
                sb.Append(sb.Length == 0 ? "" : ", ").Append(Identifiers.Quote(_names[column]));
            }
            return sb.ToString();
        }
    }
}
