using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax.Ast
{
    /// <summary>A possibly schema-qualified name, already normalised as PostgreSQL stores it (case-folded, unquoted, truncated).</summary>
    public sealed class ObjectName
    {
        public ObjectName(string? schema, string name, TextSpan span)
        {
            Schema = schema;
            Name = name;
            Span = span;
        }

        public string? Schema { get; }
        public string Name { get; }
        public TextSpan Span { get; }

        public override string ToString() => Schema == null ? Name : Schema + "." + Name;
    }

    /// <summary>A single name with where it was written. A struct: a GitLab parse keeps ~35k of them, and as objects they
    /// were a third of the tree's surviving objects that every collection during the parse copied.</summary>
    public readonly struct Identifier
    {
        public Identifier(string name, TextSpan span)
        {
            Name = name;
            Span = span;
        }

        public string Name { get; }
        public TextSpan Span { get; }

        public override string ToString() => Name;
    }
}
