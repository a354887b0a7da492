using System;
using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>Index creation (from constraints, CREATE INDEX, LIKE and partitioning), DROP INDEX, ALTER INDEX.</summary>
    public sealed partial class Replayer
    {
        /// <summary>
        /// DefineIndex: creates the index on the table and, for a partitioned table (unless ONLY), on every
        /// partition, attaching an equivalent existing index where there is one.
        /// </summary>
        private IndexObject CreateIndex(TableObject table, IndexSpec spec, bool recurse, IndexObject? parentIndex)
        {
            if (spec.Primary && table.PrimaryKey != null)
            {
                throw Reject("multiple primary keys for table \"" + table.Name + "\" are not allowed");
            }
            var columns = new ColumnObject?[spec.Columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                string? name = spec.Columns[i];
                columns[i] = name == null ? null : RequireColumn(table, name);
            }
            if (spec.Constraint || spec.Primary)
            {
                ColumnObject? twice = FirstRepeated(columns);
                if (twice != null)
                {
                    throw Reject("column \"" + twice.Name + "\" appears twice in " + (spec.Primary ? "primary key" : "unique") + " constraint");
                }
            }
            if (table.IsPartitioned && (spec.Unique || spec.Primary || spec.Exclusion))
            {
                foreach (ColumnObject? key in table.PartitionKey)
                {
                    if (key == null)
                    {
                        throw Reject("unsupported " + (spec.Primary ? "PRIMARY KEY" : "UNIQUE") + " constraint with partition key definition");
                    }
                    if (Array.IndexOf(columns, key) < 0)
                    {
                        throw Reject("unique constraint on partitioned table must include all partitioning columns");
                    }
                }
            }

            string name1;
            if (spec.Name != null)
            {
                name1 = spec.Name;
                if (!spec.NameChecked && table.Schema.Relations.ContainsKey(name1))
                {
                    throw Reject("relation \"" + name1 + "\" already exists");
                }
            }
            else
            {
                // ChooseIndexColumnNames names key and INCLUDE columns alike.
                IReadOnlyList<string> naming = spec.NamingColumns;
                if (spec.IncludeColumns.Count > 0)
                {
                    var withIncluded = new List<string>(spec.NamingColumns);
                    withIncluded.AddRange(spec.NamingIncludeColumns ?? spec.IncludeColumns);
                    naming = withIncluded;
                }
                name1 = IndexNaming.Choose(table.Name, IndexNaming.UniqueColumnNames(naming), spec.NamingKind, table.Schema);
            }

            var index = new IndexObject(name1, table.Schema, table, columns)
            {
                Unique = spec.Unique || spec.Primary,
                IsPrimary = spec.Primary,
                IsConstraint = spec.Constraint || spec.Primary,
                Deferrable = spec.Deferrable,
                HasPredicate = spec.Predicate,
                HasExpressions = spec.Expressions,
                DefaultOrdering = spec.DefaultOrdering,
                Method = spec.Method,
                NullsNotDistinct = spec.NullsNotDistinct,
                CreatedBy = _current,
                ParentIndex = parentIndex,
                ConstraintRecurses = parentIndex != null || table.IsPartitioned,
            };
            if (spec.ExpressionColumns.Count > 0)
            {
                var expressionColumns = new List<ColumnObject>(spec.ExpressionColumns.Count);
                foreach (string name in spec.ExpressionColumns)
                {
                    ColumnObject? column = table.FindColumn(name);
                    if (column != null)
                    {
                        expressionColumns.Add(column);
                    }
                }
                index.ExpressionColumns = expressionColumns;
            }
            if (spec.IncludeColumns.Count > 0)
            {
                var included = new List<ColumnObject>(spec.IncludeColumns.Count);
                foreach (string name in spec.IncludeColumns)
                {
                    included.Add(RequireColumn(table, name));
                }
                index.IncludedColumns = included;
            }
            index.SharedNamingColumns = NamedAfterKey(spec.NamingColumns, columns) ? null : spec.NamingColumns;
            index.NamingIncludeColumns = spec.NamingIncludeColumns ?? (spec.IncludeColumns.Count == 0 ? null : new List<string>(spec.IncludeColumns));

            Touch(table);
            if (spec.Primary)
            {
                foreach (ColumnObject? column in columns)
                {
                    if (column != null && !column.NotNull)
                    {
                        SetNotNullRecursive(table, column.Name, recurse);
                    }
                }
            }
            _catalog.AddRelation(index);
            _catalog.AddToList(table.Indexes, index);
            if (index.IsPrimary)
            {
                _catalog.Set(table, table.PrimaryKey, index, static (o, v) => o.PrimaryKey = v);
            }
            if (parentIndex != null)
            {
                _catalog.AddToList(parentIndex.ChildIndexList, index);
            }

            if (table.IsPartitioned)
            {
                if (recurse)
                {
                    foreach (TableObject partition in table.Partitions)
                    {
                        EnsurePartitionIndex(partition, index);
                    }
                }
                else if (table.Partitions.Count > 0)
                {
                    // ONLY on a partitioned table with partitions: invalid until every partition's index is attached.
                    index.Valid = false;
                }
            }
            return index;
        }

        /// <summary>The naming names are the key columns' own names (no expression): the index need not keep them.</summary>
        private static bool NamedAfterKey(string[] naming, ColumnObject?[] key)
        {
            if (naming.Length != key.Length)
            {
                return false;
            }
            for (int i = 0; i < key.Length; i++)
            {
                if (key[i]?.Name != naming[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The first column that appears twice in a key, or null.</summary>
        private static ColumnObject? FirstRepeated(ColumnObject?[] columns)
        {
            // Real keys are short (PostgreSQL allows 32 columns): a set only for hostile input, to stay linear.
            HashSet<ColumnObject>? seen = columns.Length > 32 ? new HashSet<ColumnObject>() : null;
            for (int i = 0; i < columns.Length; i++)
            {
                ColumnObject? column = columns[i];
                if (column != null && (seen != null ? !seen.Add(column) : Array.IndexOf(columns, column, 0, i) >= 0))
                {
                    return column;
                }
            }
            return null;
        }

        /// <summary>AttachPartitionEnsureIndexes for one parent index: attach a matching index or create a clone.</summary>
        private void EnsurePartitionIndex(TableObject partition, IndexObject parentIndex)
        {
            IndexSpec wanted = IndexSpec.From(parentIndex);
            foreach (IndexObject candidate in partition.Indexes)
            {
                if (candidate.ParentIndex != null || candidate.Unique != parentIndex.Unique)
                {
                    continue;
                }
                if (parentIndex.IsConstraint && (!candidate.IsConstraint || candidate.IsPrimary != parentIndex.IsPrimary))
                {
                    continue;
                }
                if (!IndexSpec.From(candidate).SameKeyAs(wanted))
                {
                    continue;
                }
                _catalog.Set(candidate, candidate.ParentIndex, parentIndex, static (o, v) => o.ParentIndex = v);
                _catalog.AddToList(parentIndex.ChildIndexList, candidate);
                return;
            }
            CreateIndex(partition, wanted, recurse: true, parentIndex);
        }

        private void SetNotNullRecursive(TableObject table, string columnName, bool recurse)
        {
            ColumnObject? column = table.FindColumn(columnName);
            if (column != null)
            {
                SetNotNull(table, column, true);
            }
            if (recurse)
            {
                foreach (TableObject child in table.Partitions)
                {
                    SetNotNullRecursive(child, columnName, true);
                }
            }
        }

        private void DropIndexObject(IndexObject index)
        {
            if (index.Dropped)
            {
                return;
            }
            foreach (IndexObject child in new List<IndexObject>(index.ChildIndexes))
            {
                DropIndexObject(child);
            }
            TableObject table = index.Table;
            Touch(table);
            _catalog.RemoveRelation(index);
            _catalog.RemoveFromList(table.Indexes, index);
            if (table.PrimaryKey == index)
            {
                _catalog.Set(table, table.PrimaryKey, null, static (o, v) => o.PrimaryKey = v);
            }
            if (index.ParentIndex != null)
            {
                _catalog.RemoveFromList(index.ParentIndex.ChildIndexList, index);
            }
            if (table.IdentityIndex == index)
            {
                _catalog.Set(table, table.IdentityIndex, null, static (o, v) => o.IdentityIndex = v);
            }
        }

        private void ApplyCreateIndex(CreateIndexStatement s)
        {
            RelationObject? relation = _catalog.FindRelation(s.Table);
            if (relation == null)
            {
                throw Reject("relation \"" + s.Table + "\" does not exist");
            }
            if (relation is OtherRelation other && other.Kind == RelationKind.MaterializedView)
            {
                return; // indexes on materialized views never matter for replication
            }
            if (!(relation is TableObject table))
            {
                throw Reject("cannot create index on relation \"" + s.Table.Name + "\"");
            }
            if (s.Name != null && table.Schema.Relations.ContainsKey(s.Name.Value.Name))
            {
                if (s.IfNotExists)
                {
                    return;
                }
                throw Reject("relation \"" + s.Name.Value.Name + "\" already exists");
            }
            if (s.Concurrently)
            {
                if (_catalog.InTransaction)
                {
                    throw Reject("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
                }
                if (table.IsPartitioned)
                {
                    throw Reject("cannot create index on partitioned table \"" + table.Name + "\" concurrently");
                }
            }

            var spec = new IndexSpec(s.Elements.Count)
            {
                Name = s.Name?.Name,
                NameChecked = true, // above, before anything could take the name
                Unique = s.Unique,
                Predicate = s.HasPredicate,
                Method = s.Method,
                NullsNotDistinct = s.NullsNotDistinct,
            };
            for (int i = 0; i < s.Elements.Count; i++)
            {
                IndexElement element = s.Elements[i];
                if (element.Column != null)
                {
                    spec.Columns[i] = element.Column.Value.Name;
                    spec.NamingColumns[i] = element.Column.Value.Name;
                }
                else
                {
                    spec.Expressions = true;
                    foreach (string referenced in element.ReferencedColumns)
                    {
                        spec.AddExpressionColumn(referenced);
                    }
                    spec.NamingColumns[i] = element.NamingName ?? "expr";
                }
                spec.DefaultOrdering &= element.DefaultOrdering;
            }
            foreach (string referenced in s.PredicateColumns)
            {
                spec.AddExpressionColumn(referenced);
            }
            foreach (Identifier include in s.IncludeColumns)
            {
                spec.AddIncludeColumn(include.Name);
            }
            if (s.Unique && s.Method != "btree")
            {
                throw Reject("access method \"" + s.Method + "\" does not support unique indexes");
            }
            CreateIndex(table, spec, recurse: !s.Only, parentIndex: null);
        }

        private void DropIndexes(DropStatement s)
        {
            if (s.Concurrently)
            {
                if (s.Names.Count > 1)
                {
                    throw Reject("DROP INDEX CONCURRENTLY does not support dropping multiple objects");
                }
                if (_catalog.InTransaction)
                {
                    throw Reject("DROP INDEX CONCURRENTLY cannot run inside a transaction block");
                }
            }
            foreach (ObjectName name in s.Names)
            {
                IndexObject? index = DropTarget<IndexObject>(name, s.IfExists, "index");
                if (index == null)
                {
                    continue;
                }
                if (index.IsConstraint)
                {
                    throw Reject("cannot drop index " + index.Name + " because constraint " + index.Name + " on table " + index.Table.Name + " requires it");
                }
                if (index.ParentIndex != null)
                {
                    throw Reject("cannot drop index " + index.Name + " because index " + index.ParentIndex.Name + " requires it");
                }
                DropIndexObject(index);
            }
        }

        private void ApplyAlterIndex(AlterIndexStatement s)
        {
            RelationObject? relation = _catalog.FindRelation(s.Name);
            if (relation == null)
            {
                if (s.IfExists)
                {
                    return;
                }
                throw Reject("relation \"" + s.Name + "\" does not exist");
            }
            if (s.RenameTo != null)
            {
                RenameRelation(relation, s.RenameTo.Value.Name);
                return;
            }
            if (s.SetSchema != null)
            {
                return; // ALTER INDEX ... SET SCHEMA is ignored by PostgreSQL for indexes (they follow their table)
            }
            if (s.AttachPartition != null && relation is IndexObject parentIndex)
            {
                RelationObject? childRelation = _catalog.FindRelation(s.AttachPartition.Value);
                if (!(childRelation is IndexObject child))
                {
                    throw Reject("relation \"" + s.AttachPartition + "\" does not exist");
                }
                if (child.ParentIndex == parentIndex)
                {
                    return;
                }
                if (child.ParentIndex != null || child.Table.PartitionParent != parentIndex.Table)
                {
                    throw Reject("cannot attach index \"" + child.Name + "\" as a partition of index \"" + parentIndex.Name + "\"");
                }
                _catalog.Set(child, child.ParentIndex, parentIndex, static (o, v) => o.ParentIndex = v);
                _catalog.AddToList(parentIndex.ChildIndexList, child);
                if (!parentIndex.Valid && parentIndex.ChildIndexes.Count >= parentIndex.Table.Partitions.Count)
                {
                    _catalog.Set(parentIndex, parentIndex.Valid, true, static (o, v) => o.Valid = v);
                }
            }
        }

        /// <summary>RENAME of any relation: the new name must be free in its schema.</summary>
        private void RenameRelation(RelationObject relation, string newName)
        {
            if (relation.Schema.Relations.ContainsKey(newName))
            {
                throw Reject("relation \"" + newName + "\" already exists");
            }
            _catalog.RenameRelation(relation, newName);
        }
    }
}
