using System;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax.Ast
{
    /// <summary>A possibly schema-qualified name, already normalised as PostgreSQL stores it (case-folded, unquoted, truncated).
    /// A struct for the same reason as <see cref="Identifier"/> (~15k per GitLab parse). Two names are equal when they were
    /// written at the same place with the same text, which is what the replay's per-statement caches key on.</summary>
    public readonly struct ObjectName : IEquatable<ObjectName>
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

        public bool Equals(ObjectName other) =>
            Span.Equals(other.Span) && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && string.Equals(Schema, other.Schema, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is ObjectName other && Equals(other);

        public override int GetHashCode() => Span.GetHashCode();

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
