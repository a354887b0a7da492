using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>A schema. Objects hold references to each other, so renames and moves keep identity as in PostgreSQL.</summary>
    public sealed class SchemaObject
    {
        private readonly int _hash = IdentityHash.Next();

        /// <summary>Reference equality with a cheap hash (see <see cref="IdentityHash"/>).</summary>
        public override int GetHashCode() => _hash;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public SchemaObject(string name, bool isSystem, StatementRef? createdBy)
        {
            Name = name;
            IsSystem = isSystem;
            CreatedBy = createdBy;
        }

        public string Name { get; internal set; }
        public bool IsSystem { get; }
        public bool IsTemporary { get; internal set; }
        public bool Dropped { get; internal set; }
        public StatementRef? CreatedBy { get; }

        /// <summary>Tables, indexes, views, sequences: they share one namespace per schema (pg_class).</summary>
        public RelationMap Relations { get; } = new RelationMap();

        public override string ToString() => Name;
    }

    public enum RelationKind
    {
        Table,
        PartitionedTable,
        Index,
        View,
        MaterializedView,
        ForeignTable,
        Sequence,
    }

    public abstract class RelationObject
    {
        private readonly int _hash = IdentityHash.Next();

        /// <summary>Reference equality with a cheap hash (see <see cref="IdentityHash"/>).</summary>
        public override int GetHashCode() => _hash;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        protected RelationObject(string name, SchemaObject schema, RelationKind kind)
        {
            Name = name;
            Schema = schema;
            Kind = kind;
        }

        public string Name { get; internal set; }
        public SchemaObject Schema { get; internal set; }
        public RelationKind Kind { get; internal set; }
        public bool Dropped { get; internal set; }

        /// <summary>schema.name as PostgreSQL stores them, unquoted.</summary>
        public string QualifiedName => Schema.Name + "." + Name;

        public override string ToString() => QualifiedName;
    }

    /// <summary>A view, materialized view, foreign table or sequence: takes a name, is never published.</summary>
    public sealed class OtherRelation : RelationObject
    {
        public OtherRelation(string name, SchemaObject schema, RelationKind kind)
            : base(name, schema, kind)
        {
        }

        /// <summary>
        /// A simple view's one relation (a table, or another simple view), which an UPDATE or DELETE of the view
        /// updates; null for any other view or relation. Kept as an object: renaming the table keeps the view on it.
        /// </summary>
        public RelationObject? ViewBase { get; internal set; }

        /// <summary>FROM ONLY: inheritance children of <see cref="ViewBase"/> are not updated through the view.</summary>
        public bool ViewBaseOnly { get; internal set; }

        /// <summary>The simple view's column names (what UPDATE ... SET may name).</summary>
        public List<string>? ViewColumns { get; internal set; }

        /// <summary>A trigger or rule for UPDATE was created on it: an INSTEAD OF trigger or a rule may replace the update of the base.</summary>
        public bool UpdateRewritten { get; internal set; }

        /// <summary>The same for DELETE.</summary>
        public bool DeleteRewritten { get; internal set; }

        /// <summary>
        /// The table an UPDATE (or DELETE) of this view updates, when the view is simple all the way down and has no
        /// trigger or rule for that event (then PostgreSQL checks that table's replica identity); null otherwise.
        /// </summary>
        public TableObject? UpdatedTable(bool delete, out bool only)
        {
            only = false;
            RelationObject? current = this;
            for (int depth = 0; depth < 64 && current is OtherRelation view; depth++)
            {
                if ((delete ? view.DeleteRewritten : view.UpdateRewritten) || view.ViewBase == null || view.Dropped)
                {
                    return null;
                }
                only |= view.ViewBaseOnly;
                current = view.ViewBase;
            }
            return current is TableObject table && !table.Dropped ? table : null;
        }
    }

    public sealed class ColumnObject
    {
        private readonly int _hash = IdentityHash.Next();

        /// <summary>Reference equality with a cheap hash (see <see cref="IdentityHash"/>).</summary>
        public override int GetHashCode() => _hash;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public ColumnObject(string name, bool notNull)
        {
            _name = name;
            NameKey = KeyOf(name);
            NotNull = notNull;
        }

        private string _name;

        public string Name
        {
            get => _name;
            internal set
            {
                _name = value;
                NameKey = KeyOf(value);
            }
        }

        /// <summary>
        /// A cheap digest of <see cref="Name"/>: <see cref="TableObject.FindColumn"/> compares it before the name, so
        /// a scan of a wide table reads the column objects (allocated together) and not every name string.
        /// </summary>
        internal int NameKey { get; private set; }

        internal static int KeyOf(string name)
        {
            int length = name.Length;
            return length == 0 ? 0 : (length << 16) ^ (name[length - 1] << 8) ^ name[length / 2] ^ (name[0] << 4);
        }
        public bool NotNull { get; internal set; }
        public GeneratedKind Generated
        {
            get => (GeneratedKind)(_bits & GeneratedMask);
            internal set => _bits = (byte)((_bits & ~GeneratedMask) | (int)value);
        }

        /// <summary>
        /// The declared type has no default btree operator class (json, xml, geometric types): no primary key or unique
        /// index can contain the column ("data type json has no default operator class for access method btree").
        /// False when the type is unknown (CREATE TABLE AS): the model knows no better.
        /// </summary>
        public bool LacksBtreeOrdering
        {
            get => (_bits & NoBtreeBit) != 0;
            internal set => _bits = (byte)(value ? _bits | NoBtreeBit : _bits & ~NoBtreeBit);
        }

        /// <summary>The declared type when the model knows it for certain (<see cref="ColumnTypes"/>), else <see cref="ColumnTypes.Unknown"/>.</summary>
        internal byte TypeCode
        {
            get => (byte)(_bits >> TypeShift);
            set => _bits = (byte)((_bits & ~(0x1F << TypeShift)) | (value << TypeShift));
        }

        /// <summary>
        /// One byte for <see cref="Generated"/>, <see cref="LacksBtreeOrdering"/> and <see cref="TypeCode"/>: a column
        /// object stays at 40 bytes (there is one per column of every table).
        /// </summary>
        private byte _bits;
        private const int GeneratedMask = 0x3;
        private const int NoBtreeBit = 0x4;
        private const int TypeShift = 3;

        /// <summary>
        /// Type names (first word, lower-cased) without a default btree operator class. Arrays ("json[]") have one
        /// (array_ops): the server accepts the key and fails only when it compares two elements.
        /// </summary>
        internal static bool TypeLacksBtreeOrdering(string typeName)
        {
            switch (typeName)
            {
                case "json":
                case "xml":
                case "point":
                case "line":
                case "lseg":
                case "box":
                case "path":
                case "polygon":
                case "circle":
                case "txid_snapshot":
                case "pg_snapshot":
                    return true;
                default:
                    return false;
            }
        }

        public bool IsIdentity { get; internal set; }

        /// <summary>Inherited from a parent (inheritance or partitioning): cannot be dropped on its own.</summary>
        public int InheritCount { get; internal set; }

        /// <summary>Defined by the table itself (not only inherited).</summary>
        public bool IsLocal { get; internal set; } = true;

        public override string ToString() => Name;
    }

    public sealed class TableObject : RelationObject
    {
        public TableObject(string name, SchemaObject schema, RelationKind kind, Persistence persistence, StatementRef createdBy)
            : base(name, schema, kind)
        {
            Persistence = persistence;
            CreatedBy = createdBy;
        }

        public Persistence Persistence { get; internal set; }
        public StatementRef CreatedBy { get; }

        public List<ColumnObject> Columns { get; } = new List<ColumnObject>();

        /// <summary>CREATE TABLE AS / SELECT INTO: the column names are not known; any referenced column is assumed to exist, nullable.</summary>
        public bool ColumnsUnknown { get; internal set; }

        public List<IndexObject> Indexes { get; } = new List<IndexObject>();
        public ReplicaIdentityKind Identity { get; internal set; } = ReplicaIdentityKind.Default;

        /// <summary>The index marked as replica identity (indisreplident) when <see cref="Identity"/> is Index.</summary>
        public IndexObject? IdentityIndex { get; internal set; }

        /// <summary>range, list or hash for a partitioned table.</summary>
        public string? PartitionStrategy { get; internal set; }

        /// <summary>This partition's bound within its parent.</summary>
        public PartitionBound? PartitionBound { get; internal set; }

        // Partitioning and inheritance lists are made on first write: most tables have neither, and four empty
        // lists per table were ~128 bytes of every table the replay builds (and the collector copies).
        private List<ColumnObject?>? _partitionKey;
        private List<TableObject>? _partitions;
        private List<TableObject>? _inheritParents;
        private List<TableObject>? _inheritChildren;

        private static readonly TableObject[] NoTables = new TableObject[0];
        private static readonly ColumnObject?[] NoKey = new ColumnObject?[0];

        /// <summary>PARTITION BY key columns of a partitioned table; null entries are expressions.</summary>
        public IReadOnlyList<ColumnObject?> PartitionKey => _partitionKey ?? (IReadOnlyList<ColumnObject?>)NoKey;

        public TableObject? PartitionParent { get; internal set; }
        public IReadOnlyList<TableObject> Partitions => _partitions ?? (IReadOnlyList<TableObject>)NoTables;
        public IReadOnlyList<TableObject> InheritParents => _inheritParents ?? (IReadOnlyList<TableObject>)NoTables;
        public IReadOnlyList<TableObject> InheritChildren => _inheritChildren ?? (IReadOnlyList<TableObject>)NoTables;

        /// <summary>The lists the replayer changes (made when first changed).</summary>
        internal List<ColumnObject?> PartitionKeyList => _partitionKey ??= new List<ColumnObject?>();
        internal List<TableObject> PartitionList => _partitions ??= new List<TableObject>();
        internal List<TableObject> InheritParentList => _inheritParents ??= new List<TableObject>();
        internal List<TableObject> InheritChildList => _inheritChildren ??= new List<TableObject>();

        /// <summary>Has partitions or inheritance children (what ALTER TABLE without ONLY recurses to).</summary>
        internal bool HasChildren => _partitions?.Count > 0 || _inheritChildren?.Count > 0;

        internal bool InheritsFrom(TableObject parent) => _inheritParents != null && _inheritParents.Contains(parent);

        internal bool InPartitionKey(ColumnObject column) => _partitionKey != null && _partitionKey.Contains(column);

        /// <summary>Explicit publication rows (pg_publication_rel) for this table, by publication. Made when first asked for: most tables are in no publication list.</summary>
        public Dictionary<PublicationObject, PublicationRelation> PublicationRows => _publicationRows ??= new Dictionary<PublicationObject, PublicationRelation>();

        private Dictionary<PublicationObject, PublicationRelation>? _publicationRows;

        /// <summary>Whether the table has any publication row (without making the dictionary).</summary>
        internal bool HasPublicationRows => _publicationRows != null && _publicationRows.Count > 0;

        /// <summary>The table's row in the publication's list, if any (without making the dictionary).</summary>
        internal bool TryGetPublicationRow(PublicationObject publication, out PublicationRelation row)
        {
            if (_publicationRows != null && _publicationRows.TryGetValue(publication, out PublicationRelation? found))
            {
                row = found;
                return true;
            }
            row = null!;
            return false;
        }

        /// <summary>The last statement that made a usable identity unusable (null when it never had one).</summary>
        public StatementRef? IdentityLostBy { get; internal set; }

        /// <summary>The last statement that changed its keys, NOT NULL columns or replica identity (fixes must come after it).</summary>
        public StatementRef? KeysChangedBy { get; internal set; }

        /// <summary>The last statement that moved the table into its place (SET SCHEMA, ATTACH PARTITION, SET LOGGED).</summary>
        public StatementRef? MovedBy { get; internal set; }

        /// <summary>
        /// The last statement that named the table in ALTER TABLE, CREATE INDEX or ALTER INDEX, accepted or not:
        /// kept for <see cref="Fixes.TableChanges"/> (fix placement) on the table itself, not in a dictionary that
        /// grows with the history.
        /// </summary>
        internal StatementRef? LastAlteredBy { get; set; }

        /// <summary>
        /// The index of <see cref="Indexes"/> that is primary. Kept by the replayer as indexes come, go or become
        /// primary (journaled like any change): asked for every index created and every table judged, a scan of
        /// the indexes read each index object of wide tables.
        /// </summary>
        public IndexObject? PrimaryKey { get; internal set; }

        public bool IsPartitioned => Kind == RelationKind.PartitionedTable;

        public ColumnObject? FindColumn(string name)
        {
            int key = ColumnObject.KeyOf(name);
            List<ColumnObject> columns = Columns;
            for (int i = 0; i < columns.Count; i++)
            {
                ColumnObject c = columns[i];
                if (c.NameKey == key && c.Name == name)
                {
                    return c;
                }
            }
            return null;
        }
    }

    public sealed class IndexObject : RelationObject
    {
        public IndexObject(string name, SchemaObject schema, TableObject table)
            : this(name, schema, table, NoKeyColumns)
        {
        }

        /// <summary>An index whose key columns are already resolved: the array becomes the index's own.</summary>
        internal IndexObject(string name, SchemaObject schema, TableObject table, ColumnObject?[] columns)
            : base(name, schema, RelationKind.Index)
        {
            Table = table;
            KeyColumns = columns;
        }

        public TableObject Table { get; internal set; }

        /// <summary>Key columns; null entries are expressions.</summary>
        public IReadOnlyList<ColumnObject?> Columns => KeyColumns;

        /// <summary>
        /// <see cref="Columns"/> as the engine reads them: an array, never changed after creation (an index's key is
        /// fixed). A list object per index was 6,000 of the objects every GitLab analysis leaves alive.
        /// </summary>
        internal readonly ColumnObject?[] KeyColumns;

        private static readonly ColumnObject?[] NoKeyColumns = new ColumnObject?[0];

        internal bool HasKeyColumn(ColumnObject column) => System.Array.IndexOf(KeyColumns, column) >= 0;

        /// <summary>INCLUDE columns (dropping one drops the index). Set once at creation; most indexes share the empty one.</summary>
        public IReadOnlyList<ColumnObject> IncludedColumns { get; internal set; } = NoColumns;

        /// <summary>Columns an expression or predicate mentions (dropping one drops the index). Set once at creation.</summary>
        public IReadOnlyList<ColumnObject> ExpressionColumns { get; internal set; } = NoColumns;

        private static readonly ColumnObject[] NoColumns = new ColumnObject[0];

        public bool Unique { get; internal set; }
        public bool IsPrimary { get; internal set; }

        /// <summary>
        /// pg_constraint.connoinherit is false: the constraint was cloned from a partitioned parent (it stays so
        /// after DETACH), so DROP CONSTRAINT looks for it in inheritance children too.
        /// </summary>
        public bool ConstraintRecurses { get; internal set; }

        /// <summary>Backs a PRIMARY KEY or UNIQUE constraint (named like the index).</summary>
        public bool IsConstraint { get; internal set; }
        public bool Deferrable { get; internal set; }
        public bool HasPredicate { get; internal set; }
        public bool NullsNotDistinct { get; internal set; }
        public bool HasExpressions { get; internal set; }
        public bool DefaultOrdering { get; internal set; } = true;

        /// <summary>Names PostgreSQL uses when it names a copy of this index (column, function name or "expr"), as they were at its creation.</summary>
        public IReadOnlyList<string> NamingColumns => SharedNamingColumns ?? KeyColumnNames();

        /// <summary>
        /// The naming names when they differ from the key columns' current names (an expression, or a key column
        /// renamed since: see Replayer.RenameColumn), shared with the spec they came from; null for most indexes,
        /// which would otherwise each keep an array of names the columns already hold.
        /// </summary>
        internal string[]? SharedNamingColumns;

        /// <summary>The key columns' current names (every key column is a column when <see cref="SharedNamingColumns"/> is null).</summary>
        internal string[] KeyColumnNames()
        {
            var names = new string[KeyColumns.Length];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = KeyColumns[i]?.Name ?? "expr";
            }
            return names;
        }

        /// <summary>
        /// The INCLUDE columns' names when the index was created, null when none: a copy of the index is named after them
        /// (the index keeps its attribute names when a table column is renamed). Never changed after creation.
        /// </summary>
        internal IReadOnlyList<string>? NamingIncludeColumns;

        public string Method { get; internal set; } = "btree";

        /// <summary>False for an index created on a partitioned parent with ONLY, until every partition is attached.</summary>
        public bool Valid { get; internal set; } = true;

        /// <summary>The partitioned parent's index this partition index is attached to.</summary>
        public IndexObject? ParentIndex { get; internal set; }
        public IReadOnlyList<IndexObject> ChildIndexes => (IReadOnlyList<IndexObject>?)_childIndexes ?? NoIndexes;

        /// <summary>The list <see cref="ChildIndexes"/> reads, made for the first child (most indexes never get one).</summary>
        internal List<IndexObject> ChildIndexList => _childIndexes ??= new List<IndexObject>();

        private List<IndexObject>? _childIndexes;
        private static readonly IndexObject[] NoIndexes = new IndexObject[0];

        public StatementRef? CreatedBy { get; internal set; }

        /// <summary>Usable as a replica identity (RelationGetIndexList's test): valid, unique, immediate, no predicate.</summary>
        public bool QualifiesForIdentity => Valid && Unique && !Deferrable && !HasPredicate;
    }

    public sealed class PublicationRelation
    {
        public PublicationRelation(PublicationObject publication, TableObject table, StatementRef? addedBy)
        {
            Publication = publication;
            Table = table;
            AddedBy = addedBy;
        }

        public PublicationObject Publication { get; }
        public TableObject Table { get; }
        public StatementRef? AddedBy { get; }

        /// <summary>
        /// The list item of <see cref="AddedBy"/> that named this table (null when a parent's item or a schema added
        /// it). Kept, not looked up by name: the table may be renamed or moved to another schema later.
        /// </summary>
        public Syntax.Ast.PublicationObject? Item { get; internal set; }

        /// <summary>
        /// Further items of <see cref="AddedBy"/> that named the table again (FOR TABLE t, public.t), null when none:
        /// taking the table out of that list means removing them too.
        /// </summary>
        public List<Syntax.Ast.PublicationObject>? RepeatedItems { get; internal set; }

        /// <summary>The list item of <see cref="AddedBy"/> that added this row: the table's own, or a parent's without ONLY (null for a schema).</summary>
        public Syntax.Ast.PublicationObject? AddedThrough { get; internal set; }

        /// <summary>Column list, null when none. Columns are objects, so RENAME COLUMN keeps the list right.</summary>
        public List<ColumnObject>? Columns { get; internal set; }

        /// <summary>Columns the row filter uses, null when there is no filter.</summary>
        public List<ColumnObject>? RowFilterColumns { get; internal set; }

        public bool ListsColumn(string name) => Columns != null && Columns.Exists(c => c.Name == name);
    }

    [System.Flags]
    public enum PublishActions
    {
        None = 0,
        Insert = 1,
        Update = 2,
        Delete = 4,
        Truncate = 8,
        All = Insert | Update | Delete | Truncate,
    }

    public sealed class PublicationObject
    {
        private readonly int _hash = IdentityHash.Next();

        /// <summary>Reference equality with a cheap hash (see <see cref="IdentityHash"/>).</summary>
        public override int GetHashCode() => _hash;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public PublicationObject(string name, StatementRef? createdBy)
        {
            Name = name;
            CreatedBy = createdBy;
        }

        public string Name { get; internal set; }
        public StatementRef? CreatedBy { get; }

        /// <summary>Declared in the settings (created by a tool at run time), not by the files.</summary>
        public bool IsDeclared { get; internal set; }

        /// <summary>
        /// The coverage this publication gave the last table asked about when it is FOR ALL TABLES, shared by
        /// every table (see IdentityRules). A cache of immutable values: not journaled, checked on each use.
        /// </summary>
        internal Coverage? AllTablesCoverage { get; set; }

        public bool AllTables { get; internal set; }
        public PublishActions Publish { get; internal set; } = PublishActions.All;
        public bool ViaPartitionRoot { get; internal set; }

        /// <summary>publish_generated_columns (PG 18): "none" or "stored".</summary>
        public string GeneratedColumns { get; internal set; } = "none";
        public bool Dropped { get; internal set; }

        /// <summary>Schemas (FOR TABLES IN SCHEMA), by object; DROP SCHEMA removes them.</summary>
        public Dictionary<SchemaObject, StatementRef?> Schemas { get; } = new Dictionary<SchemaObject, StatementRef?>();

        /// <summary>Tables with a row, for enumeration (the row itself lives on the table).</summary>
        public HashSet<TableObject> Tables { get; } = new HashSet<TableObject>();

        /// <summary>Declared by name in settings: schema names and qualified table names matched at check time.</summary>
        public HashSet<string> DeclaredSchemaNames { get; } = new HashSet<string>();
        public HashSet<string> DeclaredTableNames { get; } = new HashSet<string>();

        /// <summary>The last statement that changed which actions it publishes.</summary>
        public StatementRef? OptionsChangedBy { get; internal set; }

        public bool PublishesUpdateOrDelete => (Publish & (PublishActions.Update | PublishActions.Delete)) != 0;

        public override string ToString() => Name;
    }
}
