using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax
{
    /// <summary>A file's tokens and statements. Built once per file content; immutable afterwards.</summary>
    public sealed class ParsedFile
    {
        public ParsedFile(SourceFile file, TokenList tokens, IReadOnlyList<Statement> statements)
        {
            File = file;
            Tokens = tokens;
            Statements = statements;
        }

        public SourceFile File { get; }
        public TokenList Tokens { get; }
        public IReadOnlyList<Statement> Statements { get; }
    }
}
