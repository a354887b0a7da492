using System.Collections.Generic;

namespace ReplicaGuard.Model
{
    /// <summary>What an index is made of, before it is created (from a constraint, CREATE INDEX, LIKE or a parent index).</summary>
    internal sealed class IndexSpec
    {
        public IndexSpec()
            : this(0)
        {
        }

        /// <summary>A spec with room for its key columns (one of these per index: no list grows).</summary>
        public IndexSpec(int keyColumns)
        {
            Columns = new List<string?>(keyColumns);
            NamingColumns = new List<string>(keyColumns);
        }

        public string? Name { get; set; }

        /// <summary>Key columns by name; null entries are expressions.</summary>
        public List<string?> Columns { get; }

        /// <summary>Names used to choose an index name: the column, the function of an expression, or "expr".</summary>
        public List<string> NamingColumns { get; }

        public List<string> ExpressionColumns { get; } = new List<string>();

        /// <summary>INCLUDE columns by name.</summary>
        public List<string> IncludeColumns { get; } = new List<string>();
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
            var spec = new IndexSpec(index.Columns.Count)
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
            foreach (ColumnObject? column in index.Columns)
            {
                spec.Columns.Add(column?.Name);
            }
            spec.NamingColumns.AddRange(index.NamingColumns);
            foreach (ColumnObject column in index.ExpressionColumns)
            {
                spec.ExpressionColumns.Add(column.Name);
            }
            foreach (ColumnObject column in index.IncludedColumns)
            {
                spec.IncludeColumns.Add(column.Name);
            }
            return spec;
        }

        /// <summary>Same key (for merging duplicate constraints and matching partition indexes).</summary>
        public bool SameKeyAs(IndexSpec other)
        {
            if (Columns.Count != other.Columns.Count || Expressions || other.Expressions || Predicate != other.Predicate)
            {
                return false;
            }
            for (int i = 0; i < Columns.Count; i++)
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
