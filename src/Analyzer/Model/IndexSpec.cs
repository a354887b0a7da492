using System.Collections.Generic;

namespace ReplicaGuard.Model
{
    /// <summary>What an index is made of, before it is created (from a constraint, CREATE INDEX, LIKE or a parent index).</summary>
    internal sealed class IndexSpec
    {
        /// <summary>A spec for an index of <paramref name="keyColumns"/> key columns, filled in by position.</summary>
        public IndexSpec(int keyColumns)
        {
            Columns = keyColumns == 0 ? NoKey : new string?[keyColumns];
            NamingColumns = keyColumns == 0 ? NoNames : new string[keyColumns];
        }

        /// <summary>A spec that names its index like another (a partition's clone, a LIKE copy): the names are shared, never changed.</summary>
        private IndexSpec(int keyColumns, string[] namingColumns)
        {
            Columns = keyColumns == 0 ? NoKey : new string?[keyColumns];
            NamingColumns = namingColumns;
        }

        private static readonly string?[] NoKey = new string?[0];

        public string? Name { get; set; }

        /// <summary>The caller has already found <see cref="Name"/> free in the schema (CREATE INDEX checks it first).</summary>
        public bool NameChecked { get; set; }

        /// <summary>Key columns by name; null entries are expressions. Arrays, not lists: one spec per index created.</summary>
        public string?[] Columns { get; }

        /// <summary>Names used to choose an index name: the column, the function of an expression, or "expr". Kept by the index.</summary>
        public string[] NamingColumns { get; }

        /// <summary>Columns the expressions and the predicate mention (most indexes have none: the list is made by the first).</summary>
        public IReadOnlyList<string> ExpressionColumns => (IReadOnlyList<string>?)_expressionColumns ?? NoNames;

        /// <summary>INCLUDE columns by name (most indexes have none: the list is made by the first).</summary>
        public IReadOnlyList<string> IncludeColumns => (IReadOnlyList<string>?)_includeColumns ?? NoNames;

        /// <summary>A copy's INCLUDE columns as the original index names them (see <see cref="IndexObject.NamingIncludeColumns"/>); null: <see cref="IncludeColumns"/>.</summary>
        public IReadOnlyList<string>? NamingIncludeColumns { get; set; }

        private static readonly string[] NoNames = new string[0];
        private List<string>? _expressionColumns;
        private List<string>? _includeColumns;

        public void AddExpressionColumn(string name) => (_expressionColumns ??= new List<string>()).Add(name);

        public void AddIncludeColumn(string name) => (_includeColumns ??= new List<string>()).Add(name);
        public bool Unique { get; set; }
        public bool Primary { get; set; }
        public bool Constraint { get; set; }
        public bool Exclusion { get; set; }
        public bool Deferrable { get; set; }
        public bool Predicate { get; set; }
        public bool Expressions { get; set; }
        public bool DefaultOrdering { get; set; } = true;
        public bool NullsNotDistinct { get; set; }
        public string Method { get; set; } = "btree";

        public IndexNaming.Kind NamingKind =>
            Primary ? IndexNaming.Kind.PrimaryKey : Exclusion ? IndexNaming.Kind.Exclusion : Constraint ? IndexNaming.Kind.UniqueConstraint : IndexNaming.Kind.Index;

        /// <summary>The same definition applied to another table (partition clone, LIKE copy): name chosen anew.</summary>
        public static IndexSpec From(IndexObject index)
        {
            var spec = new IndexSpec(index.KeyColumns.Length, index.SharedNamingColumns ?? index.KeyColumnNames())
            {
                Unique = index.Unique,
                Primary = index.IsPrimary,
                Constraint = index.IsConstraint,
                Deferrable = index.Deferrable,
                Predicate = index.HasPredicate,
                Expressions = index.HasExpressions,
                DefaultOrdering = index.DefaultOrdering,
                Method = index.Method,
                NullsNotDistinct = index.NullsNotDistinct,
            };
            for (int i = 0; i < index.KeyColumns.Length; i++)
            {
                spec.Columns[i] = index.KeyColumns[i]?.Name;
            }
            foreach (ColumnObject column in index.ExpressionColumns)
            {
                spec.AddExpressionColumn(column.Name);
            }
            foreach (ColumnObject column in index.IncludedColumns)
            {
                spec.AddIncludeColumn(column.Name);
            }
            spec.NamingIncludeColumns = index.NamingIncludeColumns;
            return spec;
        }

        /// <summary>Same key (for merging duplicate constraints and matching partition indexes).</summary>
        public bool SameKeyAs(IndexSpec other)
        {
            if (Columns.Length != other.Columns.Length || Expressions || other.Expressions || Predicate != other.Predicate)
            {
                return false;
            }
            for (int i = 0; i < Columns.Length; i++)
            {
                if (Columns[i] != other.Columns[i])
                {
                    return false;
                }
            }
            if (IncludeColumns.Count != other.IncludeColumns.Count)
            {
                return false;
            }
            for (int i = 0; i < IncludeColumns.Count; i++)
            {
                if (IncludeColumns[i] != other.IncludeColumns[i])
                {
                    return false;
                }
            }
            return Method == other.Method && NullsNotDistinct == other.NullsNotDistinct;
        }
    }
}
