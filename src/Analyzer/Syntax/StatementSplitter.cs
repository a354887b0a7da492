using System.Collections.Generic;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Splits a token list into statements with psql's rules (psqlscan.l): a ';' ends a statement only at
    /// parenthesis depth 0 and outside a CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END body.
    /// The ranges tile tokens [0, Count - 1) in order (the EndOfFile token is in none):
    /// - leading trivia belongs to the statement that follows it; a statement ends right after its ';';
    /// - a psql meta-command is a range of its own; it first closes a pending statement that has non-trivia
    ///   tokens (as an unterminated range), otherwise the pending trivia leads the meta-command's range;
    /// - a CopyData token extends the COPY statement it follows (with the trivia between them);
    /// - an unterminated last statement, or trivia after the last ';', is a final range with SemicolonToken -1.
    /// </summary>
    public static class StatementSplitter
    {
        public static List<StatementRange> Split(TokenList tokens)
        {
            var ranges = new List<StatementRange>();
            int end = tokens.Count;
            if (end > 0 && tokens[end - 1].Kind == SyntaxKind.EndOfFile)
            {
                end--;
            }

            var statement = new PsqlStatementTracker();
            string text = tokens.Text;
            int start = 0;
            bool pendingHasTokens = false;
            // Trivia never decides a boundary: walk the significant tokens only (about half of them).
            int[] significant = tokens.Significant;
            int significantCount = tokens.SignificantCount;
            for (int k = 0; k < significantCount; k++)
            {
                int i = significant[k];
                Token token = tokens[i];
                switch (token.Kind)
                {
                    case SyntaxKind.PsqlMetaCommand:
                        if (pendingHasTokens)
                        {
                            ranges.Add(new StatementRange(start, i, -1));
                            start = i;
                        }

                        ranges.Add(new StatementRange(start, i + 1, -1));
                        start = i + 1;
                        pendingHasTokens = false;
                        statement.Reset();
                        continue;

                    case SyntaxKind.CopyData:
                        if (!pendingHasTokens && ranges.Count > 0)
                        {
                            StatementRange copy = ranges[ranges.Count - 1];
                            ranges[ranges.Count - 1] = new StatementRange(copy.FirstToken, i + 1, copy.SemicolonToken);
                            start = i + 1;
                            continue;
                        }

                        break;

                    case SyntaxKind.OpenParen:
                        statement.OpenParen();
                        break;

                    case SyntaxKind.CloseParen:
                        statement.CloseParen();
                        break;

                    case SyntaxKind.Identifier:
                        statement.Identifier(text, token.Start, token.Length);
                        break;

                    case SyntaxKind.Semicolon:
                        if (statement.SemicolonEndsStatement)
                        {
                            ranges.Add(new StatementRange(start, i + 1, i));
                            start = i + 1;
                            pendingHasTokens = false;
                            statement.Reset();
                            continue;
                        }

                        break;
                }

                pendingHasTokens = true;
            }

            if (start < end)
            {
                ranges.Add(new StatementRange(start, end, -1));
            }

            return ranges;
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
