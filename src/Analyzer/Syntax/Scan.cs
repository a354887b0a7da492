namespace ReplicaGuard.Syntax
{
    /// <summary>What a char can start: the lexer dispatches on this once per token.</summary>
    internal enum CharClass : byte
    {
        Bad = 0,          // starts no token (a control char, say): a one-char Bad token
        Space,            // space \t \n \r \f \v
        Letter,           // A-Z a-z _ and every char >= 0x80, except the prefix letters below
        PrefixLetter,     // b e n u x (either case): may start B'..', E'..', N'..', U&'..', U&"..", X'..'
        Digit,
        Dot,
        Quote,            // '
        DoubleQuote,      // "
        Dollar,
        Punctuation,      // ( ) [ ] ,
        Semicolon,
        Colon,
        Backslash,        // a psql meta-command
        Minus,            // "--" comment or an operator
        Slash,            // "/*" comment or an operator
        Operator,         // the other operator chars
    }

    /// <summary>Character classes of PostgreSQL's scan.l (ASCII looked up in a table: the lexer's hot path).</summary>
    internal static class CharKinds
    {
        private const byte Space = 1;
        private const byte Letter = 2;      // A-Z a-z _ : starts an identifier or a dollar tag
        private const byte Digit = 4;
        private const byte Dollar = 8;

        // The two ASCII tables are string constants, not static readonly arrays: precompiled (ReadyToRun) code reads a
        // constant without the class-initialisation check that keeps it from inlining IsIdentifierPart and the other
        // lookups of the lexer's hot path (a cold `check` parsed GitLab about 10% faster). CharKindsTests rebuilds
        // both from their definitions (scan.l's classes) and compares.

        /// <summary>Space, Letter, Digit or Dollar (or 0) of each ASCII char, 16 per line.</summary>
        private const string Ascii =
            "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u0001\u0001\u0001\u0001\u0000\u0000" +
            "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000" +
            "\u0001\u0000\u0000\u0000\u0008\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000" +
            "\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0000\u0000\u0000\u0000\u0000\u0000" +
            "\u0000\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002" +
            "\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0000\u0000\u0000\u0000\u0002" +
            "\u0000\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002" +
            "\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0000\u0000\u0000\u0000\u0000";

        /// <summary>The <see cref="CharClass"/> of each ASCII char, 16 per line.</summary>
        private const string Classes =
            "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u0001\u0001\u0001\u0001\u0000\u0000" +
            "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000" +
            "\u0001\u000F\u0007\u000F\u0008\u000F\u000F\u0006\u0009\u0009\u000F\u000F\u0009\u000D\u0005\u000E" +
            "\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u000B\u000A\u000F\u000F\u000F\u000F" +
            "\u000F\u0002\u0003\u0002\u0002\u0003\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0003\u0002" +
            "\u0002\u0002\u0002\u0002\u0002\u0003\u0002\u0002\u0003\u0002\u0002\u0009\u000C\u0009\u000F\u0002" +
            "\u000F\u0002\u0003\u0002\u0002\u0003\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0002\u0003\u0002" +
            "\u0002\u0002\u0002\u0002\u0002\u0003\u0002\u0002\u0003\u0002\u0002\u0000\u000F\u0000\u000F\u0000";

        /// <summary>The token kind of each one-char punctuation mark ( ) [ ] ,.</summary>
        private static readonly SyntaxKind[] PunctuationKinds = BuildPunctuationKinds();

        private static SyntaxKind[] BuildPunctuationKinds()
        {
            var kinds = new SyntaxKind[128];
            kinds['('] = SyntaxKind.OpenParen;
            kinds[')'] = SyntaxKind.CloseParen;
            kinds['['] = SyntaxKind.OpenBracket;
            kinds[']'] = SyntaxKind.CloseBracket;
            kinds[','] = SyntaxKind.Comma;
            return kinds;
        }

        // Any char >= 0x80 counts as a letter, as in scan.l (which works on bytes of multibyte encodings).
        public static CharClass ClassOf(char c) => c < 128 ? (CharClass)Classes[c] : CharClass.Letter;

        /// <summary>Kind of a <see cref="CharClass.Punctuation"/> char.</summary>
        public static SyntaxKind PunctuationKind(char c) => PunctuationKinds[c];

        public static bool IsWhitespace(char c) => c < 128 && Ascii[c] == Space;

        public static bool IsDigit(char c) => c >= '0' && c <= '9';

        // Any char >= 0x80 counts as a letter, as in scan.l (which works on bytes of multibyte encodings).
        public static bool IsIdentifierStart(char c) => c >= 128 || Ascii[c] == Letter;

        public static bool IsIdentifierPart(char c) => c >= 128 || (Ascii[c] & (Letter | Digit | Dollar)) != 0;

        public static bool IsDollarTagStart(char c) => c >= 128 || Ascii[c] == Letter;

        public static bool IsDollarTagPart(char c) => c >= 128 || (Ascii[c] & (Letter | Digit)) != 0;

        public static bool IsOperatorChar(char c)
        {
            switch (c)
            {
                case '~': case '!': case '@': case '#': case '^': case '&': case '|': case '`': case '?':
                case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '=':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Operator chars whose presence lets a multi-char operator end in + or - (scan.l).</summary>
        public static bool AllowsTrailingSign(char c)
        {
            switch (c)
            {
                case '~': case '!': case '@': case '#': case '^': case '&': case '|': case '`': case '?': case '%':
                    return true;
                default:
                    return false;
            }
        }

        public static bool IsDigitOfRadix(char c, int radix)
        {
            switch (radix)
            {
                case 16:
                    return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                case 8:
                    return c >= '0' && c <= '7';
                case 2:
                    return c == '0' || c == '1';
                default:
                    return IsDigit(c);
            }
        }
    }

    /// <summary>
    /// Scanners for single lexical forms. Each takes the text and a start position and returns the end position
    /// (exclusive); none reads past the end of the text and none allocates.
    /// </summary>
    internal static class Scan
    {
        /// <summary>Up to (not including) the next \n or \r, as scan.l's non_newline.</summary>
        public static int LineEnd(string t, int pos)
        {
            int i = pos;
            while (i < t.Length && t[i] != '\n' && t[i] != '\r')
            {
                i++;
            }

            return i;
        }

        /// <summary>Nested /* */ comment at <paramref name="pos"/>; unterminated runs to the end.</summary>
        public static int BlockComment(string t, int pos)
        {
            int depth = 1;
            int i = pos + 2;
            int len = t.Length;
            while (i < len)
            {
                char c = t[i];
                if (c == '*' && i + 1 < len && t[i + 1] == '/')
                {
                    i += 2;
                    if (--depth == 0)
                    {
                        return i;
                    }
                }
                else if (c == '/' && i + 1 < len && t[i + 1] == '*')
                {
                    i += 2;
                    depth++;
                }
                else
                {
                    i++;
                }
            }

            return len;
        }

        /// <summary>A run of whitespace at <paramref name="pos"/>.</summary>
        public static int Whitespace(string t, int pos)
        {
            int i = pos + 1;
            while (i < t.Length && CharKinds.IsWhitespace(t[i]))
            {
                i++;
            }

            return i;
        }

        public static int Identifier(string t, int pos)
        {
            int i = pos + 1;
            while (i < t.Length && CharKinds.IsIdentifierPart(t[i]))
            {
                i++;
            }

            return i;
        }

        public static int Digits(string t, int pos)
        {
            int i = pos;
            while (i < t.Length && CharKinds.IsDigit(t[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>
        /// Body of a '-quoted literal starting just after the opening quote; '' is an escaped quote and, when
        /// <paramref name="backslashEscapes"/>, a backslash escapes the next char. Unterminated runs to the end.
        /// </summary>
        public static int QuotedString(string t, int bodyStart, bool backslashEscapes)
        {
            int i = bodyStart;
            int len = t.Length;
            while (i < len)
            {
                char c = t[i];
                if (c == '\'')
                {
                    if (i + 1 < len && t[i + 1] == '\'')
                    {
                        i += 2;
                        continue;
                    }

                    return i + 1;
                }

                i += backslashEscapes && c == '\\' ? 2 : 1;
            }

            return len;
        }

        /// <summary>Body of a "-quoted identifier starting just after the opening quote; "" escapes a quote.</summary>
        public static int QuotedIdentifier(string t, int bodyStart)
        {
            int i = bodyStart;
            int len = t.Length;
            while (i < len)
            {
                if (t[i] == '"')
                {
                    if (i + 1 < len && t[i + 1] == '"')
                    {
                        i += 2;
                        continue;
                    }

                    return i + 1;
                }

                i++;
            }

            return len;
        }

        /// <summary>
        /// The opening delimiter $tag$ (tag possibly empty) at <paramref name="pos"/>: returns the position after it,
        /// or -1 when the '$' starts no dollar quote.
        /// </summary>
        public static int DollarTag(string t, int pos)
        {
            int i = pos + 1;
            int len = t.Length;
            if (i < len && CharKinds.IsDollarTagStart(t[i]))
            {
                i++;
                while (i < len && CharKinds.IsDollarTagPart(t[i]))
                {
                    i++;
                }
            }

            return i < len && t[i] == '$' ? i + 1 : -1;
        }

        /// <summary>
        /// End of a dollar-quoted string whose opening delimiter is t[open..bodyStart): just after the first identical
        /// delimiter, or the end of the text. Linear: a candidate '$' is compared only up to the first mismatch, and
        /// a tag never contains '$', so no char is compared for two candidates.
        /// </summary>
        public static int DollarBody(string t, int open, int bodyStart)
        {
            int delimiterLength = bodyStart - open;
            int len = t.Length;
            int i = bodyStart;
            while (i < len)
            {
                int candidate = t.IndexOf('$', i);
                if (candidate < 0 || candidate + delimiterLength > len)
                {
                    return len;
                }

                int k = 1;
                while (k < delimiterLength && t[candidate + k] == t[open + k])
                {
                    k++;
                }

                if (k == delimiterLength)
                {
                    return candidate + delimiterLength;
                }

                i = candidate + 1;
            }

            return len;
        }

        /// <summary>
        /// A number at <paramref name="pos"/> (a digit, or '.' then a digit): decimal with '_' separators, optional
        /// fraction and exponent, or 0x/0o/0b integers. "1..10" gives "1" (scan.l's numericfail), so ".." stays dots.
        /// </summary>
        public static int Number(string t, int pos)
        {
            int len = t.Length;
            if (t[pos] == '0' && pos + 1 < len)
            {
                int radix = RadixOfPrefix(t[pos + 1]);
                if (radix != 0)
                {
                    int digitsStart = pos + 2;
                    if (digitsStart + 1 < len && t[digitsStart] == '_' && CharKinds.IsDigitOfRadix(t[digitsStart + 1], radix))
                    {
                        digitsStart++;
                    }

                    int end = DigitGroups(t, digitsStart, radix);
                    if (end > digitsStart)
                    {
                        return end;
                    }
                }
            }

            int i = t[pos] == '.' ? pos : DigitGroups(t, pos, 10);
            if (i < len && t[i] == '.')
            {
                if (i + 1 < len && t[i + 1] == '.')
                {
                    return i;
                }

                i = DigitGroups(t, i + 1, 10);
            }

            if (i < len && (t[i] == 'e' || t[i] == 'E'))
            {
                int k = i + 1;
                if (k < len && (t[k] == '+' || t[k] == '-'))
                {
                    k++;
                }

                if (k < len && CharKinds.IsDigit(t[k]))
                {
                    i = DigitGroups(t, k, 10);
                }
            }

            return i;
        }

        private static int RadixOfPrefix(char c)
        {
            switch (c)
            {
                case 'x': case 'X': return 16;
                case 'o': case 'O': return 8;
                case 'b': case 'B': return 2;
                default: return 0;
            }
        }

        /// <summary>digit (_? digit)*; returns <paramref name="pos"/> when there is no digit there.</summary>
        private static int DigitGroups(string t, int pos, int radix)
        {
            int i = pos;
            int len = t.Length;
            while (i < len)
            {
                if (CharKinds.IsDigitOfRadix(t[i], radix))
                {
                    i++;
                }
                else if (t[i] == '_' && i > pos && i + 1 < len && CharKinds.IsDigitOfRadix(t[i + 1], radix))
                {
                    i += 2;
                }
                else
                {
                    break;
                }
            }

            return i;
        }

        /// <summary>
        /// An operator run at <paramref name="pos"/> per scan.l: it stops before "--" or "/*"; when it is longer than
        /// one char, ends in + or -, and has none of ~!@#^&amp;|`?% before its last char, the trailing +/- chars are
        /// stripped. Returns the run end; <paramref name="headEnd"/> is the end of the operator token itself, and
        /// each char in [headEnd, runEnd) is a one-char operator (what scan.l's rescan of them yields).
        /// </summary>
        public static int OperatorRun(string t, int pos, out int headEnd)
        {
            int len = t.Length;
            int end = pos;
            bool allowsTrailingSign = false;
            while (end < len && CharKinds.IsOperatorChar(t[end]))
            {
                char c = t[end];
                char next = end + 1 < len ? t[end + 1] : '\0';
                if (end > pos && ((c == '-' && next == '-') || (c == '/' && next == '*')))
                {
                    break;
                }

                end++;
            }

            for (int i = pos; i < end - 1; i++)
            {
                if (CharKinds.AllowsTrailingSign(t[i]))
                {
                    allowsTrailingSign = true;
                    break;
                }
            }

            headEnd = end;
            if (end - pos > 1 && IsSign(t[end - 1]) && !allowsTrailingSign)
            {
                do
                {
                    headEnd--;
                }
                while (headEnd - pos > 1 && IsSign(t[headEnd - 1]));
            }

            return end;
        }

        private static bool IsSign(char c) => c == '+' || c == '-';

        /// <summary>
        /// A COPY data block starting at a line start: through the line that is exactly \. (its line break
        /// excluded; "\.\r\n" counts, as in psql), or to the end of the text.
        /// </summary>
        public static int CopyData(string t, int lineStart)
        {
            int len = t.Length;
            int i = lineStart;
            while (i < len)
            {
                if (t[i] == '\\' && i + 1 < len && t[i + 1] == '.')
                {
                    int after = i + 2;
                    if (after == len || t[after] == '\n' || (t[after] == '\r' && (after + 1 == len || t[after + 1] == '\n')))
                    {
                        return after;
                    }
                }

                int lineBreak = t.IndexOf('\n', i);
                if (lineBreak < 0)
                {
                    return len;
                }

                i = lineBreak + 1;
            }

            return len;
        }
    }
}
