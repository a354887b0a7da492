using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Lossless PostgreSQL + psql lexer: every UTF-16 unit belongs to exactly one token, trivia included, and the
    /// list ends with a zero-length EndOfFile. Never throws; one forward pass, no recursion, no per-token strings.
    /// Follows PostgreSQL's scan.l and psql's psqlscan.l; unterminated quotes and comments run to the end.
    /// A large text's second half may be lexed on another thread (<see cref="LexInHalves"/>), with the same result.
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
            text ??= string.Empty;
            int split = text.Length >= SplitMinimumChars && Environment.ProcessorCount >= 2 ? SecondHalfStart(text) : -1;
            if (split > 0)
            {
                return LexInHalves(text, split, buffers, out statements, out _);
            }
            var scanner = new Scanner(text, buffers);
            TokenList tokens = scanner.Run();
            scanner.HandBack(buffers);
            statements = scanner.Statements;
            return tokens;
        }

        /// <summary>
        /// The size (in chars) from which <see cref="Lex(string, LexBuffers, out List{StatementRange})"/> lexes the
        /// second half of a text on a pool thread: a half of that size takes a few hundred microseconds to lex, against
        /// tens to hand it over. In practice a schema dump (GitLab's structure.sql: ~10 ms of lexing on one thread).
        /// </summary>
        internal const int SplitMinimumChars = 128 * 1024;

        /// <summary>
        /// Where the second half is lexed from: past the middle, just after the first ";" that ends a line, is followed
        /// by a blank line, and then by a line that starts with a letter, as the statements of a schema dump are (a
        /// routine body's blank lines are mostly followed by indented ones). Only a guess: <see cref="LexInHalves"/>
        /// uses the second half only when the first half's lexer, reaching that point, is between statements in its
        /// initial state. -1: no such place.
        /// </summary>
        internal static int SecondHalfStart(string text)
        {
            for (int at = text.IndexOf(';', text.Length / 2); at >= 0; at = text.IndexOf(';', at + 1))
            {
                int next = at + 1;
                int lineBreaks = 0;
                while (next < text.Length && (text[next] == '\n' || text[next] == '\r'))
                {
                    lineBreaks += text[next] == '\n' ? 1 : 0;
                    next++;
                }
                if (lineBreaks >= 2 && next < text.Length && CharKinds.ClassOf(text[next]) is CharClass.Letter or CharClass.PrefixLetter)
                {
                    return at + 1;
                }
            }
            return -1;
        }

        /// <summary>
        /// Lexes text[0..<paramref name="split"/>) here and text[<paramref name="split"/>..) on a pool thread, from the
        /// lexer's initial state. The lexer's state after a token depends only on the text before it, so when this
        /// thread's lexer ends a token exactly at <paramref name="split"/> in that same initial state, the second
        /// lexer made exactly the tokens and statement ranges this one would have, and they are appended. Otherwise
        /// (the split fell in a string, a routine body, a parenthesis, COPY data; or the pool had not started the
        /// second half yet) this thread lexes on to the end and the second half is discarded: the result is always
        /// that of one lexer over the whole text.
        /// </summary>
        /// <param name="joined">Whether the second half's tokens were used.</param>
        /// <param name="schedule">When the second half is lexed; tests choose the order instead of the pool's timing.</param>
        internal static TokenList LexInHalves(string text, int split, LexBuffers buffers, out List<StatementRange> statements, out bool joined, SecondHalfSchedule schedule = SecondHalfSchedule.OnPool)
        {
            var second = new SecondHalf(text, split);
            if (schedule == SecondHalfSchedule.BeforeFirst)
            {
                SecondHalf.Run(second);
            }
            else if (schedule == SecondHalfSchedule.OnPool)
            {
                ThreadPool.UnsafeQueueUserWorkItem(SecondHalf.Run, second);
            }
            var first = new Scanner(text, buffers);
            int pos = first.LexUntil(first.Begin(), split);
            joined = pos == split && first.AtInitialState && second.Join();
            if (joined)
            {
                first.Append(second.Scanner!);
            }
            else
            {
                first.LexUntil(pos, text.Length);
                second.Join();
            }
            second.ReturnBuffers();
            TokenList tokens = first.Finish();
            first.HandBack(buffers);
            statements = first.Statements;
            return tokens;
        }

        internal enum SecondHalfSchedule
        {
            /// <summary>On a pool thread, beside the first half.</summary>
            OnPool,

            /// <summary>On the calling thread, before the first half: the second half is done when the first ends.</summary>
            BeforeFirst,

            /// <summary>Never started, as when the pool is too busy to start it before the first half ends.</summary>
            NotStarted,
        }

        /// <summary>The second half of a <see cref="LexInHalves"/> lex: queued, running or done, or abandoned before it started.</summary>
        private sealed class SecondHalf
        {
            private const int Queued = 0;
            private const int Started = 1;
            private const int Abandoned = 2;

            private readonly string _text;
            private readonly int _start;
            // Never disposed: it has no kernel handle unless its WaitHandle is read, and a Dispose could race with the
            // pool thread's Set.
            private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false);
            private int _state;
            private LexBuffers? _buffers;

            public SecondHalf(string text, int start)
            {
                _text = text;
                _start = start;
            }

            /// <summary>The lexer of the second half, once <see cref="Join"/> returned true.</summary>
            public Scanner? Scanner { get; private set; }

            public static void Run(object? state)
            {
                var half = (SecondHalf)state!;
                if (Interlocked.CompareExchange(ref half._state, Started, Queued) != Queued)
                {
                    return; // the first half finished the text itself
                }
                try
                {
                    half._buffers = LexBuffers.Take();
                    var scanner = new Scanner(half._text, half._buffers, half._start);
                    scanner.LexUntil(half._start, half._text.Length);
                    half.Scanner = scanner;
                }
                catch (Exception)
                {
                    // Out of memory on a pool thread: the first half lexes on alone (no tokens here means no join).
                }
                finally
                {
                    half._done.Set();
                }
            }

            /// <summary>
            /// Waits for the second half if it started (true when it ended with its tokens); abandons it if the pool
            /// has not started it yet (false: waiting for a busy pool could take longer than lexing it here).
            /// </summary>
            public bool Join()
            {
                if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) != Started)
                {
                    return false; // abandoned now or by an earlier call
                }
                _done.Wait();
                return Scanner != null;
            }

            /// <summary>Keeps the second half's arrays for the next lex (after <see cref="Join"/>; the tokens were copied).</summary>
            public void ReturnBuffers()
            {
                if (_buffers != null)
                {
                    Scanner?.HandBack(_buffers);
                    LexBuffers.Return(_buffers);
                    _buffers = null;
                }
            }
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
                : this(text, buffers, 0)
            {
            }

            /// <summary>As <see cref="Scanner(string, LexBuffers)"/>, for the text from <paramref name="start"/> on (see <see cref="LexInHalves"/>).</summary>
            public Scanner(string text, LexBuffers buffers, int start)
            {
                _text = text;
                int guess = TokenGuess(text, start);
                _kinds = buffers.Kinds.Length >= guess ? buffers.Kinds : new SyntaxKind[guess];
                _starts = buffers.Starts.Length >= guess + 1 ? buffers.Starts : new int[guess + 1];
                _significant = buffers.Significant.Length >= guess / 2 ? buffers.Significant : new int[guess / 2];
                Statements = buffers.Statements;
                Statements.Clear();
                if (Statements.Capacity < StatementGuess(text, start))
                {
                    Statements.Capacity = StatementGuess(text, start);
                }
            }

            /// <summary>Roughly one token per 5 chars in SQL, half of them significant; the arrays grow by doubling when that guess is low.</summary>
            private static int TokenGuess(string text, int start = 0) => Math.Max(16, (text.Length - start) / 4);

            /// <summary>
            /// About one statement per 190 chars in a schema dump (GitLab: 14.6k in 2.7 MB); sized once, the list does
            /// not leave a trail of doubled arrays (GitLab: 400 KB, two of them on the large-object heap).
            /// </summary>
            private static int StatementGuess(string text, int start = 0) => (text.Length - start) / 160 + 16;

            /// <summary>Stores the arrays as they ended up (grown or not) in <paramref name="buffers"/> for the next lex.</summary>
            public void HandBack(LexBuffers buffers)
            {
                buffers.Kinds = _kinds;
                buffers.Starts = _starts;
                buffers.Significant = _significant;
            }

            public TokenList Run()
            {
                LexUntil(Begin(), _text.Length);
                return Finish();
            }

            /// <summary>Lexes what the text starts with that is not a token of its own (a byte-order mark); returns where lexing goes on.</summary>
            public int Begin()
            {
                if (_text.Length > 0 && _text[0] == '\uFEFF')
                {
                    // A byte-order mark left in by a reader is trivia, not the start of the first keyword.
                    return Emit(SyntaxKind.Whitespace, 0, 1);
                }
                return 0;
            }

            /// <summary>Lexes the tokens that start before <paramref name="limit"/>; returns the end of the last one (which may pass the limit).</summary>
            public int LexUntil(int pos, int limit)
            {
                while (pos < limit)
                {
                    pos = LexPlainTokens(pos, limit);
                    if (pos < limit)
                    {
                        pos = LexOne(pos);
                    }
                }
                return pos;
            }

            /// <summary>Closes the last statement range and appends the EndOfFile token.</summary>
            public TokenList Finish()
            {
                if (_statementStart < _count)
                {
                    Statements.Add(new StatementRange(_statementStart, _count, -1)); // unterminated, or trailing trivia
                }

                int len = _text.Length;
                Add(SyntaxKind.EndOfFile, len);
                _starts[_count] = len;
                return new TokenList(_text, _kinds, _starts, _count, _significant, _significantCount);
            }

            /// <summary>
            /// Between two statements, in the state a new lexer starts in: no token since the last statement ended (not
            /// even leading trivia) and no COPY data to come. The psql trackers need no check of their own: they change
            /// only on a significant token and are reset when a statement ends.
            /// </summary>
            public bool AtInitialState => _statementStart == _count && !_copyDataAtNextLine;

            /// <summary>Appends the tokens and statement ranges of <paramref name="next"/>, which lexed the text from where this lexer stopped.</summary>
            public void Append(Scanner next)
            {
                int offset = _count;
                int needed = offset + next._count + 1; // and room for Finish's EndOfFile
                if (_kinds.Length < needed)
                {
                    Array.Resize(ref _kinds, needed);
                }
                if (_starts.Length < needed + 1)
                {
                    Array.Resize(ref _starts, needed + 1);
                }
                if (_significant.Length < _significantCount + next._significantCount)
                {
                    Array.Resize(ref _significant, _significantCount + next._significantCount);
                }
                Array.Copy(next._kinds, 0, _kinds, offset, next._count);
                Array.Copy(next._starts, 0, _starts, offset, next._count);
                for (int i = 0; i < next._significantCount; i++)
                {
                    _significant[_significantCount + i] = next._significant[i] + offset;
                }
                foreach (StatementRange range in next.Statements)
                {
                    Statements.Add(new StatementRange(range.FirstToken + offset, range.EndToken + offset, range.SemicolonToken < 0 ? -1 : range.SemicolonToken + offset));
                }
                _count += next._count;
                _significantCount += next._significantCount;
                _statementStart = next._statementStart + offset; // where Finish closes the last range
            }

            /// <summary>
            /// The common tokens that need no psql state: whitespace, words once the statement's leading words are
            /// known (and name no routine), and ( ) [ ] ,. Most of a file is these, so this loop keeps the token
            /// arrays and counts in locals; it returns at the first other token (for <see cref="LexOne"/>), when an
            /// array is full, or at <paramref name="limit"/> (a token that starts before it is lexed whole).
            /// </summary>
            private int LexPlainTokens(int pos, int limit)
            {
                if (_copyDataAtNextLine)
                {
                    return pos; // the next line break starts COPY data: LexWhitespace watches for it
                }

                string t = _text;
                SyntaxKind[] kinds = _kinds;
                int[] starts = _starts;
                int[] significant = _significant;
                int count = _count;
                int significantCount = _significantCount;
                // Neither changes inside this loop: only a ';' or a meta-command (LexOne's) resets them.
                bool wordsArePlain = !_statement.WantsWords && !_copy.IsWatching;
                while (pos < limit && count < kinds.Length && significantCount < significant.Length)
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
