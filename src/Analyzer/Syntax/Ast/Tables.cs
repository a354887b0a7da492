using System.Collections.Generic;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax.Ast
{
    public enum Persistence
    {
        Permanent,
        Unlogged,
        Temporary,
    }

    /// <summary>Every CREATE TABLE form, plus CREATE TABLE AS and SELECT ... INTO (<see cref="IsAsQuery"/>).</summary>
    public sealed class CreateTableStatement : Statement
    {
        public ObjectName Name { get; internal set; }
        public Persistence Persistence { get; internal set; }
        public bool IfNotExists { get; internal set; }
        public NodeList<ColumnDefinition> Columns { get; internal set; } = NodeList<ColumnDefinition>.Empty;
        public NodeList<TableConstraint> Constraints { get; internal set; } = NodeList<TableConstraint>.Empty;

        public NodeList<LikeClause> Likes
        {
            get => _rare?.Likes ?? NodeList<LikeClause>.Empty;
            internal set
            {
                if (value.Count > 0 || _rare != null)
                {
                    Rare.Likes = value;
                }
            }
        }

        public NodeList<ObjectName> Inherits
        {
            get => _rare?.Inherits ?? NodeList<ObjectName>.Empty;
            internal set
            {
                if (value.Count > 0 || _rare != null)
                {
                    Rare.Inherits = value;
                }
            }
        }

        /// <summary>PARTITION OF parent.</summary>
        public ObjectName? PartitionOf
        {
            get => _rare?.PartitionOf;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.PartitionOf = value;
                }
            }
        }

        /// <summary>PARTITION BY ...: the table is partitioned (relkind 'p').</summary>
        public bool IsPartitioned { get; internal set; }

        /// <summary>CREATE TABLE AS / SELECT INTO: a table with no keys whose columns come from a query.</summary>
        public bool IsAsQuery { get; internal set; }

        /// <summary>Column names listed for CREATE TABLE AS (name list) when given.</summary>
        public NodeList<Identifier> AsColumnNames
        {
            get => _rare?.AsColumnNames ?? NodeList<Identifier>.Empty;
            internal set
            {
                if (value.Count > 0 || _rare != null)
                {
                    Rare.AsColumnNames = value;
                }
            }
        }

        /// <summary>The query's output columns as PostgreSQL names them; a null entry is "SELECT *" from <see cref="QueryStarSource"/>.</summary>
        public NodeList<string?> QueryColumns
        {
            get => _rare?.QueryColumns ?? NodeList<string?>.Empty;
            internal set
            {
                if (value.Count > 0 || _rare != null)
                {
                    Rare.QueryColumns = value;
                }
            }
        }

        /// <summary>The single relation a "SELECT *" reads, when that is the whole FROM clause.</summary>
        public ObjectName? QueryStarSource
        {
            get => _rare?.QueryStarSource;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.QueryStarSource = value;
                }
            }
        }

        /// <summary>Plain relation names the query reads (FROM/JOIN): the server rejects the statement when one is missing.</summary>
        public NodeList<ObjectName> QueryRelations
        {
            get => _rare?.QueryRelations ?? NodeList<ObjectName>.Empty;
            internal set
            {
                if (value.Count > 0 || _rare != null)
                {
                    Rare.QueryRelations = value;
                }
            }
        }

        /// <summary>True when the query's columns could not be worked out (VALUES, set operations, complex items).</summary>
        public bool QueryColumnsUnknown { get; internal set; }

        /// <summary>PARTITION BY RANGE | LIST | HASH, lower case; null when not partitioned.</summary>
        public string? PartitionStrategy
        {
            get => _rare?.PartitionStrategy;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.PartitionStrategy = value;
                }
            }
        }

        /// <summary>The bound of a PARTITION OF table.</summary>
        public PartitionBound? Bound
        {
            get => _rare?.Bound;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.Bound = value;
                }
            }
        }

        /// <summary>PARTITION BY key columns; null entries are expressions.</summary>
        public NodeList<string?> PartitionKey
        {
            get => _rare?.PartitionKey ?? NodeList<string?>.Empty;
            internal set
            {
                if (value.Count > 0 || _rare != null)
                {
                    Rare.PartitionKey = value;
                }
            }
        }

        /// <summary>Position just after the last table element (before the closing parenthesis), or -1.</summary>
        public int ElementsEnd { get; internal set; } = -1;

        /// <summary>Span of the closing parenthesis of the element list, when there is one.</summary>
        public TextSpan? CloseParenSpan { get; internal set; }

        // LIKE, INHERITS, partitioning and CREATE TABLE AS are rare, and every statement lives through the whole
        // analysis (GitLab: 1,401; a 1,000-file history: 3,000), so they share one side object made by the first set.
        private RareFields? _rare;

        private RareFields Rare => _rare ??= new RareFields();

        private sealed class RareFields
        {
            public NodeList<LikeClause> Likes = NodeList<LikeClause>.Empty;
            public NodeList<ObjectName> Inherits = NodeList<ObjectName>.Empty;
            public ObjectName? PartitionOf;
            public NodeList<Identifier> AsColumnNames = NodeList<Identifier>.Empty;
            public NodeList<string?> QueryColumns = NodeList<string?>.Empty;
            public ObjectName? QueryStarSource;
            public NodeList<ObjectName> QueryRelations = NodeList<ObjectName>.Empty;
            public string? PartitionStrategy;
            public PartitionBound? Bound;
            public NodeList<string?> PartitionKey = NodeList<string?>.Empty;
        }
    }

    public sealed class ColumnDefinition
    {
        public ColumnDefinition(Identifier name)
        {
            Name = name;
        }

        public Identifier Name { get; }
        public TextSpan Span { get; internal set; }

        /// <summary>The type's first word (lower-cased), with "[]" for an array type: for serial detection and key fixes.</summary>
        public string TypeName { get; internal set; } = "";

        /// <summary>The type is that one word: no modifiers, schema, array or second word (then its identity is certain).</summary>
        public bool TypeIsOneWord { get; internal set; }
        public bool NotNull { get; internal set; }

        /// <summary>serial types and identity columns are NOT NULL without saying so.</summary>
        public bool ImplicitNotNull { get; internal set; }
        public bool IsIdentity { get; internal set; }
        public GeneratedKind Generated { get; internal set; }

        /// <summary>Inline PRIMARY KEY / UNIQUE constraints on this column.</summary>
        public NodeList<TableConstraint> Constraints { get; internal set; } = NodeList<TableConstraint>.Empty;
    }

    public enum GeneratedKind
    {
        None,
        Stored,
        Virtual,
    }

    public enum ConstraintKind
    {
        PrimaryKey,
        Unique,
        Exclude,
        Check,
        ForeignKey,
        NotNull,
    }

    public sealed class TableConstraint
    {
        public TableConstraint(ConstraintKind kind)
        {
            Kind = kind;
        }

        public ConstraintKind Kind { get; }
        public Identifier? Name { get; internal set; }
        public NodeList<Identifier> Columns { get; internal set; } = NodeList<Identifier>.Empty;
        public bool Deferrable { get; internal set; }
        public bool InitiallyDeferred { get; internal set; }

        public bool NullsNotDistinct { get; internal set; }
        public bool NotValid { get; internal set; }
        public TextSpan Span { get; internal set; }

        /// <summary>ADD CONSTRAINT ... PRIMARY KEY | UNIQUE USING INDEX i.</summary>
        public Identifier? UsingIndex
        {
            get => _rare?.UsingIndex;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.UsingIndex = value;
                }
            }
        }

        /// <summary>INCLUDE (...) columns of a PRIMARY KEY or UNIQUE constraint.</summary>
        public NodeList<Identifier> IncludeColumns
        {
            get => _rare?.IncludeColumns ?? NodeList<Identifier>.Empty;
            internal set
            {
                if (value.Count > 0 || _rare != null)
                {
                    Rare.IncludeColumns = value;
                }
            }
        }

        // USING INDEX and INCLUDE are rare, and every constraint lives through the whole analysis (GitLab: ~5k),
        // so they share one side object made by the first set: 96 -> 72 bytes per constraint.
        private RareFields? _rare;

        private RareFields Rare => _rare ??= new RareFields();

        private sealed class RareFields
        {
            public Identifier? UsingIndex;
            public NodeList<Identifier> IncludeColumns = NodeList<Identifier>.Empty;
        }
    }

    public sealed class LikeClause
    {
        public LikeClause(ObjectName source)
        {
            Source = source;
        }

        public ObjectName Source { get; }
        public bool IncludingIndexes { get; internal set; }
        public bool IncludingConstraints { get; internal set; }
        public bool IncludingIdentity { get; internal set; }
        public bool IncludingGenerated { get; internal set; }
    }

    public sealed class AlterTableStatement : Statement
    {
        public ObjectName Name { get; internal set; }
        public bool IfExists { get; internal set; }
        public bool Only { get; internal set; }
        public NodeList<AlterTableAction> Actions { get; internal set; } = NodeList<AlterTableAction>.Empty;

        /// <summary>ALTER TABLE ... could also be ALTER VIEW/FOREIGN TABLE written as TABLE; the kind written.</summary>
        public string ObjectKeyword { get; internal set; } = "TABLE";
    }

    public enum AlterTableActionKind
    {
        AddColumn,
        DropColumn,
        SetNotNull,
        DropNotNull,
        AlterColumnType,
        AddIdentity,
        AddConstraint,
        DropConstraint,
        RenameConstraint,
        ReplicaIdentity,
        SetLogged,
        SetUnlogged,
        RenameTable,
        RenameColumn,
        SetSchema,
        AttachPartition,
        DetachPartition,
        Inherit,
        NoInherit,
        Other,
    }

    public enum ReplicaIdentityKind
    {
        Default,
        Full,
        Nothing,
        Index,
    }

    public sealed class AlterTableAction
    {
        public AlterTableAction(AlterTableActionKind kind)
        {
            Kind = kind;
        }

        public AlterTableActionKind Kind { get; }
        public TextSpan Span { get; internal set; }

        /// <summary>Column concerned (DROP/ALTER COLUMN, RENAME COLUMN old name).</summary>
        public Identifier? Column { get; internal set; }
        public ColumnDefinition? ColumnDefinition { get; internal set; }
        public TableConstraint? Constraint { get; internal set; }

        /// <summary>New name (RENAME ... TO, SET SCHEMA), constraint name (DROP CONSTRAINT), index (REPLICA IDENTITY USING INDEX).</summary>
        public Identifier? Target
        {
            get => _rare?.Target;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.Target = value;
                }
            }
        }

        public ObjectName? Relation
        {
            get => _rare?.Relation;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.Relation = value;
                }
            }
        }

        public ReplicaIdentityKind Identity
        {
            get => _rare?.Identity ?? ReplicaIdentityKind.Default;
            internal set
            {
                if (value != ReplicaIdentityKind.Default || _rare != null)
                {
                    Rare.Identity = value;
                }
            }
        }

        /// <summary>ATTACH PARTITION's bound.</summary>
        public PartitionBound? Bound
        {
            get => _rare?.Bound;
            internal set
            {
                if (value != null || _rare != null)
                {
                    Rare.Bound = value;
                }
            }
        }

        /// <summary>ALTER COLUMN ... TYPE: the new type's first word (lower-cased), as <see cref="ColumnDefinition.TypeName"/>.</summary>
        public string TypeName
        {
            get => _rare?.TypeName ?? "";
            internal set
            {
                if (value.Length > 0 || _rare != null)
                {
                    Rare.TypeName = value;
                }
            }
        }

        /// <summary>ALTER COLUMN ... TYPE: the new type is that one word, as <see cref="ColumnDefinition.TypeIsOneWord"/>.</summary>
        public bool TypeIsOneWord
        {
            get => _rare?.TypeIsOneWord ?? false;
            internal set
            {
                if (value || _rare != null)
                {
                    Rare.TypeIsOneWord = value;
                }
            }
        }

        public bool IfExists
        {
            get => _rare?.IfExists ?? false;
            internal set
            {
                if (value || _rare != null)
                {
                    Rare.IfExists = value;
                }
            }
        }

        public bool IfNotExists
        {
            get => _rare?.IfNotExists ?? false;
            internal set
            {
                if (value || _rare != null)
                {
                    Rare.IfNotExists = value;
                }
            }
        }

        public bool Cascade
        {
            get => _rare?.Cascade ?? false;
            internal set
            {
                if (value || _rare != null)
                {
                    Rare.Cascade = value;
                }
            }
        }

        // The fields most actions leave at their defaults live in one side object, made by the first set to another
        // value: nearly all of a schema dump's actions are ADD CONSTRAINT or ALTER COLUMN ... SET DEFAULT, and every
        // action lives through the whole analysis (GitLab: ~4.6k actions, 152 -> 80 bytes each).
        private RareFields? _rare;

        private RareFields Rare => _rare ??= new RareFields();

        private sealed class RareFields
        {
            public Identifier? Target;
            public ObjectName? Relation;
            public ReplicaIdentityKind Identity;
            public PartitionBound? Bound;
            public string TypeName = "";
            public bool TypeIsOneWord;
            public bool IfExists;
            public bool IfNotExists;
            public bool Cascade;
        }
    }

    public sealed class CreateIndexStatement : Statement
    {
        public Identifier? Name { get; internal set; }
        public ObjectName Table { get; internal set; }
        public bool Unique { get; internal set; }
        public bool Concurrently { get; internal set; }
        public bool IfNotExists { get; internal set; }
        public bool Only { get; internal set; }
        public string Method { get; internal set; } = "btree";
        public NodeList<IndexElement> Elements { get; internal set; } = NodeList<IndexElement>.Empty;

        /// <summary>INCLUDE (...) columns: not part of the key, but named in the index name and dropped with it.</summary>
        public NodeList<Identifier> IncludeColumns { get; internal set; } = NodeList<Identifier>.Empty;
        public bool HasPredicate { get; internal set; }

        /// <summary>Words of the WHERE predicate that may be columns: the index depends on them (DROP COLUMN drops it).</summary>
        public NodeList<string> PredicateColumns { get; internal set; } = NodeList<string>.Empty;

        public bool NullsNotDistinct { get; internal set; }
    }

    public sealed class IndexElement
    {
        /// <summary>The column, or null for an expression.</summary>
        public Identifier? Column { get; internal set; }

        /// <summary>The name PostgreSQL gives an expression column when it names the index (function name), or null for "expr".</summary>
        public string? NamingName { get; internal set; }

        /// <summary>Column names mentioned by an expression (dropping one drops the index).</summary>
        public NodeList<string> ReferencedColumns { get; internal set; } = NodeList<string>.Empty;

        /// <summary>False when an opclass, collation, DESC or NULLS FIRST/LAST changes the default ordering.</summary>
        public bool DefaultOrdering { get; internal set; } = true;
    }

    public sealed class AlterIndexStatement : Statement
    {
        public ObjectName Name { get; internal set; }
        public bool IfExists { get; internal set; }
        public Identifier? RenameTo { get; internal set; }
        public Identifier? SetSchema { get; internal set; }
        public ObjectName? AttachPartition { get; internal set; }
    }

    /// <summary>ALTER TABLE/INDEX/SEQUENCE/VIEW ... RENAME or SET SCHEMA on a relation that is not a table.</summary>
    public sealed class AlterOtherRelationStatement : Statement
    {
        public AlterOtherRelationStatement(OtherRelationKind kind, ObjectName name, bool ifExists, Identifier? renameTo, Identifier? setSchema)
        {
            Kind = kind;
            Name = name;
            IfExists = ifExists;
            RenameTo = renameTo;
            SetSchema = setSchema;
        }

        public OtherRelationKind Kind { get; }
        public ObjectName Name { get; }
        public bool IfExists { get; }
        public Identifier? RenameTo { get; }
        public Identifier? SetSchema { get; }
    }
}

namespace ReplicaGuard.Syntax.Ast
{
    public enum PartitionBoundKind
    {
        None,
        List,
        Range,
        Hash,
        Default,
    }

    /// <summary>FOR VALUES IN (...) | FROM (...) TO (...) | WITH (MODULUS m, REMAINDER r) | DEFAULT.</summary>
    public sealed class PartitionBound
    {
        public PartitionBoundKind Kind { get; internal set; }

        /// <summary>List values, or range lower bounds, as normalised literal text (MINVALUE/MAXVALUE kept as words).</summary>
        public NodeList<string> Values { get; internal set; } = NodeList<string>.Empty;
        public NodeList<string> Upper { get; internal set; } = NodeList<string>.Empty;
        public int Modulus { get; internal set; }
        public int Remainder { get; internal set; }
    }
}
