using System.Collections.Generic;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax.Ast
{
    /// <summary>
    /// A statement of a migration file. <see cref="Span"/> covers its first to last non-trivia token (the ';'
    /// included) in the analysed text; statements the engine does not model are <see cref="OpaqueStatement"/>.
    /// </summary>
    public abstract class Statement
    {
        public TextSpan Span { get; internal set; }

        /// <summary>Span of the leading keywords (e.g. "CREATE TABLE name"), where a diagnostic points.</summary>
        public TextSpan HeadSpan { get; internal set; }

        /// <summary>Index of the statement's ';' token in the file's token list, or -1.</summary>
        public int SemicolonToken { get; internal set; } = -1;
    }

    /// <summary>A statement the engine keeps only as text: it cannot change the model.</summary>
    public sealed class OpaqueStatement : Statement
    {
    }

    /// <summary>
    /// A statement that could change the model but was not understood (parse failure, dynamic SQL that mentions
    /// tables or publications, syntax the target version lacks). Reported as RG9001.
    /// </summary>
    public sealed class UnparsedStatement : Statement
    {
        public UnparsedStatement(string reason, TextSpan errorSpan)
        {
            Reason = reason;
            ErrorSpan = errorSpan;
        }

        public string Reason { get; }
        public TextSpan ErrorSpan { get; }
    }

    public enum TransactionAction
    {
        Begin,
        Commit,
        Rollback,
        Savepoint,
        RollbackToSavepoint,
        ReleaseSavepoint,
    }

    public sealed class TransactionStatement : Statement
    {
        public TransactionStatement(TransactionAction action, string? savepoint)
        {
            Action = action;
            Savepoint = savepoint;
        }

        public TransactionAction Action { get; }
        public string? Savepoint { get; }
    }

    /// <summary>SET [LOCAL|SESSION] search_path ..., RESET search_path, set_config('search_path', ...).</summary>
    public sealed class SetSearchPathStatement : Statement
    {
        public SetSearchPathStatement(IReadOnlyList<string>? schemas, bool isLocal)
        {
            Schemas = schemas;
            IsLocal = isLocal;
        }

        /// <summary>The new path; null means DEFAULT / RESET (back to the initial setting).</summary>
        public IReadOnlyList<string>? Schemas { get; }

        public bool IsLocal { get; }
    }

    public sealed class CreateSchemaStatement : Statement
    {
        public CreateSchemaStatement(Identifier? name, string? authorization, bool ifNotExists, IReadOnlyList<Statement> elements)
        {
            Name = name;
            Authorization = authorization;
            IfNotExists = ifNotExists;
            Elements = elements;
        }

        /// <summary>Null when only AUTHORIZATION is given (the schema is named after the role).</summary>
        public Identifier? Name { get; }
        public string? Authorization { get; }
        public bool IfNotExists { get; }

        /// <summary>CREATE TABLE / CREATE INDEX / ... elements created inside the schema.</summary>
        public IReadOnlyList<Statement> Elements { get; }
    }

    public sealed class DropStatement : Statement
    {
        public DropStatement(DropObjectKind kind, IReadOnlyList<ObjectName> names, bool ifExists, bool cascade, bool concurrently)
        {
            Kind = kind;
            Names = names;
            IfExists = ifExists;
            Cascade = cascade;
            Concurrently = concurrently;
        }

        public DropObjectKind Kind { get; }
        public IReadOnlyList<ObjectName> Names { get; }
        public bool IfExists { get; }
        public bool Cascade { get; }
        public bool Concurrently { get; }
    }

    public enum DropObjectKind
    {
        Table,
        Index,
        Schema,
        Publication,
        View,
        MaterializedView,
        ForeignTable,
        Sequence,
    }

    /// <summary>CREATE VIEW / MATERIALIZED VIEW / FOREIGN TABLE / SEQUENCE: relations that take a name but are never published.</summary>
    public sealed class CreateOtherRelationStatement : Statement
    {
        public CreateOtherRelationStatement(OtherRelationKind kind, ObjectName name, bool orReplace, bool ifNotExists, bool temporary)
        {
            Kind = kind;
            Name = name;
            OrReplace = orReplace;
            IfNotExists = ifNotExists;
            Temporary = temporary;
        }

        public OtherRelationKind Kind { get; }
        public ObjectName Name { get; }
        public bool OrReplace { get; }
        public bool IfNotExists { get; }
        public bool Temporary { get; }

        /// <summary>CREATE VIEW over one table that PostgreSQL makes auto-updatable; null otherwise (and for other kinds).</summary>
        public SimpleView? View { get; internal set; }
    }

    /// <summary>
    /// <c>SELECT * | col, ... FROM [ONLY] table [WHERE ...]</c>: an UPDATE or DELETE of the view updates that table,
    /// which PostgreSQL then checks for a replica identity.
    /// </summary>
    public sealed class SimpleView
    {
        public SimpleView(ObjectName table, bool only, List<Identifier>? columns)
        {
            Table = table;
            Only = only;
            Columns = columns;
        }

        public ObjectName Table { get; }
        public bool Only { get; }

        /// <summary>The selected columns; null for <c>*</c> (the table's columns when the view is created).</summary>
        public List<Identifier>? Columns { get; }
    }

    /// <summary>CREATE TRIGGER ... ON relation or CREATE RULE ... TO relation: the relation and the events it names.</summary>
    public sealed class CreateTriggerOrRuleStatement : Statement
    {
        public CreateTriggerOrRuleStatement(ObjectName relation, bool onUpdate, bool onDelete)
        {
            Relation = relation;
            OnUpdate = onUpdate;
            OnDelete = onDelete;
        }

        public ObjectName Relation { get; }
        public bool OnUpdate { get; }
        public bool OnDelete { get; }
    }

    public enum OtherRelationKind
    {
        View,
        MaterializedView,
        ForeignTable,
        Sequence,
    }
}

namespace ReplicaGuard.Syntax.Ast
{
    /// <summary>ALTER SCHEMA s RENAME TO t.</summary>
    public sealed class AlterSchemaStatement : Statement
    {
        public AlterSchemaStatement(Identifier name, Identifier renameTo)
        {
            Name = name;
            RenameTo = renameTo;
        }

        public Identifier Name { get; }
        public Identifier RenameTo { get; }
    }
}
