using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// ALTER TABLE. PostgreSQL runs the subcommands of one statement in passes (drops, type changes, added
    /// columns, column attributes, indexes, other constraints, the rest), not in written order; so do we.
    /// </summary>
    public sealed partial class Replayer
    {
        private void ApplyAlterTable(AlterTableStatement s)
        {
            RelationObject? relation = _catalog.FindRelation(s.Name);
            if (relation == null)
            {
                if (s.IfExists)
                {
                    return; // NOTICE: relation does not exist, skipping
                }
                throw Reject("relation \"" + s.Name + "\" does not exist");
            }
            if (s.Actions.Count == 1 && relation is not TableObject)
            {
                // ALTER TABLE may rename or move any relation.
                AlterTableAction only = s.Actions[0];
                if (only.Kind == AlterTableActionKind.RenameTable && only.Target != null)
                {
                    RenameRelation(relation, only.Target.Value.Name);
                    return;
                }
                if (only.Kind == AlterTableActionKind.SetSchema && only.Target != null)
                {
                    MoveRelation(relation, only.Target.Value.Name);
                    return;
                }
            }
            if (!(relation is TableObject table))
            {
                throw Reject("\"" + s.Name.Name + "\" is not a table");
            }

            if (s.Actions.Count == 1)
            {
                // Most ALTER TABLEs have one action: no passes to order.
                ApplyAlterTableAction(table, s.Actions[0], recurse: !s.Only);
                return;
            }
            // Pass by pass, in written order within a pass (a stable sort without allocating one: passes are few).
            for (int pass = 0; pass <= LastPass; pass++)
            {
                foreach (AlterTableAction action in s.Actions)
                {
                    if (Pass(action) == pass)
                    {
                        ApplyAlterTableAction(table, action, recurse: !s.Only);
                    }
                }
            }
        }

        private const int LastPass = 11;

        /// <summary>AT_PASS_* order of tablecmds.c.</summary>
        private static int Pass(AlterTableAction action)
        {
            switch (action.Kind)
            {
                case AlterTableActionKind.DropColumn:
                case AlterTableActionKind.DropConstraint:
                case AlterTableActionKind.DropNotNull:
                    return 0;
                case AlterTableActionKind.AlterColumnType:
                    return 1;
                case AlterTableActionKind.AddColumn:
                    return 4;
                case AlterTableActionKind.SetNotNull:
                case AlterTableActionKind.AddIdentity:
                    return 6;
                case AlterTableActionKind.AddConstraint:
                    ConstraintKind kind = action.Constraint!.Kind;
                    if (kind == ConstraintKind.PrimaryKey || kind == ConstraintKind.Unique || kind == ConstraintKind.Exclude)
                    {
                        return action.Constraint.UsingIndex != null ? 8 : 9;
                    }
                    return kind == ConstraintKind.NotNull ? 6 : 10;
                default:
                    return 11;
            }
        }

        private void ApplyAlterTableAction(TableObject table, AlterTableAction a, bool recurse)
        {
            switch (a.Kind)
            {
                case AlterTableActionKind.AddColumn:
                    AddColumn(table, a, recurse);
                    break;
                case AlterTableActionKind.DropColumn:
                    DropColumn(table, a.Column!.Value.Name, a.IfExists, a.Cascade, recurse, top: true);
                    break;
                case AlterTableActionKind.SetNotNull:
                    {
                        RequireColumn(table, a.Column!.Value.Name);
                        if (!recurse && table.IsPartitioned && table.Partitions.Count > 0)
                        {
                            throw Reject("constraint must be added to child tables too");
                        }
                        SetNotNullDeep(table, a.Column.Value.Name, recurse);
                        break;
                    }
                case AlterTableActionKind.DropNotNull:
                    DropNotNull(table, a.Column!.Value.Name, recurse);
                    break;
                case AlterTableActionKind.AlterColumnType:
                    {
                        ColumnObject column = RequireColumn(table, a.Column!.Value.Name);
                        // ATPrepAlterColumnType: a column's type changes from the top of its inheritance tree down.
                        if (column.InheritCount > 0)
                        {
                            throw Reject("cannot alter inherited column \"" + column.Name + "\"");
                        }
                        if (!recurse && table.HasChildren)
                        {
                            throw Reject("type of inherited column \"" + column.Name + "\" must be changed in child tables too");
                        }
                        SetColumnType(table, column.Name, a.TypeName, a.TypeIsOneWord, recurse);
                        break;
                    }
                case AlterTableActionKind.Other:
                    if (a.Column != null)
                    {
                        RequireColumn(table, a.Column.Value.Name);
                    }
                    break;
                case AlterTableActionKind.AddIdentity:
                    {
                        ColumnObject column = RequireColumn(table, a.Column!.Value.Name);
                        if (!column.NotNull)
                        {
                            throw Reject("column \"" + column.Name + "\" of relation \"" + table.Name + "\" must be declared NOT NULL before identity can be added");
                        }
                        _catalog.Set(column, column.IsIdentity, true, static (o, v) => o.IsIdentity = v);
                        break;
                    }
                case AlterTableActionKind.AddConstraint:
                    AddConstraint(table, a.Constraint!, recurse);
                    break;
                case AlterTableActionKind.DropConstraint:
                    DropConstraint(table, a.Target!.Value.Name, recurse);
                    break;
                case AlterTableActionKind.RenameConstraint:
                    {
                        IndexObject? index = FindConstraintIndex(table, a.Column!.Value.Name);
                        if (index != null)
                        {
                            RenameRelation(index, a.Target!.Value.Name);
                        }
                        break;
                    }
                case AlterTableActionKind.ReplicaIdentity:
                    SetReplicaIdentity(table, a);
                    break;
                case AlterTableActionKind.SetLogged:
                case AlterTableActionKind.SetUnlogged:
                    SetPersistence(table, a.Kind == AlterTableActionKind.SetLogged ? Persistence.Permanent : Persistence.Unlogged);
                    break;
                case AlterTableActionKind.RenameTable:
                    RenameRelation(table, a.Target!.Value.Name);
                    break;
                case AlterTableActionKind.RenameColumn:
                    RenameColumn(table, a.Column!.Value.Name, a.Target!.Value.Name, recurse, top: true);
                    break;
                case AlterTableActionKind.SetSchema:
                    MoveRelation(table, a.Target!.Value.Name);
                    break;
                case AlterTableActionKind.AttachPartition:
                    AttachPartition(table, a.Relation!.Value, a.Bound);
                    break;
                case AlterTableActionKind.DetachPartition:
                    DetachPartition(table, a.Relation!.Value);
                    break;
                case AlterTableActionKind.Inherit:
                    {
                        TableObject parent = RequireTable(a.Relation!.Value);
                        if (parent == table || table.InheritsFrom(parent))
                        {
                            throw Reject("relation \"" + parent.Name + "\" would be inherited from more than once");
                        }
                        if (Descendants(table).Contains(parent))
                        {
                            // ATExecAddInherit: a cycle would also make every recursive walk of the tree endless.
                            throw Reject("circular inheritance not allowed");
                        }
                        _catalog.AddToList(table.InheritParentList, parent);
                        _catalog.AddToList(parent.InheritChildList, table);
                        break;
                    }
                case AlterTableActionKind.NoInherit:
                    {
                        TableObject parent = RequireTable(a.Relation!.Value);
                        if (!table.InheritsFrom(parent))
                        {
                            throw Reject("relation \"" + parent.Name + "\" is not a parent of relation \"" + table.Name + "\"");
                        }
                        _catalog.RemoveFromList(table.InheritParentList, parent);
                        _catalog.RemoveFromList(parent.InheritChildList, table);
                        break;
                    }
            }
        }

        private void AddColumn(TableObject table, AlterTableAction a, bool recurse)
        {
            ColumnDefinition def = a.ColumnDefinition!;
            string name = def.Name.Name;
            if (table.PartitionParent != null)
            {
                // ATExecAddColumn at top level, before IF NOT EXISTS: a partition takes its columns from its parent.
                throw Reject("cannot add column to a partition");
            }
            if (table.FindColumn(name) != null)
            {
                if (a.IfNotExists)
                {
                    return;
                }
                throw Reject("column \"" + name + "\" of relation \"" + table.Name + "\" already exists");
            }
            if (!recurse && table.HasChildren)
            {
                throw Reject("column must be added to child tables too");
            }
            bool notNull = def.NotNull || def.ImplicitNotNull;
            byte type = ColumnTypes.Of(def.TypeName, def.TypeIsOneWord);
            List<TableObject> descendants = Descendants(table);
            foreach (TableObject child in descendants)
            {
                ColumnObject? existing = child.FindColumn(name);
                if (existing != null && ColumnTypes.Differ(existing.TypeCode, type))
                {
                    // ATExecAddColumn merges the new column into a child's column of that name only when the types match.
                    throw Reject("child table \"" + child.Name + "\" has different type for column \"" + name + "\"");
                }
            }
            AddColumnTo(table, name, notNull, def, local: true);
            foreach (TableObject child in descendants)
            {
                ColumnObject? existing = child.FindColumn(name);
                if (existing != null)
                {
                    _catalog.Set(existing, existing.InheritCount, existing.InheritCount + 1, static (o, v) => o.InheritCount = v);
                    continue;
                }
                AddColumnTo(child, name, notNull, def, local: false);
            }
            foreach (TableConstraint c in def.Constraints)
            {
                AddConstraint(table, c, recurse);
            }
        }

        private void AddColumnTo(TableObject table, string name, bool notNull, ColumnDefinition def, bool local)
        {
            var column = new ColumnObject(name, notNull)
            {
                Generated = def.Generated,
                IsIdentity = def.IsIdentity,
                IsLocal = local,
                InheritCount = local ? 0 : 1,
                LacksBtreeOrdering = ColumnObject.TypeLacksBtreeOrdering(def.TypeName),
                TypeCode = ColumnTypes.Of(def.TypeName, def.TypeIsOneWord),
            };
            Touch(table);
            _catalog.AddToList(table.Columns, column);
        }

        private void DropColumn(TableObject table, string name, bool ifExists, bool cascade, bool recurse, bool top)
        {
            ColumnObject? column = table.FindColumn(name);
            if (column == null)
            {
                if (ifExists || !top)
                {
                    return;
                }
                throw Reject("column \"" + name + "\" of relation \"" + table.Name + "\" does not exist");
            }
            if (top && column.InheritCount > 0)
            {
                throw Reject("cannot drop inherited column \"" + name + "\"");
            }
            if (!top && !(column.InheritCount == 1 && !column.IsLocal))
            {
                // The child also defines the column itself or inherits it from another parent: it survives.
                _catalog.Set(column, column.InheritCount, column.InheritCount - 1, static (o, v) => o.InheritCount = v);
                return;
            }
            if (top && !recurse && table.IsPartitioned && table.Partitions.Count > 0)
            {
                throw Reject("cannot drop column from only the partitioned table when partitions exist");
            }
            if (table.InPartitionKey(column))
            {
                throw Reject("cannot drop column \"" + name + "\" because it is part of the partition key of relation \"" + table.Name + "\"");
            }

            foreach (PublicationObject publication in new List<PublicationObject>(table.PublicationRows.Keys))
            {
                PublicationRelation row = table.PublicationRows[publication];
                bool used = (row.Columns != null && row.Columns.Contains(column)) || (row.RowFilterColumns != null && row.RowFilterColumns.Contains(column));
                if (!used)
                {
                    continue;
                }
                if (!cascade)
                {
                    throw Reject("cannot drop column " + name + " of table " + table.Name + " because other objects depend on it");
                }
                _catalog.RemovePublicationRow(publication, table);
            }

            foreach (IndexObject index in new List<IndexObject>(table.Indexes))
            {
                if (index.HasKeyColumn(column) || Mentions(index.ExpressionColumns, column) || Mentions(index.IncludedColumns, column))
                {
                    DropIndexObject(index);
                }
            }
            Touch(table);
            _catalog.RemoveFromList(table.Columns, column);

            foreach (TableObject child in new List<TableObject>(table.Partitions))
            {
                DropColumn(child, name, ifExists: true, cascade, recurse: true, top: false);
            }
            foreach (TableObject child in new List<TableObject>(table.InheritChildren))
            {
                if (recurse)
                {
                    DropColumn(child, name, ifExists: true, cascade, recurse: true, top: false);
                    continue;
                }
                // ONLY: the children keep the column as their own.
                ColumnObject? childColumn = child.FindColumn(name);
                if (childColumn != null)
                {
                    _catalog.Set(childColumn, childColumn.InheritCount, childColumn.InheritCount - 1, static (o, v) => o.InheritCount = v);
                    _catalog.Set(childColumn, childColumn.IsLocal, true, static (o, v) => o.IsLocal = v);
                }
            }
        }

        private static bool Mentions(IReadOnlyList<ColumnObject> columns, ColumnObject column)
        {
            for (int i = 0; i < columns.Count; i++)
            {
                if (columns[i] == column)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Iterative over <see cref="Descendants"/>: each table once, whatever the depth or shared parents.</summary>
        private void SetNotNullDeep(TableObject table, string name, bool recurse)
        {
            SetNotNullIfPresent(table, name);
            if (!recurse)
            {
                return;
            }
            foreach (TableObject child in Descendants(table))
            {
                SetNotNullIfPresent(child, name);
            }
        }

        private void SetNotNullIfPresent(TableObject table, string name)
        {
            ColumnObject? column = table.FindColumn(name);
            if (column != null)
            {
                SetNotNull(table, column, true);
            }
        }

        /// <summary>
        /// ALTER COLUMN ... TYPE: whether the new type can be in a key, and the type when it is known. Without ONLY it
        /// changes the column in every partition and inheritance child (a work list: chains can be deep).
        /// </summary>
        private void SetColumnType(TableObject table, string name, string typeName, bool oneWord, bool recurse)
        {
            bool lacks = ColumnObject.TypeLacksBtreeOrdering(typeName);
            byte type = ColumnTypes.Of(typeName, oneWord);
            var seen = new HashSet<TableObject>();
            var pending = new Stack<TableObject>();
            pending.Push(table);
            while (pending.Count > 0)
            {
                TableObject current = pending.Pop();
                ColumnObject? column = seen.Add(current) ? current.FindColumn(name) : null;
                if (column == null)
                {
                    continue;
                }
                if (column.LacksBtreeOrdering != lacks)
                {
                    _catalog.Set(column, column.LacksBtreeOrdering, lacks, static (o, v) => o.LacksBtreeOrdering = v);
                }
                if (column.TypeCode != type)
                {
                    _catalog.Set(column, column.TypeCode, type, static (o, v) => o.TypeCode = v);
                }
                if (recurse)
                {
                    foreach (TableObject partition in current.Partitions)
                    {
                        pending.Push(partition);
                    }
                    foreach (TableObject child in current.InheritChildren)
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        /// <summary>
        /// ALTER COLUMN ... DROP NOT NULL. Without ONLY it reaches every partition and inheritance child, every level
        /// (ATSimpleRecursion in ATPrepCmd), and each is checked as the table itself: a child whose primary key or
        /// replica identity index holds the column rejects the whole statement. This is PostgreSQL 13 to 17; 18 made
        /// NOT NULL an inherited constraint (local or inherited per child), which the model does not record.
        /// </summary>
        private void DropNotNull(TableObject table, string name, bool recurse)
        {
            DropNotNullOf(table, name, recurse);
            if (recurse)
            {
                foreach (TableObject child in Descendants(table))
                {
                    DropNotNullOf(child, name, recurse: true);
                }
            }
        }

        private void DropNotNullOf(TableObject table, string name, bool recurse)
        {
            ColumnObject column = RequireColumn(table, name);
            IndexObject? pk = table.PrimaryKey;
            if (pk != null && pk.HasKeyColumn(column))
            {
                throw Reject("column \"" + name + "\" is in a primary key");
            }
            if (table.Identity == ReplicaIdentityKind.Index && table.IdentityIndex != null && table.IdentityIndex.HasKeyColumn(column))
            {
                throw Reject("column \"" + name + "\" is in index used as replica identity");
            }
            if (column.IsIdentity)
            {
                throw Reject("column \"" + name + "\" of relation \"" + table.Name + "\" is an identity column");
            }
            if (table.PartitionParent != null)
            {
                ColumnObject? parentColumn = table.PartitionParent.FindColumn(name);
                if (parentColumn != null && parentColumn.NotNull)
                {
                    throw Reject("column \"" + name + "\" is marked NOT NULL in parent table");
                }
            }
            if (!recurse && table.IsPartitioned && table.Partitions.Count > 0)
            {
                throw Reject("cannot remove constraint from only the partitioned table when partitions exist");
            }
            SetNotNull(table, column, false);
        }

        private static IndexObject? FindConstraintIndex(TableObject table, string name)
        {
            foreach (IndexObject index in table.Indexes)
            {
                if (index.IsConstraint && index.Name == name)
                {
                    return index;
                }
            }
            return null;
        }

        private void AddConstraint(TableObject table, TableConstraint c, bool recurse)
        {
            switch (c.Kind)
            {
                case ConstraintKind.PrimaryKey:
                case ConstraintKind.Unique:
                    if (c.UsingIndex != null)
                    {
                        AddConstraintUsingIndex(table, c);
                        return;
                    }
                    if (table.IsPartitioned && !recurse && table.Partitions.Count > 0 && c.Kind == ConstraintKind.PrimaryKey)
                    {
                        // ALTER TABLE ONLY parent ADD PRIMARY KEY: an invalid parent index, partitions keep no key.
                    }
                    IndexSpec spec = FromConstraint(c);
                    CreateIndex(table, spec, recurse, parentIndex: null);
                    return;
                case ConstraintKind.Exclude:
                    if (c.Name != null && table.Schema.Relations.ContainsKey(c.Name.Value.Name))
                    {
                        throw Reject("relation \"" + c.Name.Value.Name + "\" already exists");
                    }
                    return;
                case ConstraintKind.NotNull:
                    if (c.Columns.Count == 1)
                    {
                        RequireColumn(table, c.Columns[0].Name);
                        SetNotNullDeep(table, c.Columns[0].Name, recurse);
                    }
                    return;
                default:
                    return; // CHECK and FOREIGN KEY do not touch keys or identity
            }
        }

        /// <summary>ADD [CONSTRAINT c] PRIMARY KEY | UNIQUE USING INDEX i (index_check_primary_key and friends).</summary>
        private void AddConstraintUsingIndex(TableObject table, TableConstraint c)
        {
            string indexName = c.UsingIndex!.Value.Name;
            bool primary = c.Kind == ConstraintKind.PrimaryKey;
            if (table.IsPartitioned)
            {
                throw RejectIdentityIndex("ALTER TABLE / ADD CONSTRAINT USING INDEX is not supported on partitioned tables");
            }
            if (!table.Schema.Relations.TryGetValue(indexName, out RelationObject? relation) || !(relation is IndexObject index))
            {
                throw RejectIdentityIndex("index \"" + indexName + "\" does not exist");
            }
            if (index.Table != table)
            {
                throw RejectIdentityIndex("index \"" + indexName + "\" does not belong to table \"" + table.Name + "\"");
            }
            if (index.IsConstraint)
            {
                throw RejectIdentityIndex("index \"" + indexName + "\" is already associated with a constraint");
            }
            if (!index.Unique)
            {
                throw RejectIdentityIndex("\"" + indexName + "\" is not a unique index");
            }
            if (index.HasExpressions)
            {
                throw RejectIdentityIndex("index \"" + indexName + "\" contains expressions");
            }
            if (index.HasPredicate)
            {
                throw RejectIdentityIndex("\"" + indexName + "\" is a partial index");
            }
            if (index.Method != "btree" || !index.DefaultOrdering)
            {
                throw RejectIdentityIndex("index \"" + indexName + "\" does not have default sorting behavior");
            }
            // transformIndexConstraint checks the key columns (PRIMARY KEY and UNIQUE) in parse analysis, before
            // index_check_primary_key looks for an existing primary key at execution.
            var seen = new HashSet<ColumnObject>();
            foreach (ColumnObject? column in index.KeyColumns)
            {
                if (column != null && !seen.Add(column))
                {
                    throw RejectIdentityIndex("column \"" + column.Name + "\" appears twice in " + (primary ? "primary key" : "unique") + " constraint");
                }
            }
            if (primary && table.PrimaryKey != null)
            {
                throw RejectIdentityIndex("multiple primary keys for table \"" + table.Name + "\" are not allowed");
            }
            Touch(table);
            string constraintName = c.Name?.Name ?? indexName;
            if (constraintName != indexName)
            {
                RenameRelation(index, constraintName);
            }
            if (primary)
            {
                foreach (ColumnObject? column in index.KeyColumns)
                {
                    if (column != null)
                    {
                        SetNotNull(table, column, true);
                    }
                }
            }
            _catalog.Set(index, index.IsConstraint, true, static (o, v) => o.IsConstraint = v);
            _catalog.Set(index, index.IsPrimary, primary, static (o, v) => o.IsPrimary = v);
            if (primary)
            {
                _catalog.Set(table, table.PrimaryKey, index, static (o, v) => o.PrimaryKey = v);
            }
            if (c.Deferrable)
            {
                _catalog.Set(index, index.Deferrable, true, static (o, v) => o.Deferrable = v);
            }
        }

        private void DropConstraint(TableObject table, string name, bool recurse)
        {
            IndexObject? index = FindConstraintIndex(table, name);
            if (index == null)
            {
                // CHECK, FOREIGN KEY and NOT NULL constraints are not modelled; assume such a constraint is meant.
                return;
            }
            if (index.ParentIndex != null)
            {
                throw Reject("cannot drop inherited constraint \"" + name + "\" of relation \"" + table.Name + "\"");
            }
            if (index.ConstraintRecurses && recurse && !table.IsPartitioned && table.InheritChildren.Count > 0)
            {
                // A constraint cloned from a partitioned parent is not NO INHERIT: ATExecDropConstraint looks for
                // it in inheritance children, where key constraints never are (checked on PostgreSQL 15).
                throw Reject("constraint \"" + name + "\" of relation \"" + table.InheritChildren[0].Name + "\" does not exist");
            }
            DropIndexObject(index);
        }

        private void SetReplicaIdentity(TableObject table, AlterTableAction a)
        {
            if (a.Identity != ReplicaIdentityKind.Index)
            {
                SetIdentity(table, a.Identity, null);
                return;
            }
            string indexName = a.Target!.Value.Name;
            if (!table.Schema.Relations.TryGetValue(indexName, out RelationObject? relation))
            {
                throw RejectIdentityIndex("index \"" + indexName + "\" for table \"" + table.Name + "\" does not exist");
            }
            if (!(relation is IndexObject index))
            {
                throw RejectIdentityIndex("\"" + indexName + "\" is not an index");
            }
            string? problem = IdentityIndexProblem(table, index);
            if (problem != null)
            {
                throw RejectIdentityIndex(problem);
            }
            SetIdentity(table, ReplicaIdentityKind.Index, index);
        }

        /// <summary>ATExecReplicaIdentity's checks, with PostgreSQL's messages; null when the index is acceptable.</summary>
        public static string? IdentityIndexProblem(TableObject table, IndexObject index)
        {
            if (index.Table != table)
            {
                return "\"" + index.Name + "\" is not an index for table \"" + table.Name + "\"";
            }
            if (!index.Unique)
            {
                return "cannot use non-unique index \"" + index.Name + "\" as replica identity";
            }
            if (index.Deferrable)
            {
                return "cannot use non-immediate index \"" + index.Name + "\" as replica identity";
            }
            if (index.HasExpressions)
            {
                return "cannot use expression index \"" + index.Name + "\" as replica identity";
            }
            if (index.HasPredicate)
            {
                return "cannot use partial index \"" + index.Name + "\" as replica identity";
            }
            foreach (ColumnObject? column in index.KeyColumns)
            {
                if (column != null && !column.NotNull)
                {
                    return "index \"" + index.Name + "\" cannot be used as replica identity because column \"" + column.Name + "\" is nullable";
                }
            }
            return null;
        }

        private void SetPersistence(TableObject table, Persistence persistence)
        {
            if (table.Persistence == Persistence.Temporary)
            {
                throw Reject("cannot change logged status of table \"" + table.Name + "\" because it is temporary");
            }
            if (table.IsPartitioned)
            {
                throw Reject("cannot change persistence setting of a partitioned table");
            }
            if (table.Persistence == persistence)
            {
                return;
            }
            if (persistence == Persistence.Unlogged && table.HasPublicationRows)
            {
                throw Reject("cannot change table \"" + table.Name + "\" to unlogged because it is part of a publication");
            }
            Touch(table);
            _catalog.Set(table, table.Persistence, persistence, static (o, v) => o.Persistence = v);
            if (persistence == Persistence.Permanent)
            {
                _catalog.Set(table, table.MovedBy, _current, static (o, v) => o.MovedBy = v);
            }
        }

        private void RenameColumn(TableObject table, string oldName, string newName, bool recurse, bool top)
        {
            ColumnObject? column = table.FindColumn(oldName);
            if (column == null)
            {
                if (!top)
                {
                    return;
                }
                throw Reject("column \"" + oldName + "\" does not exist");
            }
            if (top && column.InheritCount > 0)
            {
                throw Reject("cannot rename inherited column \"" + oldName + "\"");
            }
            if (table.FindColumn(newName) != null)
            {
                throw Reject("column \"" + newName + "\" of relation \"" + table.Name + "\" already exists");
            }
            if (top && !recurse && table.HasChildren)
            {
                throw Reject("inherited column \"" + oldName + "\" must be renamed in child tables too");
            }
            foreach (IndexObject index in table.Indexes)
            {
                // A copy of the index is named after the names its columns had when it was made: keep them now.
                if (index.SharedNamingColumns == null && index.HasKeyColumn(column))
                {
                    _catalog.Set(index, index.SharedNamingColumns, index.KeyColumnNames(), static (o, v) => o.SharedNamingColumns = v);
                }
            }
            _catalog.Set(column, column.Name, newName, static (o, v) => o.Name = v);
            foreach (TableObject child in table.Partitions)
            {
                RenameColumn(child, oldName, newName, true, top: false);
            }
            foreach (TableObject child in table.InheritChildren)
            {
                RenameColumn(child, oldName, newName, true, top: false);
            }
        }

        private void AttachPartition(TableObject parent, ObjectName partitionName, PartitionBound? bound)
        {
            if (!parent.IsPartitioned)
            {
                throw Reject("table \"" + parent.Name + "\" is not partitioned");
            }
            TableObject partition = RequireTable(partitionName);
            if (partition.PartitionParent != null)
            {
                throw Reject("\"" + partition.Name + "\" is already a partition");
            }
            if (partition == parent || IdentityRules.PartitionAncestors(parent).Contains(partition))
            {
                throw Reject("circular inheritance not allowed");
            }
            if (partition.InheritParents.Count > 0)
            {
                throw Reject("cannot attach inheritance child as partition");
            }
            if (partition.InheritChildren.Count > 0)
            {
                throw Reject("cannot attach inheritance parent as partition");
            }
            if ((parent.Persistence == Persistence.Temporary) != (partition.Persistence == Persistence.Temporary))
            {
                throw Reject(parent.Persistence == Persistence.Temporary
                    ? "cannot attach a permanent relation as partition of temporary relation \"" + parent.Name + "\""
                    : "cannot attach a temporary relation as partition of permanent relation \"" + parent.Name + "\"");
            }
            if (!parent.ColumnsUnknown && !partition.ColumnsUnknown)
            {
                foreach (ColumnObject column in partition.Columns)
                {
                    if (parent.FindColumn(column.Name) == null)
                    {
                        throw Reject("table \"" + partition.Name + "\" contains column \"" + column.Name + "\" not found in parent \"" + parent.Name + "\"");
                    }
                }
                foreach (ColumnObject parentColumn in parent.Columns)
                {
                    ColumnObject? column = partition.FindColumn(parentColumn.Name);
                    if (column == null)
                    {
                        throw Reject("child table is missing column \"" + parentColumn.Name + "\"");
                    }
                    if (ColumnTypes.Differ(parentColumn, column))
                    {
                        throw Reject("child table \"" + partition.Name + "\" has different type for column \"" + column.Name + "\"");
                    }
                    if (parentColumn.NotNull && !column.NotNull)
                    {
                        throw Reject("column \"" + column.Name + "\" in child table must be marked NOT NULL");
                    }
                }
            }
            foreach (ColumnObject column in partition.Columns)
            {
                // A partition's columns are all inherited, never its own (MergeAttributesIntoExisting).
                ColumnObject c = column;
                _catalog.Set(c, c.InheritCount, c.InheritCount + 1, static (o, v) => o.InheritCount = v);
                _catalog.Set(c, c.IsLocal, false, static (o, v) => o.IsLocal = v);
            }
            CheckPartitionBound(parent, bound, partition.Name);
            _catalog.Set(partition, partition.PartitionBound, bound, static (o, v) => o.PartitionBound = v);
            _catalog.Set(partition, partition.PartitionParent, parent, static (o, v) => o.PartitionParent = v);
            _catalog.AddToList(parent.PartitionList, partition);
            foreach (IndexObject parentIndex in new List<IndexObject>(parent.Indexes))
            {
                EnsurePartitionIndex(partition, parentIndex);
            }
            _catalog.Set(partition, partition.MovedBy, _current, static (o, v) => o.MovedBy = v);
        }

        private void DetachPartition(TableObject parent, ObjectName partitionName)
        {
            TableObject partition = RequireTable(partitionName);
            if (partition.PartitionParent != parent)
            {
                throw Reject("relation \"" + partition.Name + "\" is not a partition of relation \"" + parent.Name + "\"");
            }
            _catalog.Set(partition, partition.PartitionParent, null, static (o, v) => o.PartitionParent = v);
            _catalog.RemoveFromList(parent.PartitionList, partition);
            foreach (ColumnObject column in partition.Columns)
            {
                ColumnObject c = column;
                _catalog.Set(c, c.InheritCount, System.Math.Max(0, c.InheritCount - 1), static (o, v) => o.InheritCount = v);
                _catalog.Set(c, c.IsLocal, true, static (o, v) => o.IsLocal = v);
            }
            foreach (IndexObject index in partition.Indexes)
            {
                if (index.ParentIndex != null)
                {
                    IndexObject i = index;
                    _catalog.RemoveFromList(i.ParentIndex!.ChildIndexList, i);
                    _catalog.Set(i, i.ParentIndex, null, static (o, v) => o.ParentIndex = v);
                }
            }
        }
    }
}
