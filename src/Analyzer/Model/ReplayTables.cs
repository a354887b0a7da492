using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>CREATE TABLE in every form, CREATE VIEW/SEQUENCE/..., and DROP of every kind.</summary>
    public sealed partial class Replayer
    {
        /// <summary>Where a new relation goes and whether it is temporary (RangeVarGetAndCheckCreationNamespace).</summary>
        private SchemaObject CreationSchema(ObjectName name, ref Persistence persistence)
        {
            SchemaObject schema;
            if (name.Schema != null)
            {
                schema = RequireSchema(name.Schema);
                if (schema.IsTemporary)
                {
                    persistence = Persistence.Temporary;
                }
                else if (persistence == Persistence.Temporary)
                {
                    throw Reject("cannot create temporary relation in non-temporary schema");
                }
            }
            else if (persistence == Persistence.Temporary)
            {
                schema = _catalog.TempSchema();
            }
            else
            {
                SchemaObject? first = _catalog.CreationSchema(out bool temporary);
                if (first == null)
                {
                    throw Reject("no schema has been selected to create in");
                }
                schema = first;
                if (temporary)
                {
                    persistence = Persistence.Temporary;
                }
            }
            if (schema.IsSystem)
            {
                throw Reject("permission denied to create \"" + schema.Name + "." + name.Name + "\"");
            }
            return schema;
        }

        private void ApplyCreateTable(CreateTableStatement s)
        {
            Persistence persistence = s.Persistence;
            SchemaObject schema = CreationSchema(s.Name, ref persistence);
            if (schema.Relations.ContainsKey(s.Name.Name))
            {
                if (s.IfNotExists)
                {
                    return; // NOTICE: relation already exists, skipping
                }
                throw Reject("relation \"" + s.Name.Name + "\" already exists");
            }
            if (s.IsPartitioned && persistence == Persistence.Unlogged)
            {
                throw Reject("partitioned tables cannot be unlogged");
            }

            // PostgreSQL resolves every relation the statement reads before the new table exists, so a name that
            // would now find the new table (or shadow a table later on the path) means what it meant before.
            ResolveRelationsRead(s);
            _wideTable = null; // a new table: FindNewTableColumn starts over

            var table = new TableObject(s.Name.Name, schema, s.IsPartitioned ? RelationKind.PartitionedTable : RelationKind.Table, persistence, _current);
            _catalog.AddRelation(table);

            if (s.IsAsQuery)
            {
                AddQueryColumns(table, s);
                return;
            }

            // The column list at its final size for the common CREATE TABLE (no LIKE, no parents): no regrowth.
            table.Columns.Capacity = s.Columns.Count;

            TableObject? partitionParent = null;
            if (s.PartitionOf != null)
            {
                partitionParent = RequireOtherTable(s.PartitionOf.Value, table);
                if (!partitionParent.IsPartitioned)
                {
                    throw Reject("\"" + partitionParent.Name + "\" is not partitioned");
                }
                CheckChildPersistence(partitionParent, persistence, partition: true);
                table.Columns.Capacity = partitionParent.Columns.Count;
                foreach (ColumnObject parentColumn in partitionParent.Columns)
                {
                    table.Columns.Add(new ColumnObject(parentColumn.Name, parentColumn.NotNull)
                    {
                        Generated = parentColumn.Generated,
                        IsIdentity = parentColumn.IsIdentity,
                        InheritCount = 1,
                        IsLocal = false,
                        LacksBtreeOrdering = parentColumn.LacksBtreeOrdering,
                        TypeCode = parentColumn.TypeCode,
                    });
                }
                table.ColumnsUnknown = partitionParent.ColumnsUnknown;
            }

            foreach (ObjectName parentName in s.Inherits)
            {
                TableObject parent = RequireOtherTable(parentName, table);
                if (parent.IsPartitioned)
                {
                    throw Reject("cannot inherit from partitioned table \"" + parent.Name + "\"");
                }
                if (parent.PartitionParent != null)
                {
                    throw Reject("cannot inherit from partition \"" + parent.Name + "\"");
                }
                CheckChildPersistence(parent, persistence, partition: false);
                if (table.InheritsFrom(parent))
                {
                    throw Reject("relation \"" + parent.Name + "\" would be inherited from more than once");
                }
                foreach (ColumnObject parentColumn in parent.Columns)
                {
                    ColumnObject? existing = table.FindColumn(parentColumn.Name);
                    if (existing != null)
                    {
                        if (ColumnTypes.Differ(existing, parentColumn))
                        {
                            throw Reject("inherited column \"" + parentColumn.Name + "\" has a type conflict");
                        }
                        if (existing.TypeCode == ColumnTypes.Unknown)
                        {
                            existing.TypeCode = parentColumn.TypeCode; // the same type, or the statement fails
                        }
                        existing.InheritCount++;
                        existing.NotNull |= parentColumn.NotNull;
                    }
                    else
                    {
                        table.Columns.Add(new ColumnObject(parentColumn.Name, parentColumn.NotNull)
                        {
                            Generated = parentColumn.Generated,
                            InheritCount = 1,
                            IsLocal = false,
                            LacksBtreeOrdering = parentColumn.LacksBtreeOrdering,
                            TypeCode = parentColumn.TypeCode,
                        });
                    }
                }
                table.ColumnsUnknown |= parent.ColumnsUnknown;
                table.InheritParentList.Add(parent);
                _catalog.AddToList(parent.InheritChildList, table);
            }

            List<(LikeClause Like, TableObject? Source)>? likeSources = s.Likes.Count == 0 ? null : new List<(LikeClause Like, TableObject? Source)>();
            foreach (LikeClause like in s.Likes)
            {
                RelationObject? source = _resolved[like.Source];
                if (source == null)
                {
                    throw Reject("relation \"" + like.Source + "\" does not exist");
                }
                var sourceTable = source as TableObject;
                if (sourceTable == null)
                {
                    table.ColumnsUnknown = true; // a view or foreign table: columns we do not model
                }
                else
                {
                    foreach (ColumnObject sourceColumn in sourceTable.Columns)
                    {
                        AddLocalColumn(table, sourceColumn.Name, sourceColumn.NotNull, like.IncludingGenerated ? sourceColumn.Generated : GeneratedKind.None, like.IncludingIdentity && sourceColumn.IsIdentity,
                            sourceColumn.LacksBtreeOrdering, sourceColumn.TypeCode);
                    }
                    table.ColumnsUnknown |= sourceTable.ColumnsUnknown;
                }
                likeSources!.Add((like, sourceTable));
            }

            // A name defined twice: AddLocalColumn rejects it (the first definition made the column local); a
            // partition's column options touch inherited columns only, so they need their own check.
            HashSet<string>? optionNames = partitionParent != null ? new HashSet<string>() : null;
            foreach (ColumnDefinition column in s.Columns)
            {
                if (optionNames != null && !optionNames.Add(column.Name.Name))
                {
                    throw Reject("column \"" + column.Name.Name + "\" specified more than once");
                }
                if (partitionParent != null)
                {
                    // PARTITION OF (col WITH OPTIONS ...): only constraints on existing columns.
                    ColumnObject existing = RequireColumn(table, column.Name.Name);
                    existing.NotNull |= column.NotNull || column.ImplicitNotNull;
                    continue;
                }
                AddLocalColumn(table, column.Name.Name, column.NotNull || column.ImplicitNotNull, column.Generated, column.IsIdentity,
                    ColumnObject.TypeLacksBtreeOrdering(column.TypeName), ColumnTypes.Of(column.TypeName, column.TypeIsOneWord));
            }
            foreach (TableConstraint constraint in s.Constraints)
            {
                if (constraint.Kind == ConstraintKind.NotNull && constraint.Columns.Count == 1)
                {
                    RequireColumn(table, constraint.Columns[0].Name).NotNull = true;
                }
            }

            table.PartitionStrategy = s.PartitionStrategy;
            if (partitionParent != null)
            {
                CheckPartitionBound(partitionParent, s.Bound, table.Name);
                table.PartitionBound = s.Bound;
            }
            foreach (string? keyColumn in s.PartitionKey)
            {
                table.PartitionKeyList.Add(keyColumn == null ? null : RequireColumn(table, keyColumn));
            }

            if (partitionParent != null)
            {
                table.PartitionParent = partitionParent;
                _catalog.AddToList(partitionParent.PartitionList, table);
                foreach (IndexObject parentIndex in new List<IndexObject>(partitionParent.Indexes))
                {
                    CreateIndex(table, IndexSpec.From(parentIndex), recurse: true, parentIndex);
                }
            }

            foreach (IndexSpec spec in ConstraintIndexes(s))
            {
                CreateIndex(table, spec, recurse: true, parentIndex: null);
            }

            foreach ((LikeClause like, TableObject? source) in (IEnumerable<(LikeClause Like, TableObject? Source)>?)likeSources ?? NoLikeSources)
            {
                if (source == null || !like.IncludingIndexes)
                {
                    continue;
                }
                foreach (IndexObject index in source.Indexes)
                {
                    CreateIndex(table, IndexSpec.From(index), recurse: true, parentIndex: null);
                }
            }
        }

        /// <summary>
        /// CREATE TABLE AS / SELECT INTO: the query's relations must exist; its output columns become nullable columns
        /// (renamed by an explicit name list). Columns that cannot be worked out leave the table lenient.
        /// </summary>
        private void AddQueryColumns(TableObject table, CreateTableStatement s)
        {
            foreach (ObjectName relation in s.QueryRelations)
            {
                if (_resolved[relation] == null && !IsSystemRelationName(relation))
                {
                    throw Reject("relation \"" + relation + "\" does not exist");
                }
            }
            var names = new List<string>();
            bool unknown = s.QueryColumnsUnknown || s.QueryColumns.Count == 0;
            foreach (string? name in s.QueryColumns)
            {
                if (name != null)
                {
                    names.Add(name);
                    continue;
                }
                if (s.QueryStarSource != null && _resolved[s.QueryStarSource.Value] is TableObject source && !source.ColumnsUnknown)
                {
                    foreach (ColumnObject column in source.Columns)
                    {
                        names.Add(column.Name);
                    }
                }
                else
                {
                    unknown = true;
                }
            }
            for (int i = 0; i < s.AsColumnNames.Count && i < names.Count; i++)
            {
                names[i] = s.AsColumnNames[i].Name;
            }
            for (int i = names.Count; i < s.AsColumnNames.Count; i++)
            {
                names.Add(s.AsColumnNames[i].Name);
            }
            var seen = new HashSet<string>();
            foreach (string name in names)
            {
                if (!seen.Add(name))
                {
                    throw Reject("column \"" + name + "\" specified more than once");
                }
                table.Columns.Add(new ColumnObject(name, notNull: false));
            }
            table.ColumnsUnknown = unknown;
        }

        /// <summary>Catalog relations (pg_class, information_schema.tables, ...) exist although the files never create them.</summary>
        private static bool IsSystemRelationName(ObjectName name)
        {
            return name.Schema == "pg_catalog" || name.Schema == "information_schema" || (name.Schema == null && name.Name.StartsWith("pg_", System.StringComparison.Ordinal));
        }

        /// <summary>A column defined by the table itself; merges with an inherited one of the same name.</summary>
        private void AddLocalColumn(TableObject table, string name, bool notNull, GeneratedKind generated, bool identity, bool lacksBtreeOrdering, byte type)
        {
            ColumnObject? existing = FindNewTableColumn(table, name);
            if (existing != null)
            {
                if (existing.IsLocal)
                {
                    throw Reject("column \"" + name + "\" specified more than once");
                }
                if (ColumnTypes.Differ(existing.TypeCode, type))
                {
                    throw Reject("column \"" + name + "\" has a type conflict"); // MergeAttributes: the local definition against the inherited one
                }
                existing.IsLocal = true;
                existing.NotNull |= notNull;
                if (type != ColumnTypes.Unknown)
                {
                    existing.TypeCode = type;
                }
                return;
            }
            table.Columns.Add(new ColumnObject(name, notNull) { Generated = generated, IsIdentity = identity, LacksBtreeOrdering = lacksBtreeOrdering, TypeCode = type });
        }

        /// <summary>
        /// A column of the table CREATE TABLE is building. Each new column is looked up among the earlier ones: on a
        /// wide table a scan makes that quadratic (GitLab's application_settings has 650 columns), so past
        /// <see cref="WideTable"/> columns they are indexed by name as the list grows (this statement only appends).
        /// </summary>
        private ColumnObject? FindNewTableColumn(TableObject table, string name)
        {
            List<ColumnObject> columns = table.Columns;
            if (columns.Count < WideTable)
            {
                return table.FindColumn(name);
            }
            if (_wideTable != table)
            {
                _wideTable = table;
                _wideTableColumns.Clear();
                _wideTableIndexed = 0;
            }
            for (; _wideTableIndexed < columns.Count; _wideTableIndexed++)
            {
                ColumnObject column = columns[_wideTableIndexed];
                if (!_wideTableColumns.ContainsKey(column.Name))
                {
                    _wideTableColumns[column.Name] = column; // the first of a name, as FindColumn finds
                }
            }
            return _wideTableColumns.TryGetValue(name, out ColumnObject? found) ? found : null;
        }

        private const int WideTable = 64;
        private TableObject? _wideTable;
        private int _wideTableIndexed;
        private readonly Dictionary<string, ColumnObject> _wideTableColumns = new Dictionary<string, ColumnObject>();

        private void CheckChildPersistence(TableObject parent, Persistence child, bool partition)
        {
            if (parent.Persistence == Persistence.Temporary && child != Persistence.Temporary)
            {
                throw Reject(partition
                    ? "cannot create a permanent relation as partition of temporary relation \"" + parent.Name + "\""
                    : "cannot inherit from temporary relation \"" + parent.Name + "\"");
            }
            if (partition && parent.Persistence != Persistence.Temporary && child == Persistence.Temporary)
            {
                throw Reject("cannot create a temporary relation as partition of permanent relation \"" + parent.Name + "\"");
            }
        }

        /// <summary>
        /// PRIMARY KEY and UNIQUE constraints of a CREATE TABLE as index definitions, in PostgreSQL's order: the
        /// primary key first, then the rest; a constraint identical to an earlier one is merged into it
        /// (transformIndexConstraints).
        /// </summary>
        private static List<IndexSpec> ConstraintIndexes(CreateTableStatement s)
        {
            if (!HasIndexConstraint(s))
            {
                return NoIndexSpecs; // most CREATE TABLEs of a dump: keys come later, by ALTER TABLE
            }
            var all = new List<IndexSpec>();
            IndexSpec? primary = null;
            foreach (ColumnDefinition column in s.Columns)
            {
                foreach (TableConstraint c in column.Constraints)
                {
                    IndexSpec spec = FromConstraint(c);
                    if (c.Kind == ConstraintKind.PrimaryKey && primary == null)
                    {
                        primary = spec;
                    }
                    all.Add(spec);
                }
            }
            foreach (TableConstraint c in s.Constraints)
            {
                if (c.Kind != ConstraintKind.PrimaryKey && c.Kind != ConstraintKind.Unique && c.Kind != ConstraintKind.Exclude)
                {
                    continue;
                }
                IndexSpec spec = FromConstraint(c);
                if (c.Kind == ConstraintKind.PrimaryKey && primary == null)
                {
                    primary = spec;
                }
                all.Add(spec);
            }

            var result = new List<IndexSpec>();
            if (primary != null)
            {
                result.Add(primary);
            }
            foreach (IndexSpec spec in all)
            {
                if (spec == primary)
                {
                    continue;
                }
                IndexSpec? same = result.Find(prior => !spec.Exclusion && !prior.Exclusion && prior.SameKeyAs(spec) && prior.Deferrable == spec.Deferrable);
                if (same != null && !spec.Primary)
                {
                    same.Name ??= spec.Name;
                    continue;
                }
                result.Add(spec);
            }
            return result;
        }

        private static readonly (LikeClause Like, TableObject? Source)[] NoLikeSources = new (LikeClause Like, TableObject? Source)[0];

        /// <summary>Read only: the constraint indexes of a table without PRIMARY KEY, UNIQUE or EXCLUDE constraints.</summary>
        private static readonly List<IndexSpec> NoIndexSpecs = new List<IndexSpec>();

        private static bool HasIndexConstraint(CreateTableStatement s)
        {
            foreach (ColumnDefinition column in s.Columns)
            {
                if (column.Constraints.Count > 0)
                {
                    return true;
                }
            }
            foreach (TableConstraint c in s.Constraints)
            {
                if (c.Kind == ConstraintKind.PrimaryKey || c.Kind == ConstraintKind.Unique || c.Kind == ConstraintKind.Exclude)
                {
                    return true;
                }
            }
            return false;
        }

        private static IndexSpec FromConstraint(TableConstraint c)
        {
            var spec = new IndexSpec(c.Columns.Count)
            {
                Name = c.Name?.Name,
                Primary = c.Kind == ConstraintKind.PrimaryKey,
                Unique = c.Kind != ConstraintKind.Exclude,
                Constraint = true,
                Exclusion = c.Kind == ConstraintKind.Exclude,
                Deferrable = c.Deferrable,
                NullsNotDistinct = c.NullsNotDistinct,
                Method = c.Kind == ConstraintKind.Exclude ? "gist" : "btree",
            };
            for (int i = 0; i < c.Columns.Count; i++)
            {
                spec.Columns[i] = c.Columns[i].Name;
                spec.NamingColumns[i] = c.Columns[i].Name;
            }
            foreach (Identifier include in c.IncludeColumns)
            {
                spec.AddIncludeColumn(include.Name);
            }
            return spec;
        }

        private void ApplyCreateOther(CreateOtherRelationStatement s)
        {
            Persistence persistence = s.Temporary ? Persistence.Temporary : Persistence.Permanent;
            SchemaObject schema = CreationSchema(s.Name, ref persistence);
            if (schema.Relations.TryGetValue(s.Name.Name, out RelationObject? existing))
            {
                if (s.OrReplace && existing is OtherRelation replaced && existing.Kind == KindOf(s.Kind))
                {
                    SetViewQuery(replaced, s.View);
                    return;
                }
                if (s.IfNotExists)
                {
                    return;
                }
                throw Reject("relation \"" + s.Name.Name + "\" already exists");
            }
            var created = new OtherRelation(s.Name.Name, schema, KindOf(s.Kind));
            _catalog.AddRelation(created);
            SetViewQuery(created, s.View);
        }

        /// <summary>
        /// A simple view's relation and columns, as the view is created (SELECT * takes the columns the table has now).
        /// When the model cannot follow the query (a relation it does not know, a column it lacks), the view is not
        /// followed: never a guess.
        /// </summary>
        private void SetViewQuery(OtherRelation view, SimpleView? query)
        {
            RelationObject? baseRelation = query == null ? null : _catalog.FindRelation(query.Table);
            List<string>? columns = null;
            if (baseRelation is TableObject table && !table.ColumnsUnknown)
            {
                columns = new List<string>(table.Columns.Count);
                foreach (ColumnObject column in table.Columns)
                {
                    columns.Add(column.Name);
                }
            }
            else if (baseRelation is OtherRelation inner && inner.ViewColumns != null) // set exactly when the view is followed
            {
                columns = new List<string>(inner.ViewColumns);
            }
            if (columns != null && query!.Columns != null)
            {
                var selected = new List<string>(query.Columns.Count);
                foreach (Identifier column in query.Columns)
                {
                    if (!columns.Contains(column.Name))
                    {
                        columns = null; // the server rejects the view; the model does not follow it
                        break;
                    }
                    selected.Add(column.Name);
                }
                columns = columns == null ? null : selected;
            }
            RelationObject? followed = columns == null ? null : baseRelation;
            _catalog.Set(view, view.ViewBase, followed, static (o, v) => o.ViewBase = v);
            _catalog.Set(view, view.ViewBaseOnly, query != null && query.Only, static (o, v) => o.ViewBaseOnly = v);
            _catalog.Set(view, view.ViewColumns, followed == null ? null : columns, static (o, v) => o.ViewColumns = v);
        }

        /// <summary>CREATE TRIGGER / CREATE RULE on a view: an update of it may no longer reach its base table.</summary>
        private void ApplyCreateTriggerOrRule(CreateTriggerOrRuleStatement s)
        {
            if (!(_catalog.FindRelation(s.Relation) is OtherRelation view))
            {
                return;
            }
            if (s.OnUpdate && !view.UpdateRewritten)
            {
                _catalog.Set(view, view.UpdateRewritten, true, static (o, v) => o.UpdateRewritten = v);
            }
            if (s.OnDelete && !view.DeleteRewritten)
            {
                _catalog.Set(view, view.DeleteRewritten, true, static (o, v) => o.DeleteRewritten = v);
            }
        }

        private static RelationKind KindOf(OtherRelationKind kind)
        {
            switch (kind)
            {
                case OtherRelationKind.View: return RelationKind.View;
                case OtherRelationKind.MaterializedView: return RelationKind.MaterializedView;
                case OtherRelationKind.ForeignTable: return RelationKind.ForeignTable;
                default: return RelationKind.Sequence;
            }
        }

        private void ApplyAlterOther(AlterOtherRelationStatement s)
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
            }
            else if (s.SetSchema != null)
            {
                MoveRelation(relation, s.SetSchema.Value.Name);
            }
        }

        private void ApplyDrop(DropStatement s)
        {
            switch (s.Kind)
            {
                case DropObjectKind.Table:
                    DropTables(s);
                    break;
                case DropObjectKind.Index:
                    DropIndexes(s);
                    break;
                case DropObjectKind.Schema:
                    DropSchemas(s);
                    break;
                case DropObjectKind.Publication:
                    foreach (ObjectName name in s.Names)
                    {
                        PublicationObject? publication = _catalog.FindPublication(name.Name);
                        if (publication == null)
                        {
                            if (s.IfExists)
                            {
                                continue;
                            }
                            throw Reject("publication \"" + name.Name + "\" does not exist");
                        }
                        _catalog.RemovePublication(publication);
                    }
                    break;
                default:
                    DropOthers(s);
                    break;
            }
        }

        private void DropOthers(DropStatement s)
        {
            RelationKind kind = s.Kind == DropObjectKind.View ? RelationKind.View
                : s.Kind == DropObjectKind.MaterializedView ? RelationKind.MaterializedView
                : s.Kind == DropObjectKind.ForeignTable ? RelationKind.ForeignTable
                : RelationKind.Sequence;
            string word = s.Kind == DropObjectKind.View ? "view" : s.Kind == DropObjectKind.MaterializedView ? "materialized view"
                : s.Kind == DropObjectKind.ForeignTable ? "foreign table" : "sequence";
            foreach (ObjectName name in s.Names)
            {
                OtherRelation? relation = DropTarget<OtherRelation>(name, s.IfExists, word);
                if (relation == null)
                {
                    continue;
                }
                if (relation.Kind != kind)
                {
                    throw Reject("\"" + name.Name + "\" is not a " + word);
                }
                _catalog.RemoveRelation(relation);
            }
        }

        /// <summary>
        /// DROP's lookup of one name: the relation, or null when it is missing and IF EXISTS was given (a NOTICE);
        /// a missing name or one of another kind fails the statement, as RemoveRelations does.
        /// </summary>
        private T? DropTarget<T>(ObjectName name, bool ifExists, string kindWord)
            where T : RelationObject
        {
            RelationObject? relation = _catalog.FindRelation(name);
            if (relation == null)
            {
                if (ifExists)
                {
                    return null;
                }
                throw Reject(kindWord + " \"" + name.Name + "\" does not exist");
            }
            if (!(relation is T typed))
            {
                throw Reject("\"" + name.Name + "\" is not a" + (kindWord[0] == 'i' ? "n " : " ") + kindWord);
            }
            return typed;
        }

        private void DropTables(DropStatement s)
        {
            var targets = new List<TableObject>();
            foreach (ObjectName name in s.Names)
            {
                TableObject? table = DropTarget<TableObject>(name, s.IfExists, "table");
                if (table != null && !targets.Contains(table))
                {
                    targets.Add(table);
                }
            }
            if (!s.Cascade)
            {
                // Inheritance children must be dropped too, or CASCADE given; partitions always go with their parent.
                foreach (TableObject table in targets)
                {
                    foreach (TableObject child in table.InheritChildren)
                    {
                        if (!targets.Contains(child))
                        {
                            throw Reject("cannot drop table " + table.Name + " because other objects depend on it");
                        }
                    }
                }
            }
            foreach (TableObject table in targets)
            {
                DropTableObject(table);
            }
        }

        /// <summary>Drops a table with its indexes, partitions, inheritance children (cascade) and publication rows.</summary>
        private void DropTableObject(TableObject table)
        {
            if (table.Dropped)
            {
                return;
            }
            foreach (TableObject partition in new List<TableObject>(table.Partitions))
            {
                DropTableObject(partition);
            }
            foreach (TableObject child in new List<TableObject>(table.InheritChildren))
            {
                DropTableObject(child);
            }
            foreach (IndexObject index in new List<IndexObject>(table.Indexes))
            {
                _catalog.RemoveRelation(index);
            }
            foreach (PublicationObject publication in new List<PublicationObject>(table.PublicationRows.Keys))
            {
                _catalog.RemovePublicationRow(publication, table);
            }
            if (table.PartitionParent != null)
            {
                _catalog.RemoveFromList(table.PartitionParent.PartitionList, table);
            }
            foreach (TableObject parent in table.InheritParents)
            {
                _catalog.RemoveFromList(parent.InheritChildList, table);
            }
            _catalog.RemoveRelation(table);
        }

        private void MoveRelation(RelationObject relation, string schemaName)
        {
            SchemaObject target = RequireSchema(schemaName);
            if (target == relation.Schema)
            {
                return;
            }
            if (target.IsTemporary || relation.Schema.IsTemporary)
            {
                throw Reject("cannot move objects into or out of temporary schemas");
            }
            if (target.IsSystem)
            {
                throw Reject("cannot move objects into or out of TOAST schema");
            }
            if (target.Relations.ContainsKey(relation.Name))
            {
                throw Reject("relation \"" + relation.Name + "\" already exists in schema \"" + target.Name + "\"");
            }
            _catalog.MoveRelation(relation, target);
            if (relation is TableObject table)
            {
                foreach (IndexObject index in table.Indexes)
                {
                    if (target.Relations.ContainsKey(index.Name))
                    {
                        throw Reject("relation \"" + index.Name + "\" already exists in schema \"" + target.Name + "\"");
                    }
                    _catalog.MoveRelation(index, target);
                }
                _catalog.Set(table, table.MovedBy, _current, static (o, v) => o.MovedBy = v);
            }
        }

        /// <summary>Relations a CREATE TABLE reads, resolved before it creates anything.</summary>
        private readonly Dictionary<ObjectName, RelationObject?> _resolved = new Dictionary<ObjectName, RelationObject?>();

        private void ResolveRelationsRead(CreateTableStatement s)
        {
            _resolved.Clear();
            if (s.PartitionOf != null)
            {
                Resolve(s.PartitionOf.Value);
            }
            foreach (ObjectName parent in s.Inherits)
            {
                Resolve(parent);
            }
            foreach (LikeClause like in s.Likes)
            {
                Resolve(like.Source);
            }
            foreach (ObjectName relation in s.QueryRelations)
            {
                Resolve(relation);
            }
            if (s.QueryStarSource != null)
            {
                Resolve(s.QueryStarSource.Value);
            }
        }

        private void Resolve(ObjectName name) => _resolved[name] = _catalog.FindRelation(name);

        /// <summary>A parent of the table being created, as resolved before it existed.</summary>
        private TableObject RequireOtherTable(ObjectName name, TableObject creating)
        {
            RelationObject? relation = _resolved[name];
            if (relation == null)
            {
                throw Reject("relation \"" + name + "\" does not exist");
            }
            if (!(relation is TableObject table) || table == creating)
            {
                throw Reject("\"" + name.Name + "\" is not a table");
            }
            return table;
        }
    }
}
