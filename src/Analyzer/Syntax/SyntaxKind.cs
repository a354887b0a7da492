namespace ReplicaGuard.Syntax
{
    /// <summary>Kinds of tokens. Trivia kinds (whitespace, comments) are tokens too, so the list is lossless.</summary>
    public enum SyntaxKind : byte
    {
        None = 0,

        // Trivia
        Whitespace,          // spaces, tabs, form feeds, line breaks
        LineComment,         // -- ... up to (not including) the line break
        BlockComment,        // /* ... */ with nesting; unterminated runs to end of text

        // Words
        Identifier,          // unquoted word: keyword or name (the parser decides); includes a trailing $ (PG allows it)
        QuotedIdentifier,    // "..." with "" escapes
        UnicodeQuotedIdentifier, // U&"..." (optionally followed by UESCAPE '...' which lexes as separate tokens)

        // Literals
        String,              // '...' with '' escapes, including adjacent continuation across newlines is NOT merged
        EscapeString,        // E'...' / e'...' with backslash escapes
        UnicodeString,       // U&'...'
        BitString,           // B'...' / X'...'
        NationalString,      // N'...'
        DollarString,        // $tag$ ... $tag$ (or $$ ... $$)
        Number,              // 42, 3.14, .5, 1e10, 0x1F, 0o17, 0b101, 1_000
        Parameter,           // $1

        // Punctuation and operators
        OpenParen,
        CloseParen,
        OpenBracket,
        CloseBracket,
        Comma,
        Semicolon,
        Dot,
        Colon,
        DoubleColon,
        Operator,            // any other operator run (+ - * / < > = ~ ! @ # % ^ & | ` ?), per PostgreSQL's rules

        // psql and data
        PsqlMetaCommand,     // a backslash command (\connect, \restrict, \set, ...) up to the end of its line
        CopyData,            // the data lines after COPY ... FROM stdin; up to and including the terminating \. line
        Bad,                 // a character that starts no token (kept so the text stays lossless)
        EndOfFile,           // zero-length, always the last token
    }
}
