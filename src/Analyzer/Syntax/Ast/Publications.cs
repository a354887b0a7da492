using System.Collections.Generic;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax.Ast
{
    /// <summary>One item of a FOR / ADD / DROP / SET list: a table or a schema.</summary>
    public sealed class PublicationObject
    {
        private PublicationObject(ObjectName? table, Identifier? schema, bool currentSchema)
        {
            Table = table;
            Schema = schema;
            IsCurrentSchema = currentSchema;
        }

        public static PublicationObject ForTable(ObjectName table) => new PublicationObject(table, null, false);
        public static PublicationObject ForSchema(Identifier? schema, bool currentSchema) => new PublicationObject(null, schema, currentSchema);

        public ObjectName? Table { get; }
        public Identifier? Schema { get; }
        public bool IsCurrentSchema { get; }
        public bool IsSchema => Table == null;

        /// <summary>ONLY t: the table alone, without inheritance children.</summary>
        public bool Only { get; internal set; }

        /// <summary>Column list (PG 15+), null when none.</summary>
        public List<Identifier>? Columns { get; internal set; }

        /// <summary>Column names referenced by the row filter (PG 15+), null when no WHERE.</summary>
        public List<string>? RowFilterColumns { get; internal set; }
        public TextSpan? RowFilterSpan { get; internal set; }
        public TextSpan Span { get; internal set; }
    }

    public sealed class PublicationOptions
    {
        /// <summary>publish = '...' as written, null when not given.</summary>
        public string? Publish { get; internal set; }
        public TextSpan PublishSpan { get; internal set; }
        public bool? ViaPartitionRoot { get; internal set; }
        public string? GeneratedColumns { get; internal set; }

        /// <summary>An option the server rejects (unknown name, bad value, given twice).</summary>
        public string? Error { get; internal set; }
    }

    public sealed class CreatePublicationStatement : Statement
    {
        public Identifier Name { get; internal set; }
        public bool AllTables { get; internal set; }
        public List<PublicationObject> Objects { get; } = new List<PublicationObject>();
        public PublicationOptions Options { get; } = new PublicationOptions();
    }

    public enum AlterPublicationAction
    {
        Add,
        Drop,
        Set,
        SetOptions,
        Rename,
        Other,
    }

    public sealed class AlterPublicationStatement : Statement
    {
        public Identifier Name { get; internal set; }
        public AlterPublicationAction Action { get; internal set; }
        public List<PublicationObject> Objects { get; } = new List<PublicationObject>();
        public PublicationOptions Options { get; } = new PublicationOptions();
        public Identifier? RenameTo { get; internal set; }

        /// <summary>DROP TABLE IF EXISTS-like tolerance does not exist in PostgreSQL; kept for clarity.</summary>
        public bool IfExists { get; internal set; }
    }

    public enum DmlKind
    {
        Update,
        Delete,
        InsertOnConflictUpdate,
        Merge,
    }

    /// <summary>A statement PostgreSQL checks against the replica identity (UPDATE, DELETE, upsert, MERGE, including in CTEs).</summary>
    public sealed class DmlStatement : Statement
    {
        public List<DmlTarget> Targets { get; } = new List<DmlTarget>();
    }

    public sealed class DmlTarget
    {
        public DmlTarget(DmlKind kind, ObjectName table, bool only)
        {
            Kind = kind;
            Table = table;
            Only = only;
        }

        public DmlKind Kind { get; }
        public ObjectName Table { get; }
        public bool Only { get; }

        /// <summary>MERGE: which actions its WHEN clauses contain.</summary>
        public bool MergeUpdates { get; internal set; }
        public bool MergeDeletes { get; internal set; }

        /// <summary>
        /// UPDATE and ON CONFLICT DO UPDATE: the columns its SET assigns (parse analysis rejects one the table lacks,
        /// before any replica identity check); null for other statements or when unread.
        /// </summary>
        public List<Identifier>? SetColumns { get; internal set; }
    }
}
