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

        /// <summary>
        /// A file whose parse fills <paramref name="statements"/> while another thread replays them (<see
        /// cref="StatementFeed"/>); <see cref="Complete"/> reads the suppressions when the parse ends, before the file
        /// is handed to anything that reads them.
        /// </summary>
        internal ParsedFile(SourceFile file, IReadOnlyList<Statement> statements)
        {
            File = file;
            Statements = statements;
            Suppressions = new Suppression[0];
        }

        public SourceFile File { get; }
        public IReadOnlyList<Statement> Statements { get; }

        /// <summary>The suppression comments, read with <see cref="SuppressionParser"/>'s rules.</summary>
        internal IReadOnlyList<Suppression> Suppressions { get; private set; }

        /// <summary>Ends a parse begun with the streaming constructor: its statements are all in.</summary>
        internal void Complete(TokenList tokens)
        {
            Suppressions = SuppressionParser.Read(File, tokens, Statements);
        }
    }
}
