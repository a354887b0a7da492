using System;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// All tokens of a text, trivia included, in order, ending with one <see cref="SyntaxKind.EndOfFile"/>.
    /// Concatenating the text of every token rebuilds the input exactly.
    /// </summary>
    public sealed class TokenList
    {
        private readonly Token[] _tokens;

        public TokenList(string text, Token[] tokens, int count)
        {
            Text = text;
            _tokens = tokens;
            Count = count;
        }

        public string Text { get; }

        public int Count { get; }

        public Token this[int index] => _tokens[index];

        public string GetText(int index) => Text.Substring(_tokens[index].Start, _tokens[index].Length);

        public string GetText(Token token) => Text.Substring(token.Start, token.Length);

        /// <summary>True when the token's text equals <paramref name="word"/> ignoring ASCII case (keywords).</summary>
        public bool Is(int index, string word)
        {
            Token t = _tokens[index];
            return t.Length == word.Length && string.Compare(Text, t.Start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }
    }
}
