namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Looks inside procedural code (a DO body) for statements that could change tables, keys, identities or
    /// publications. Such code runs conditionally or with computed names, so the engine cannot replay it and says
    /// so (RG9001) instead of silently guessing.
    /// </summary>
    internal static class DynamicSqlScanner
    {
        /// <summary>A short description of the first catalog change found ("ALTER TABLE"), or null.</summary>
        public static string? FindCatalogChange(string code)
        {
            TokenList tokens = Lexer.Lex(code);
            int previous = -1;
            int beforePrevious = -1;
            for (int i = 0; i < tokens.Count; i++)
            {
                Token t = tokens[i];
                if (t.IsTrivia)
                {
                    continue;
                }
                if (t.Kind == SyntaxKind.String || t.Kind == SyntaxKind.EscapeString || t.Kind == SyntaxKind.DollarString)
                {
                    // Dynamic SQL built from strings: EXECUTE 'ALTER TABLE ' || ...
                    string? inner = FindInText(tokens.GetText(i));
                    if (inner != null)
                    {
                        return "dynamic SQL (" + inner + ")";
                    }
                }
                else if (t.Kind == SyntaxKind.Identifier && previous >= 0)
                {
                    string? found = Match(tokens, beforePrevious, previous, i);
                    if (found != null)
                    {
                        return found;
                    }
                }
                beforePrevious = previous;
                previous = i;
            }
            return null;
        }

        private static string? Match(TokenList tokens, int first, int previous, int current)
        {
            bool verb = tokens.Is(previous, "create") || tokens.Is(previous, "alter") || tokens.Is(previous, "drop");
            bool unique = tokens.Is(previous, "unique") && first >= 0 && tokens.Is(first, "create");
            if ((verb || unique) && (tokens.Is(current, "table") || tokens.Is(current, "index") || tokens.Is(current, "publication")
                || tokens.Is(current, "schema")))
            {
                string v = unique ? "CREATE UNIQUE" : tokens.GetText(previous).ToUpperInvariant();
                return v + " " + tokens.GetText(current).ToUpperInvariant();
            }
            if (tokens.Is(previous, "replica") && tokens.Is(current, "identity"))
            {
                return "REPLICA IDENTITY";
            }
            return null;
        }

        private static string? FindInText(string text)
        {
            string lower = text.ToLowerInvariant();
            string[] phrases = { "alter table", "create table", "drop table", "publication", "replica identity", "primary key", "create unique index", "drop index", "set schema" };
            foreach (string phrase in phrases)
            {
                if (lower.IndexOf(phrase, System.StringComparison.Ordinal) >= 0)
                {
                    return phrase.ToUpperInvariant();
                }
            }
            return null;
        }
    }
}
