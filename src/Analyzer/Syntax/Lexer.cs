namespace ReplicaGuard.Syntax
{
    /// <summary>Lossless PostgreSQL lexer. Never throws; see docs in design.md.</summary>
    public static class Lexer
    {
        public static TokenList Lex(string text)
        {
            // Placeholder until the lexer lands: one Bad token for the whole text keeps it lossless.
            var tokens = new Token[2];
            int n = 0;
            if (text.Length > 0)
            {
                tokens[n++] = new Token(SyntaxKind.Bad, 0, text.Length);
            }
            tokens[n++] = new Token(SyntaxKind.EndOfFile, text.Length, 0);
            return new TokenList(text, tokens, n);
        }
    }
}
