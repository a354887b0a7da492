using System.Collections.Generic;
using ReplicaGuard.Suppressions;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax
{
    /// <summary>A file's statements and suppression comments. Built once per file content; immutable afterwards.</summary>
    /// <remarks>
    /// The tokens are read here (for the suppression comments) but not kept: they are most of a parse's memory
    /// (GitLab's structure.sql: 4.8 MB of 11.7 MB), and nothing after parsing needs them; an IDE holds many files.
    /// </remarks>
    public sealed class ParsedFile
    {
        public ParsedFile(SourceFile file, TokenList tokens, IReadOnlyList<Statement> statements)
        {
            File = file;
            Statements = statements;
            Suppressions = SuppressionParser.Read(file, tokens, statements);
        }

        public SourceFile File { get; }
        public IReadOnlyList<Statement> Statements { get; }

        /// <summary>The suppression comments, read with <see cref="SuppressionParser"/>'s rules.</summary>
        internal IReadOnlyList<Suppression> Suppressions { get; }
    }
}
