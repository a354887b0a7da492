using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Lossless PostgreSQL + psql lexer: every UTF-16 unit belongs to exactly one token, trivia included, and the
    /// list ends with a zero-length EndOfFile. Never throws; one forward pass, no recursion, no per-token strings.
    /// Follows PostgreSQL's scan.l and psql's psqlscan.l; unterminated quotes and comments run to the end.
    /// </summary>
    public static class Lexer
    {
        public static TokenList Lex(string text)
        {
            return new Scanner(text ?? string.Empty).Run();
        }

        /// <summary>
        /// Lexes and splits in one pass: <paramref name="statements"/> is what <see cref="StatementSplitter.Split"/>
        /// returns for the tokens. The lexer already tracks psql's statement state (to find COPY data), so the
        /// ranges come from the same decisions instead of a second walk over the tokens.
        /// </summary>
        internal static TokenList Lex(string text, out List<StatementRange> statements)
        {
            var scanner = new Scanner(text ?? string.Empty);
            TokenList tokens = scanner.Run();
            statements = scanner.Statements;
            return tokens;
        }

        /// <summary>
        /// As <see cref="Lex(string, out List{StatementRange})"/>, but lexing into <paramref name="buffers"/> (grown
        /// when too small): the token list and the ranges are valid only until the buffers are used again.
        /// </summary>
        internal static TokenList Lex(string text, LexBuffers buffers, out List<StatementRange> statements)
        {
            var scanner = new Scanner(text ?? string.Empty, buffers);
            TokenList tokens = scanner.Run();
            scanner.HandBack(buffers);
            statements = scanner.Statements;
            return tokens;
        }

        /// <summary>The per-call state: output buffer plus the small psql state needed for COPY data blocks.</summary>
        private sealed class Scanner
        {
            private readonly string _text;
            private readonly PsqlStatementTracker _statement = new PsqlStatementTracker();
            private readonly CopyFromStdinDetector _copy = new CopyFromStdinDetector();
            // The token list as it grows: kind and start per token, plus the indexes of the significant tokens.
            private SyntaxKind[] _kinds;
            private int[] _starts;
            private int _count;
            private int[] _significant;
            private int _significantCount;

            // Set by the ';' that ends COPY ... FROM STDIN: the data block starts at the next line.
            private bool _copyDataAtNextLine;

            // Statement ranges, by StatementSplitter's rules: the pending statement starts at token _statementStart
            // and has a significant token when _pendingHasTokens.
            private int _statementStart;
            private bool _pendingHasTokens;

            public List<StatementRange> Statements { get; }

            public Scanner(string text)
            {
                _text = text;
                int guess = TokenGuess(text);
                _kinds = new SyntaxKind[guess];
                _starts = new int[guess + 1];
                _significant = new int[guess / 2];
                Statements = new List<StatementRange>(StatementGuess(text));
            }

            /// <summary>Lexes into reused arrays, replacing only those smaller than this text's first guess.</summary>
            public Scanner(string text, LexBuffers buffers)
            {
                _text = text;
                int guess = TokenGuess(text);
                _kinds = buffers.Kinds.Length >= guess ? buffers.Kinds : new SyntaxKind[guess];
                _starts = buffers.Starts.Length >= guess + 1 ? buffers.Starts : new int[guess + 1];
                _significant = buffers.Significant.Length >= guess / 2 ? buffers.Significant : new int[guess / 2];
                Statements = buffers.Statements;
                Statements.Clear();
                if (Statements.Capacity < StatementGuess(text))
                {
                    Statements.Capacity = StatementGuess(text);
                }
            }

            /// <summary>Roughly one token per 5 chars in SQL, half of them significant; the arrays grow by doubling when that guess is low.</summary>
            private static int TokenGuess(string text) => Math.Max(16, text.Length / 4);

            /// <summary>
            /// About one statement per 190 chars in a schema dump (GitLab: 14.6k in 2.7 MB); sized once, the list does
            /// not leave a trail of doubled arrays (GitLab: 400 KB, two of them on the large-object heap).
            /// </summary>
            private static int StatementGuess(string text) => text.Length / 160 + 16;

            /// <summary>Stores the arrays as they ended up (grown or not) in <paramref name="buffers"/> for the next lex.</summary>
            public void HandBack(LexBuffers buffers)
            {
                buffers.Kinds = _kinds;
                buffers.Starts = _starts;
                buffers.Significant = _significant;
            }

            public TokenList Run()
            {
                string t = _text;
                int len = t.Length;
                int pos = 0;
                if (len > 0 && t[0] == '\uFEFF')
                {
                    // A byte-order mark left in by a reader is trivia, not the start of the first keyword.
                    pos = Emit(SyntaxKind.Whitespace, 0, 1);
                }

                while (pos < len)
                {
                    pos = LexPlainTokens(pos);
                    if (pos < len)
                    {
                        pos = LexOne(pos);
                    }
                }

                if (_statementStart < _count)
                {
                    Statements.Add(new StatementRange(_statementStart, _count, -1)); // unterminated, or trailing trivia
                }

                Add(SyntaxKind.EndOfFile, len);
                _starts[_count] = len;
                return new TokenList(t, _kinds, _starts, _count, _significant, _significantCount);
            }

            /// <summary>
            /// The common tokens that need no psql state: whitespace, words once the statement's leading words are
            /// known (and name no routine), and ( ) [ ] ,. Most of a file is these, so this loop keeps the token
            /// arrays and counts in locals; it returns at the first other token (for <see cref="LexOne"/>), or when
            /// an array is full.
            /// </summary>
            private int LexPlainTokens(int pos)
            {
                if (_copyDataAtNextLine)
                {
                    return pos; // the next line break starts COPY data: LexWhitespace watches for it
                }

                string t = _text;
                int len = t.Length;
                SyntaxKind[] kinds = _kinds;
                int[] starts = _starts;
                int[] significant = _significant;
                int count = _count;
                int significantCount = _significantCount;
                // Neither changes inside this loop: only a ';' or a meta-command (LexOne's) resets them.
                bool wordsArePlain = !_statement.WantsWords && !_copy.IsWatching;
                while (pos < len && count < kinds.Length && significantCount < significant.Length)
                {
                    char c = t[pos];
                    CharClass form = CharKinds.ClassOf(c);
                    if (form == CharClass.Space)
                    {
                        kinds[count] = SyntaxKind.Whitespace;
                        starts[count++] = pos;
                        pos = Scan.Whitespace(t, pos);
                        continue;
                    }

                    SyntaxKind kind;
                    int end;
                    if ((form == CharClass.Letter || (form == CharClass.PrefixLetter && !MayStartPrefixedLiteral(pos))) && wordsArePlain)
                    {
                        kind = SyntaxKind.Identifier;
                        end = Scan.Identifier(t, pos);
                    }
                    else if (form == CharClass.Punctuation && wordsArePlain)
                    {
                        kind = CharKinds.PunctuationKind(c);
                        end = pos + 1;
                        if (kind == SyntaxKind.OpenParen)
                        {
                            _statement.OpenParen();
                        }
                        else if (kind == SyntaxKind.CloseParen)
                        {
                            _statement.CloseParen();
                        }
                    }
                    else
                    {
                        break;
                    }

                    _pendingHasTokens = true;
                    significant[significantCount++] = count;
                    kinds[count] = kind;
                    starts[count++] = pos;
                    pos = end;
                }

                _count = count;
                _significantCount = significantCount;
                return pos;
            }

            /// <summary>The b/e/n/u/x at <paramref name="pos"/> is followed by a quote or '&amp;' (LexPrefixedWord decides).</summary>
            private bool MayStartPrefixedLiteral(int pos)
            {
                if (pos + 1 >= _text.Length)
                {
                    return false;
                }

                char next = _text[pos + 1];
                return next == '\'' || next == '&';
            }

            /// <summary>Lexes the token(s) starting at <paramref name="pos"/>; returns the position after them.</summary>
            /// <remarks>One table lookup picks the form; the common tokens (words, spaces, punctuation) take one branch.</remarks>
            private int LexOne(int pos)
            {
                string t = _text;
                char c = t[pos];
                switch (CharKinds.ClassOf(c))
                {
                    case CharClass.Space:
                        return LexWhitespace(pos);
                    case CharClass.Letter:
                        return Word(pos, Scan.Identifier(t, pos));
                    case CharClass.PrefixLetter:
                        return LexPrefixedWord(pos, c);
                    case CharClass.Punctuation:
                        return Punctuation(CharKinds.PunctuationKind(c), pos);
                    case CharClass.Digit:
                        return Significant(SyntaxKind.Number, pos, Scan.Number(t, pos));
                    case CharClass.Dot:
                        return LexDot(pos);
                    case CharClass.Quote:
                        return Significant(SyntaxKind.String, pos, Scan.QuotedString(t, pos + 1, backslashEscapes: false));
                    case CharClass.DoubleQuote:
                        return Significant(SyntaxKind.QuotedIdentifier, pos, Scan.QuotedIdentifier(t, pos + 1));
                    case CharClass.Dollar:
                        return LexDollar(pos);
                    case CharClass.Semicolon:
                        return LexSemicolon(pos);
                    case CharClass.Colon:
                        return NextIs(pos, ':')
                            ? Significant(SyntaxKind.DoubleColon, pos, pos + 2)
                            : Significant(SyntaxKind.Colon, pos, pos + 1);
                    case CharClass.Backslash:
                        return LexMetaCommand(pos);
                    case CharClass.Minus:
                        return NextIs(pos, '-') ? Emit(SyntaxKind.LineComment, pos, Scan.LineEnd(t, pos)) : LexOperator(pos);
                    case CharClass.Slash:
                        return NextIs(pos, '*') ? Emit(SyntaxKind.BlockComment, pos, Scan.BlockComment(t, pos)) : LexOperator(pos);
                    case CharClass.Operator:
                        return LexOperator(pos);
                    default:
                        return Significant(SyntaxKind.Bad, pos, pos + 1);
                }
            }

            private bool NextIs(int pos, char c) => pos + 1 < _text.Length && _text[pos + 1] == c;

            private int LexDot(int pos)
            {
                string t = _text;
                if (pos + 1 < t.Length)
                {
                    char next = t[pos + 1];
                    if (CharKinds.IsDigit(next))
                    {
                        return Significant(SyntaxKind.Number, pos, Scan.Number(t, pos));
                    }

                    if (next == '.')
                    {
                        // scan.l's DOT_DOT: ".." is one unit, so "..10" is dots then 10, not dot then .10.
                        Significant(SyntaxKind.Dot, pos, pos + 1);
                        return Significant(SyntaxKind.Dot, pos + 1, pos + 2);
                    }
                }

                return Significant(SyntaxKind.Dot, pos, pos + 1);
            }

            private int LexWhitespace(int pos)
            {
                string t = _text;
                int end = pos;
                if (!_copyDataAtNextLine)
                {
                    while (end < t.Length && CharKinds.IsWhitespace(t[end]))
                    {
                        end++;
                    }

                    return Emit(SyntaxKind.Whitespace, pos, end);
                }

                // After COPY ... FROM STDIN; the whitespace stops after the first line break; the data follows.
                bool sawLineBreak = false;
                while (end < t.Length && CharKinds.IsWhitespace(t[end]))
                {
                    end++;
                    if (t[end - 1] == '\n')
                    {
                        sawLineBreak = true;
                        break;
                    }
                }

                Emit(SyntaxKind.Whitespace, pos, end);
                if (!sawLineBreak)
                {
                    return end;
                }

                _copyDataAtNextLine = false;
                if (end == t.Length)
                {
                    return end;
                }

                int copyData = _count;
                if (!_pendingHasTokens && Statements.Count > 0)
                {
                    // The data block belongs to the COPY statement it follows (with the trivia between them).
                    StatementRange copy = Statements[Statements.Count - 1];
                    Statements[Statements.Count - 1] = new StatementRange(copy.FirstToken, copyData + 1, copy.SemicolonToken);
                    _statementStart = copyData + 1;
                }
                else
                {
                    _pendingHasTokens = true;
                }

                return Emit(SyntaxKind.CopyData, end, Scan.CopyData(t, end));
            }

            /// <summary>A word starting with b, e, n, u or x: a prefixed string literal when a quote follows, else an identifier.</summary>
            private int LexPrefixedWord(int pos, char c)
            {
                string t = _text;
                char next = pos + 1 < t.Length ? t[pos + 1] : '\0';
                char lower = (char)(c | 0x20);
                if (next == '\'')
                {
                    switch (lower)
                    {
                        case 'e':
                            return Significant(SyntaxKind.EscapeString, pos, Scan.QuotedString(t, pos + 2, backslashEscapes: true));
                        case 'b':
                        case 'x':
                            return Significant(SyntaxKind.BitString, pos, Scan.QuotedString(t, pos + 2, backslashEscapes: false));
                        case 'n':
                            return Significant(SyntaxKind.NationalString, pos, Scan.QuotedString(t, pos + 2, backslashEscapes: false));
                    }
                }
                else if (lower == 'u' && next == '&' && pos + 2 < t.Length)
                {
                    char quote = t[pos + 2];
                    if (quote == '\'')
                    {
                        return Significant(SyntaxKind.UnicodeString, pos, Scan.QuotedString(t, pos + 3, backslashEscapes: false));
                    }

                    if (quote == '"')
                    {
                        return Significant(SyntaxKind.UnicodeQuotedIdentifier, pos, Scan.QuotedIdentifier(t, pos + 3));
                    }
                }

                return Word(pos, Scan.Identifier(t, pos));
            }

            private int LexDollar(int pos)
            {
                string t = _text;
                if (pos + 1 < t.Length && CharKinds.IsDigit(t[pos + 1]))
                {
                    return Significant(SyntaxKind.Parameter, pos, Scan.Digits(t, pos + 1));
                }

                int tagEnd = Scan.DollarTag(t, pos);
                if (tagEnd < 0)
                {
                    return Significant(SyntaxKind.Bad, pos, pos + 1);
                }

                return Significant(SyntaxKind.DollarString, pos, Scan.DollarBody(t, pos, tagEnd));
            }

            private int LexSemicolon(int pos)
            {
                int end = Significant(SyntaxKind.Semicolon, pos, pos + 1);
                if (_statement.SemicolonEndsStatement)
                {
                    int semicolon = _count - 1;
                    Statements.Add(new StatementRange(_statementStart, semicolon + 1, semicolon));
                    _statementStart = semicolon + 1;
                    _pendingHasTokens = false;

                    if (_copy.IsCopyFromStdin)
                    {
                        _copyDataAtNextLine = true;
                    }

                    _statement.Reset();
                    _copy.Reset();
                }

                return end;
            }

            private int LexMetaCommand(int pos)
            {
                // A meta-command is a statement of its own; it first closes a pending statement that has tokens,
                // otherwise the pending trivia leads the meta-command's range.
                int command = _count;
                if (_pendingHasTokens)
                {
                    Statements.Add(new StatementRange(_statementStart, command, -1));
                    _statementStart = command;
                }

                Statements.Add(new StatementRange(_statementStart, command + 1, -1));
                _statementStart = command + 1;
                _pendingHasTokens = false;
                int end = Emit(SyntaxKind.PsqlMetaCommand, pos, Scan.LineEnd(_text, pos));
                // The splitter makes a meta-command a statement boundary; the lexer agrees.
                _statement.Reset();
                _copy.Reset();
                return end;
            }

            private int LexOperator(int pos)
            {
                int runEnd = Scan.OperatorRun(_text, pos, out int headEnd);
                Significant(SyntaxKind.Operator, pos, headEnd);
                // scan.l strips a trailing +/- run and rescans it; each stripped char then lexes as a one-char
                // operator. Emitting them here keeps a long "+-+-+-" run linear instead of quadratic.
                for (int i = headEnd; i < runEnd; i++)
                {
                    Significant(SyntaxKind.Operator, i, i + 1);
                }

                return runEnd;
            }

            /// <summary>An unquoted word (keyword or name): the psql statement state looks for CREATE FUNCTION ... BEGIN.</summary>
            private int Word(int start, int end)
            {
                AddSignificant(SyntaxKind.Identifier, start);
                _pendingHasTokens = true;
                _statement.Identifier(_text, start, end - start);
                WatchCopy(SyntaxKind.Identifier, start, end);
                return end;
            }

            /// <summary>( ) [ ] , : parentheses change the psql statement state.</summary>
            private int Punctuation(SyntaxKind kind, int start)
            {
                AddSignificant(kind, start);
                _pendingHasTokens = true;
                if (kind == SyntaxKind.OpenParen)
                {
                    _statement.OpenParen();
                }
                else if (kind == SyntaxKind.CloseParen)
                {
                    _statement.CloseParen();
                }

                WatchCopy(kind, start, start + 1);
                return start + 1;
            }

            /// <summary>Any other non-trivia token (never a word or a parenthesis).</summary>
            private int Significant(SyntaxKind kind, int start, int end)
            {
                AddSignificant(kind, start);
                _pendingHasTokens = true;
                WatchCopy(kind, start, end);
                return end;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private void WatchCopy(SyntaxKind kind, int start, int end)
            {
                if (_copy.IsWatching)
                {
                    _copy.Token(_text, new Token(kind, start, end - start), _statement.ParenDepth);
                }
            }

            /// <summary>A token that does not drive the psql statement state (trivia, meta-commands, COPY data).</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private int Emit(SyntaxKind kind, int start, int end)
            {
                Add(kind, start);
                return end;
            }

            /// <summary>Appends a token; only its start is stored, since the tokens tile the text.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private void Add(SyntaxKind kind, int start)
            {
                if (TokenList.IsSignificantKind(kind))
                {
                    AddSignificant(kind, start);
                    return;
                }

                if (_count == _kinds.Length)
                {
                    GrowTokens();
                }

                _kinds[_count] = kind;
                _starts[_count++] = start;
            }

            /// <summary>Appends a non-trivia token and records its index for the parser's cursor (the psql state is the caller's).</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private void AddSignificant(SyntaxKind kind, int start)
            {
                if (_count == _kinds.Length)
                {
                    GrowTokens();
                }

                if (_significantCount == _significant.Length)
                {
                    Array.Resize(ref _significant, _significant.Length * 2);
                }

                _significant[_significantCount++] = _count;
                _kinds[_count] = kind;
                _starts[_count++] = start;
            }

            private void GrowTokens()
            {
                Array.Resize(ref _kinds, _kinds.Length * 2);
                Array.Resize(ref _starts, _kinds.Length + 1);
            }
        }
    }
}
