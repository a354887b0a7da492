using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Error-tolerant parser: models the statements that can change the catalog, keeps every other statement as
    /// an <see cref="OpaqueStatement"/>, and turns a statement it cannot read into an <see cref="UnparsedStatement"/>.
    /// Never throws: a failure sets an error on the cursor and the statement is abandoned.
    /// </summary>
    public static class Parser
    {
        /// <summary>How many statements are parsed between two cancellation checks (cheap enough to check, frequent enough to stop promptly).</summary>
        private const int CancellationCheckInterval = 64;

        /// <summary>Throws <see cref="System.OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.</summary>
        public static ParsedFile Parse(SourceFile file, int postgresVersion = AnalysisSettings.DefaultPostgresVersion, CancellationToken cancellationToken = default)
        {
            return Parse(file, postgresVersion, cancellationToken, feed: null);
        }

        /// <summary>As <see cref="Parse(SourceFile, int, CancellationToken)"/>, also handing each statement to <paramref name="feed"/> as soon as it is parsed.</summary>
        internal static ParsedFile Parse(SourceFile file, int postgresVersion, CancellationToken cancellationToken, StatementFeed? feed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The tokens and the name table are needed only until the suppressions are read (below), so their large
            // arrays are reused from the previous parse; an exception (cancellation) merely drops them.
            LexBuffers buffers = LexBuffers.Take();
            TokenList tokens = Lexer.Lex(file.Text, buffers, out List<StatementRange> ranges);
            int[] sig = tokens.Significant;
            int sigCount = tokens.SignificantCount;
            // Chunked: one array of all statements would be a large object (see ChunkedList).
            var statements = new ChunkedList<Statement>();
            // One cursor and one name table for the whole file: names repeat across statements.
            var names = new NameTable(file.Text.Length, buffers);
            var cursor = new StatementParser(tokens, sig, names, postgresVersion);
            ParsedFile? streamed = null;
            if (feed != null)
            {
                streamed = new ParsedFile(file, statements);
                feed.BeginFile(streamed);
            }
            int s = 0;
            int parsedCount = 0;
            foreach (StatementRange range in ranges)
            {
                if (parsedCount++ % CancellationCheckInterval == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                while (s < sigCount && sig[s] < range.FirstToken)
                {
                    s++;
                }
                int first = s;
                while (s < sigCount && sig[s] < range.EndToken)
                {
                    s++;
                }
                if (s == first)
                {
                    continue; // only trivia
                }
                Statement statement = cursor.ParseStatement(first, s);
                statement.SemicolonToken = range.SemicolonToken;
                statements.Add(statement, ranges.Count);
                feed?.Add(statement);
            }
            ParsedFile parsed;
            if (streamed != null)
            {
                streamed.Complete(tokens);
                feed!.EndFile();
                parsed = streamed;
            }
            else
            {
                parsed = new ParsedFile(file, tokens, statements);
            }
            names.HandBack(buffers);
            LexBuffers.Return(buffers);
            return parsed;
        }
    }

    /// <summary>A cursor over the significant tokens of one statement, and the statement grammar on top of it.</summary>
    internal sealed partial class StatementParser
    {
        private readonly TokenList _tokens;
        private readonly string _text;
        private readonly int[] _sig;

        // The token list's own arrays: the cursor's hot checks (kind, length, keyword) read them directly.
        private readonly SyntaxKind[] _kinds;
        private readonly int[] _starts;
        private readonly NameTable _names;
        private readonly int _version;

        // The statement being parsed: significant positions [_start, _end), reset by ParseStatement.
        private int _start;
        private int _end; // narrowed while parsing the elements of CREATE SCHEMA
        private int _pos;
        private string? _error;
        private TextSpan _errorSpan;

        public StatementParser(TokenList tokens, int[] significant, NameTable names, int postgresVersion)
        {
            _tokens = tokens;
            _text = tokens.Text;
            _sig = significant;
            _kinds = tokens.Kinds;
            _starts = tokens.Starts;
            _names = names;
            _version = postgresVersion;
        }

        private bool Failed => _error != null;

        private Token Cur => _pos < _end ? _tokens[_sig[_pos]] : new Token(SyntaxKind.EndOfFile, EndOffset, 0);

        private int EndOffset => _end > _start ? _tokens[_sig[_end - 1]].End : 0;

        /// <summary>Kind of the token at significant position <paramref name="p"/> (which must be inside the statement).</summary>
        private SyntaxKind KindAt(int p) => _kinds[_sig[p]];

        /// <summary>At the end of the statement: past the last token or at its ';'.</summary>
        private bool AtEnd => _pos >= _end || KindAt(_pos) == SyntaxKind.Semicolon;

        private Token PeekToken(int offset) => _pos + offset < _end ? _tokens[_sig[_pos + offset]] : new Token(SyntaxKind.EndOfFile, EndOffset, 0);

        /// <summary>The current token is a <paramref name="kind"/> (never true for ';', which ends the statement).</summary>
        private bool IsKind(SyntaxKind kind)
        {
            if (_pos >= _end)
            {
                return false;
            }
            SyntaxKind k = KindAt(_pos);
            return k == kind && k != SyntaxKind.Semicolon;
        }

        private bool IsKw(string word) => IsKwAt(0, word);

        /// <summary>
        /// The token <paramref name="offset"/> positions on is the unquoted word <paramref name="word"/> (any case).
        /// Called many times per token while dispatching, so it rejects on length and kind before comparing text.
        /// </summary>
        private bool IsKwAt(int offset, string word)
        {
            int p = _pos + offset;
            if (p >= _end)
            {
                return false;
            }
            int t = _sig[p];
            int start = _starts[t];
            return _starts[t + 1] - start == word.Length && _kinds[t] == SyntaxKind.Identifier && Words.EqualsIgnoreCase(_text, start, word);
        }

        private bool AcceptKw(string word)
        {
            if (IsKw(word))
            {
                _pos++;
                return true;
            }
            return false;
        }

        private bool AcceptKws(string first, string second)
        {
            if (IsKwAt(0, first) && IsKwAt(1, second))
            {
                _pos += 2;
                return true;
            }
            return false;
        }

        /// <summary>Accepts a lone '*' (table *, SELECT *).</summary>
        private bool AcceptOperatorStar()
        {
            if (IsKind(SyntaxKind.Operator) && Cur.Length == 1 && _text[Cur.Start] == '*')
            {
                _pos++;
                return true;
            }
            return false;
        }

        private bool Accept(SyntaxKind kind)
        {
            if (IsKind(kind))
            {
                _pos++;
                return true;
            }
            return false;
        }

        private void ExpectKw(string word)
        {
            if (!AcceptKw(word))
            {
                Fail("expected " + word);
            }
        }

        private void Expect(SyntaxKind kind, string what)
        {
            if (!Accept(kind))
            {
                Fail("expected " + what);
            }
        }

        private void Fail(string message)
        {
            if (_error == null)
            {
                Token t = Cur;
                string found = AtEnd ? "end of statement" : "'" + Clip(_tokens.GetText(t)) + "'";
                _error = message + ", found " + found;
                _errorSpan = t.Length > 0 ? t.Span : new TextSpan(t.Start, 0);
            }
            _pos = _end; // abandon the statement
        }

        private static string Clip(string s) => s.Length <= 30 ? s : s.Substring(0, 27) + "...";

        private bool IsIdentifierToken(Token t) =>
            t.Kind == SyntaxKind.Identifier || t.Kind == SyntaxKind.QuotedIdentifier || t.Kind == SyntaxKind.UnicodeQuotedIdentifier;

        private bool IsName => !AtEnd && IsIdentifierToken(Cur);

        private Identifier? ParseIdentifier(string what)
        {
            if (!IsName)
            {
                Fail("expected " + what);
                return null;
            }
            Token t = Cur;
            _pos++;
            return new Identifier(_names.Normalize(_text, t), t.Span);
        }

        /// <summary>name, schema.name or catalog.schema.name (the catalog is ignored).</summary>
        private ObjectName? ParseObjectName(string what)
        {
            if (!IsName)
            {
                Fail("expected " + what);
                return null;
            }
            Token t = Cur;
            _pos++;
            int startOffset = t.Start;
            string? schema = null;
            string name = _names.Normalize(_text, t);
            int endOffset = t.End;
            while (IsKind(SyntaxKind.Dot) && IsIdentifierToken(PeekToken(1)))
            {
                _pos++;
                t = Cur;
                _pos++;
                // Only the last two parts count; a leading catalog name is dropped.
                schema = name;
                name = _names.Normalize(_text, t);
                endOffset = t.End;
            }
            return new ObjectName(schema, name, TextSpan.FromBounds(startOffset, endOffset));
        }

        /// <summary>
        /// Reads past a name as <see cref="ParseObjectName"/> does (same errors) where the name is not kept (a foreign
        /// key's referenced table, a collation): GitLab has thousands, and each would be a name object and lookups.
        /// </summary>
        private void SkipObjectName(string what)
        {
            if (!IsName)
            {
                Fail("expected " + what);
                return;
            }
            _pos++;
            while (IsKind(SyntaxKind.Dot) && IsIdentifierToken(PeekToken(1)))
            {
                _pos += 2;
            }
        }

        /// <summary>Skips a balanced group starting at '(' or '['; elsewhere it does nothing.</summary>
        private void SkipParens()
        {
            if (!IsKind(SyntaxKind.OpenParen) && !IsKind(SyntaxKind.OpenBracket))
            {
                return;
            }
            int depth = 0;
            while (_pos < _end)
            {
                SyntaxKind k = KindAt(_pos);
                _pos++;
                if (k == SyntaxKind.OpenParen || k == SyntaxKind.OpenBracket)
                {
                    depth++;
                }
                else if (k == SyntaxKind.CloseParen || k == SyntaxKind.CloseBracket)
                {
                    depth--;
                    if (depth == 0)
                    {
                        return;
                    }
                }
            }
        }

        private static readonly string[] NoWords = new string[0];

        /// <summary>
        /// Position of the first word of <paramref name="wanted"/> outside parentheses in [from, to); -1 when none,
        /// or when a word of <paramref name="stopAt"/> comes first.
        /// </summary>
        private int FindTopLevelWord(int from, int to, string[] wanted, string[] stopAt)
        {
            int depth = 0;
            for (int p = from; p < to; p++)
            {
                Token t = _tokens[_sig[p]];
                if (t.Kind == SyntaxKind.OpenParen)
                {
                    depth++;
                }
                else if (t.Kind == SyntaxKind.CloseParen)
                {
                    depth--;
                }
                else if (depth == 0 && t.Kind == SyntaxKind.Identifier)
                {
                    if (IsOneOf(p, wanted))
                    {
                        return p;
                    }
                    if (IsOneOf(p, stopAt))
                    {
                        return -1;
                    }
                }
            }
            return -1;
        }

        private bool IsOneOf(int position, string[] words)
        {
            foreach (string word in words)
            {
                if (_tokens.Is(_sig[position], word))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Skips to the next ',' or ')' at the current nesting level (not consuming it), or the end.</summary>
        private void SkipToCommaOrClose()
        {
            while (!AtEnd)
            {
                SyntaxKind k = Cur.Kind;
                if (k == SyntaxKind.Comma || k == SyntaxKind.CloseParen || k == SyntaxKind.CloseBracket)
                {
                    return;
                }
                if (k == SyntaxKind.OpenParen || k == SyntaxKind.OpenBracket)
                {
                    SkipParens();
                }
                else
                {
                    _pos++;
                }
            }
        }

        /// <summary>( a, b, c ) of plain column names.</summary>
        private List<Identifier> ParseColumnList()
        {
            var list = new List<Identifier>();
            Expect(SyntaxKind.OpenParen, "'('");
            while (!Failed)
            {
                Identifier? id = ParseIdentifier("a column name");
                if (id == null)
                {
                    break;
                }
                list.Add(id.Value);
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                Expect(SyntaxKind.CloseParen, "')' or ','");
                break;
            }
            return list;
        }

        /// <summary>Every unquoted or quoted word in [from, to) that could be a column reference of an expression.</summary>
        private List<string> CollectNames(int from, int to)
        {
            var names = new List<string>();
            for (int p = from; p < to; p++)
            {
                Token t = _tokens[_sig[p]];
                if (!IsIdentifierToken(t))
                {
                    continue;
                }
                // A word followed by '(' is a function name; a word after '::' is a type.
                if (p + 1 < to && KindAt(p + 1) == SyntaxKind.OpenParen)
                {
                    continue;
                }
                if (p > from && KindAt(p - 1) == SyntaxKind.DoubleColon)
                {
                    continue;
                }
                string name = _names.Normalize(_text, t);
                if (t.Kind == SyntaxKind.Identifier && Keywords.IsReserved(name))
                {
                    continue;
                }
                names.Add(name);
            }
            return names;
        }

        private TextSpan SpanFrom(int startPos)
        {
            int last = _pos - 1;
            if (last < startPos)
            {
                last = startPos;
            }
            if (startPos >= _end)
            {
                return new TextSpan(EndOffset, 0);
            }
            if (last >= _end)
            {
                last = _end - 1;
            }
            return TextSpan.FromBounds(_tokens[_sig[startPos]].Start, _tokens[_sig[last]].End);
        }

        private TextSpan StatementSpan()
        {
            return TextSpan.FromBounds(_tokens[_sig[_start]].Start, _tokens[_sig[_end - 1]].End);
        }

        /// <summary>Parses the statement made of significant positions [start, end) (at least one).</summary>
        public Statement ParseStatement(int start, int end)
        {
            _start = start;
            _end = end;
            _pos = start;
            _error = null;
            _errorSpan = default;
            _nameEnd = 0;
            Statement statement;
            int headEnd;
            statement = ParseAny(out headEnd);
            if (_error != null && !(statement is UnparsedStatement))
            {
                statement = new UnparsedStatement(_error, _errorSpan);
            }
            statement.Span = StatementSpan();
            if (headEnd <= _start)
            {
                headEnd = _start + 1;
            }
            if (headEnd > _end)
            {
                headEnd = _end;
            }
            int lastHead = headEnd - 1;
            if (KindAt(lastHead) == SyntaxKind.Semicolon && lastHead > _start)
            {
                lastHead--;
            }
            statement.HeadSpan = TextSpan.FromBounds(_tokens[_sig[_start]].Start, _tokens[_sig[lastHead]].End);
            return statement;
        }

        /// <summary>Dispatches on the leading keywords. headEnd: end of the part a diagnostic should underline.</summary>
        private Statement ParseAny(out int headEnd)
        {
            headEnd = _start + 1;
            Token first = Cur;
            if (first.Kind == SyntaxKind.PsqlMetaCommand || first.Kind != SyntaxKind.Identifier)
            {
                return new OpaqueStatement();
            }

            if (AcceptKw("create"))
            {
                return ParseCreate(out headEnd);
            }
            if (AcceptKw("alter"))
            {
                return ParseAlter(out headEnd);
            }
            if (AcceptKw("drop"))
            {
                return ParseDrop(out headEnd);
            }
            if (IsKw("set") || IsKw("reset"))
            {
                return ParseSetOrReset();
            }
            if (IsKw("select") || IsKw("with") || IsKw("update") || IsKw("delete") || IsKw("insert") || IsKw("merge"))
            {
                return ParseQueryStatement(out headEnd);
            }
            if (IsKw("begin") || IsKw("start") || IsKw("commit") || IsKw("end") || IsKw("rollback") || IsKw("abort")
                || IsKw("savepoint") || IsKw("release"))
            {
                return ParseTransaction();
            }
            if (IsKw("do"))
            {
                return ParseDo();
            }
            return new OpaqueStatement();
        }

        private Statement ParseTransaction()
        {
            if (AcceptKw("begin") || AcceptKw("start"))
            {
                return new TransactionStatement(TransactionAction.Begin, null);
            }
            if (AcceptKw("commit") || AcceptKw("end"))
            {
                if (AcceptKw("prepared"))
                {
                    return new OpaqueStatement();
                }
                return new TransactionStatement(TransactionAction.Commit, null);
            }
            if (AcceptKw("savepoint"))
            {
                return new TransactionStatement(TransactionAction.Savepoint, ParseIdentifier("a savepoint name")?.Name);
            }
            if (AcceptKw("release"))
            {
                AcceptKw("savepoint");
                return new TransactionStatement(TransactionAction.ReleaseSavepoint, ParseIdentifier("a savepoint name")?.Name);
            }
            // ROLLBACK / ABORT [WORK|TRANSACTION] [TO [SAVEPOINT] name] [AND [NO] CHAIN]; ROLLBACK PREPARED
            _pos++;
            if (AcceptKw("prepared"))
            {
                return new OpaqueStatement();
            }
            if (!AcceptKw("work"))
            {
                AcceptKw("transaction");
            }
            if (AcceptKw("to"))
            {
                AcceptKw("savepoint");
                return new TransactionStatement(TransactionAction.RollbackToSavepoint, ParseIdentifier("a savepoint name")?.Name);
            }
            return new TransactionStatement(TransactionAction.Rollback, null);
        }
    }
}
