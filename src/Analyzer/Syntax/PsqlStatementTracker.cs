using System;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// psql's statement-boundary state (psqlscan.l): parenthesis depth and BEGIN ATOMIC depth. Shared by the lexer
    /// (to find where a COPY statement ends) and the splitter, so both agree on where statements end.
    /// </summary>
    internal sealed class PsqlStatementTracker
    {
        // psqlscan.l remembers the first letter of the first four identifiers when they are one of
        // create/or/replace/function/procedure; that is enough to recognise CREATE [OR REPLACE] FUNCTION|PROCEDURE.
        private const int RememberedIdentifiers = 4;
        private readonly char[] _leadingLetters = new char[RememberedIdentifiers];
        private int _identifierCount;
        private int _beginDepth;

        // The leading words name a function or procedure: BEGIN ATOMIC ... END decides where it ends.
        private bool _isRoutine;

        public int ParenDepth { get; private set; }

        /// <summary>False when <see cref="Identifier"/> would change nothing until the next <see cref="Reset"/>:
        /// the statement's leading words are known and do not name a function or procedure.</summary>
        public bool WantsWords => _identifierCount < RememberedIdentifiers || _isRoutine;

        /// <summary>True when a ';' lexed now ends the statement.</summary>
        public bool SemicolonEndsStatement => ParenDepth == 0 && _beginDepth == 0;

        public void Reset()
        {
            ParenDepth = 0;
            _beginDepth = 0;
            _identifierCount = 0;
            _isRoutine = false;
            for (int i = 0; i < RememberedIdentifiers; i++)
            {
                _leadingLetters[i] = '\0';
            }
        }

        public void OpenParen() => ParenDepth++;

        public void CloseParen()
        {
            // psql clamps at zero on a stray ')'.
            if (ParenDepth > 0)
            {
                ParenDepth--;
            }
        }

        /// <summary>An unquoted identifier (keyword or name) text[start..start+length).</summary>
        /// <remarks>Runs for every word the lexer meets: after a statement's first four words, only a
        /// CREATE FUNCTION or PROCEDURE statement has anything left to track.</remarks>
        public void Identifier(string text, int start, int length)
        {
            if (_identifierCount < RememberedIdentifiers)
            {
                RememberLeadingWord(text, start, length);
            }

            if (_isRoutine && ParenDepth == 0)
            {
                TrackBeginAtomic(text, start, length);
            }
        }

        private void RememberLeadingWord(string text, int start, int length)
        {
            if (Words.Is(text, start, length, "create") || Words.Is(text, start, length, "function") ||
                Words.Is(text, start, length, "procedure") || Words.Is(text, start, length, "or") ||
                Words.Is(text, start, length, "replace"))
            {
                _leadingLetters[_identifierCount] = (char)(text[start] | 0x20);
            }

            _identifierCount++;
            _isRoutine = IsCreateFunctionOrProcedure();
        }

        private void TrackBeginAtomic(string text, int start, int length)
        {
            if (Words.Is(text, start, length, "begin"))
            {
                _beginDepth++;
            }
            else if (Words.Is(text, start, length, "case"))
            {
                // CASE also ends with END; only tracked inside a BEGIN.
                if (_beginDepth >= 1)
                {
                    _beginDepth++;
                }
            }
            else if (Words.Is(text, start, length, "end"))
            {
                if (_beginDepth > 0)
                {
                    _beginDepth--;
                }
            }
        }

        /// <summary>The leading words so far read CREATE [OR REPLACE] FUNCTION|PROCEDURE (unset letters are '\0').</summary>
        private bool IsCreateFunctionOrProcedure()
        {
            char[] l = _leadingLetters;
            return l[0] == 'c' &&
                   (l[1] == 'f' || l[1] == 'p' ||
                    (l[1] == 'o' && l[2] == 'r' && (l[3] == 'f' || l[3] == 'p')));
        }
    }

    /// <summary>ASCII case-insensitive keyword comparison without allocating.</summary>
    internal static class Words
    {
        /// <summary><paramref name="lowerWord"/> must be lower-case ASCII letters.</summary>
        public static bool Is(string text, int start, int length, string lowerWord)
        {
            if (length != lowerWord.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                // For chars below 0x80, (c | 0x20) is a lower-case letter only when c is that letter in either case.
                if ((text[start + i] | 0x20) != lowerWord[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// text[start, start + word.Length) equals <paramref name="word"/> under <see cref="StringComparison.OrdinalIgnoreCase"/>
        /// (the caller has checked the length). ASCII is compared inline; any other char defers to the framework,
        /// whose case mapping goes beyond ASCII.
        /// </summary>
        public static bool EqualsIgnoreCase(string text, int start, string word)
        {
            for (int i = 0; i < word.Length; i++)
            {
                char c = text[start + i];
                char w = word[i];
                if (c == w)
                {
                    continue;
                }
                if ((c | w) >= 0x80)
                {
                    return string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;
                }
                // Two different ASCII chars are equal ignoring case only when they are the same letter.
                char lower = (char)(c | 0x20);
                if (lower != (w | 0x20) || lower < 'a' || lower > 'z')
                {
                    return false;
                }
            }
            return true;
        }
    }
}
