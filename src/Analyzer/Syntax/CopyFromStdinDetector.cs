namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Recognises `COPY ... FROM STDIN` while a statement is lexed, so the lexer knows that data lines follow the
    /// statement's ';' (psql reads them until a line `\.`). Fed the statement's non-trivia tokens in order.
    /// </summary>
    internal sealed class CopyFromStdinDetector
    {
        private const int AtStatementStart = 0;
        private const int NotCopy = -1;
        private const int SawCopy = 1;
        private const int SawFrom = 2;
        private const int SawStdin = 3;

        private int _state;

        public bool IsCopyFromStdin => _state == SawStdin;

        /// <summary>False once the statement is known not to be COPY (or already is COPY FROM STDIN): tokens change nothing then.</summary>
        public bool IsWatching => _state != NotCopy && _state != SawStdin;

        public void Reset() => _state = AtStatementStart;

        public void Token(string text, Token token, int parenDepth)
        {
            bool isWord = token.Kind == SyntaxKind.Identifier;
            switch (_state)
            {
                case AtStatementStart:
                    _state = isWord && Words.Is(text, token.Start, token.Length, "copy") ? SawCopy : NotCopy;
                    break;
                case SawCopy:
                    if (isWord && parenDepth == 0 && Words.Is(text, token.Start, token.Length, "from"))
                    {
                        _state = SawFrom;
                    }

                    break;
                case SawFrom:
                    if (isWord && Words.Is(text, token.Start, token.Length, "stdin"))
                    {
                        _state = SawStdin;
                    }
                    else if (!(isWord && parenDepth == 0 && Words.Is(text, token.Start, token.Length, "from")))
                    {
                        _state = SawCopy;
                    }

                    break;
            }
        }
    }
}
