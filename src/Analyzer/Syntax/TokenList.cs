using System;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// All tokens of a text, trivia included, in order, ending with one <see cref="SyntaxKind.EndOfFile"/>.
    /// Concatenating the text of every token rebuilds the input exactly.
    /// </summary>
    /// <remarks>
    /// Stored as a kind and a start per token (5 bytes instead of a 12-byte <see cref="Token"/>): the tokens tile
    /// the text, so a token ends where the next one starts. A parsed file keeps its tokens alive, so their size
    /// is what the garbage collector and an IDE holding many files pay for.
    /// </remarks>
    public sealed class TokenList
    {
        private readonly SyntaxKind[] _kinds;

        // _starts[Count] is the end of the last token (the text's length), so every token has a successor start.
        private readonly int[] _starts;

        public TokenList(string text, Token[] tokens, int count)
        {
            Text = text;
            Count = count;
            _kinds = new SyntaxKind[count];
            _starts = new int[count + 1];
            int significant = 0;
            for (int i = 0; i < count; i++)
            {
                _kinds[i] = tokens[i].Kind;
                _starts[i] = tokens[i].Start;
                if (IsSignificantKind(tokens[i].Kind))
                {
                    significant++;
                }
            }
            _starts[count] = count > 0 ? tokens[count - 1].End : 0;
            Significant = new int[significant];
            SignificantCount = significant;
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                if (IsSignificantKind(tokens[i].Kind))
                {
                    Significant[n++] = i;
                }
            }
        }

        /// <summary>Takes the lexer's arrays as they are (no copy); <paramref name="starts"/> holds count + 1 entries.</summary>
        internal TokenList(string text, SyntaxKind[] kinds, int[] starts, int count, int[] significant, int significantCount)
        {
            SignificantCount = significantCount;
            Text = text;
            _kinds = kinds;
            _starts = starts;
            Count = count;
            Significant = significant;
        }

        public string Text { get; }

        public int Count { get; }

        public Token this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }
                int start = _starts[index];
                return new Token(_kinds[index], start, _starts[index + 1] - start);
            }
        }

        /// <summary>Kind of each token; may be longer than <see cref="Count"/>.</summary>
        internal SyntaxKind[] Kinds => _kinds;

        /// <summary>Start of each token, then the end of the last one (entry <see cref="Count"/>); may be longer.</summary>
        internal int[] Starts => _starts;

        /// <summary>Indexes of the tokens that are neither trivia nor the end of file, in order (the parser's cursor).</summary>
        /// <remarks>May be longer than <see cref="SignificantCount"/>.</remarks>
        internal int[] Significant { get; }

        internal int SignificantCount { get; }

        public string GetText(int index) => GetText(this[index]);

        public string GetText(Token token) => Text.Substring(token.Start, token.Length);

        /// <summary>True when the token's text equals <paramref name="word"/> ignoring ASCII case (keywords).</summary>
        public bool Is(int index, string word)
        {
            int start = _starts[index];
            return _starts[index + 1] - start == word.Length && Words.EqualsIgnoreCase(Text, start, word);
        }

        internal static bool IsSignificantKind(SyntaxKind kind) =>
            kind != SyntaxKind.Whitespace && kind != SyntaxKind.LineComment && kind != SyntaxKind.BlockComment && kind != SyntaxKind.EndOfFile;
    }
}
