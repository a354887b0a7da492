using System.Collections.Generic;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Splits a token list into statements on top-level ';' (psql's rules: not inside parentheses-free
    /// BEGIN ATOMIC bodies, quotes or comments, which the lexer already made single tokens).
    /// </summary>
    public static class StatementSplitter
    {
        public static List<StatementRange> Split(TokenList tokens)
        {
            // Stub until the lexer work lands: one range over everything.
            return new List<StatementRange> { new StatementRange(0, tokens.Count - 1, -1) };
        }
    }

    /// <summary>
    /// Tokens [FirstToken, EndToken) of one statement, trivia included; <see cref="SemicolonToken"/> is the index of
    /// its terminating ';' (inside the range, last non-trivia token) or -1 when the statement is unterminated.
    /// A psql meta-command is a statement of its own; a COPY's data block belongs to its COPY statement.
    /// </summary>
    public readonly struct StatementRange
    {
        public StatementRange(int firstToken, int endToken, int semicolonToken)
        {
            FirstToken = firstToken;
            EndToken = endToken;
            SemicolonToken = semicolonToken;
        }

        public int FirstToken { get; }
        public int EndToken { get; }
        public int SemicolonToken { get; }
    }
}
