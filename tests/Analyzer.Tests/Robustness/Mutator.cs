using System;
using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Migrations;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>
    /// Byte-, character- and token-level mutations of migration text: truncation, deletion, duplication, splicing
    /// statements across files, quotes, dollar quotes, comment openers, backslashes, NUL, invalid UTF-8 (decoded
    /// through <see cref="MigrationFileReader"/>), lone surrogates, very long identifiers, line-ending changes.
    /// </summary>
    internal sealed class Mutator
    {
        private static readonly string[] Keywords =
        {
            "create", "table", "alter", "drop", "index", "unique", "primary", "key", "replica", "identity", "full",
            "nothing", "default", "using", "publication", "for", "all", "tables", "in", "schema", "only", "if", "exists",
            "not", "null", "constraint", "add", "rename", "to", "set", "partition", "of", "by", "attach", "detach",
            "concurrently", "begin", "commit", "rollback", "function", "procedure", "do", "language", "as", "atomic",
            "end", "case", "copy", "from", "stdin", "with", "search_path", "cascade", "inherits", "like", "including",
            "generated", "always", "references", "on", "where", "column", "type", "owner", "temporary", "unlogged",
        };

        private static readonly string[] Quotes = { "'", "\"", "E'", "U&'", "U&\"", "B'", "X'", "N'", "''", "\"\"", "e'\\'", "'\\" };
        private static readonly string[] Dollars = { "$$", "$a$", "$tag$", "$1", "$", "$_$", "$ $", "$$$", "$a$$a$" };
        private static readonly string[] Comments = { "/*", "*/", "--", "/* /*", "*/ */", "-- migrate:down\n", "-- migrate:up\n" };
        private static readonly string[] Backslashes = { "\\", "\\.\n", "\n\\.\n", "\\copy t from stdin\n", "\\i x.sql\n", "\\\\", "\\set x 1\n", "\\if" };
        private static readonly string[] Punctuation = { "(", ")", ";", ",", ".", "[", "]", "::", "=", ";;", "((", "))", ":x", "${schema}", "${", "}" };
        private static readonly string[] Surrogates = { "\uD800", "\uDC00", "\uDBFF\uDFFF", "\uFFFD", "\uFEFF", "\u2028", "é", "\u0130" };

        private readonly Random _random;
        private readonly SeedPool _pool;

        public Mutator(Random random, SeedPool pool)
        {
            _random = random;
            _pool = pool;
        }

        /// <summary>Applies one random mutation to one random file of the case and records its name.</summary>
        public void MutateOnce(FuzzCase fuzzCase)
        {
            FuzzFile file = fuzzCase.Files[_random.Next(fuzzCase.Files.Count)];
            string text = file.Text;
            string name;
            file.Text = Mutate(text, out name);
            fuzzCase.Mutations.Add(name + "@" + file.Name);
        }

        private string Mutate(string text, out string name)
        {
            switch (_random.Next(22))
            {
                case 0: name = "truncate"; return text.Substring(0, Pos(text));
                case 1: name = "truncate-token"; return text.Substring(0, TokenBoundary(text));
                case 2: name = "delete"; return DeleteRange(text, 1 + _random.Next(64));
                case 3: name = "delete-tokens"; return DeleteTokens(text);
                case 4: name = "duplicate"; return Duplicate(text);
                case 5: name = "duplicate-tokens"; return DuplicateTokens(text);
                case 6: name = "splice-statement"; return Insert(text, TokenBoundary(text), _pool.RandomStatement(_random));
                case 7: name = "quote"; return Insert(text, Pos(text), Pick(Quotes));
                case 8: name = "dollar"; return Insert(text, Pos(text), Pick(Dollars));
                case 9: name = "comment"; return Insert(text, Pos(text), Pick(Comments));
                case 10: name = "backslash"; return Insert(text, Pos(text), Pick(Backslashes));
                case 11: name = "nul"; return Insert(text, Pos(text), "\0");
                case 12: name = "invalid-utf8"; return InvalidUtf8(text);
                case 13: name = "surrogate"; return Insert(text, Pos(text), Pick(Surrogates));
                case 14: name = "long-identifier"; return LongIdentifier(text);
                case 15: name = "keyword"; return Insert(text, TokenBoundary(text), " " + Pick(Keywords) + " ");
                case 16: name = "swap-tokens"; return SwapTokens(text);
                case 17: name = "line-endings"; return LineEndings(text);
                case 18: name = "punctuation"; return Insert(text, TokenBoundary(text), Pick(Punctuation));
                case 19: name = "replace-statement"; return ReplaceStatement(text);
                case 20: name = "degenerate"; return Pick(new[] { "", ";", ";;;\n;", " ", "\n", "\r", "--", "/*", "'", "$$" });
                default: name = "flip-case"; return FlipCase(text);
            }
        }

        private string Pick(string[] items) => items[_random.Next(items.Length)];

        /// <summary>A position 0..Length, avoiding splitting a surrogate pair most of the time (a split is a mutation too).</summary>
        private int Pos(string text) => _random.Next(text.Length + 1);

        private static string Insert(string text, int at, string what) => text.Substring(0, at) + what + text.Substring(at);

        private string DeleteRange(string text, int maxLength)
        {
            if (text.Length == 0) return text;
            int start = _random.Next(text.Length);
            int length = Math.Min(text.Length - start, 1 + _random.Next(maxLength));
            return text.Remove(start, length);
        }

        private string Duplicate(string text)
        {
            if (text.Length == 0) return text;
            int start = _random.Next(text.Length);
            int length = Math.Min(text.Length - start, 1 + _random.Next(200));
            int copies = _random.Next(8) == 0 ? 2 + _random.Next(50) : 1;
            var b = new StringBuilder(text, 0, start + length, text.Length + length * copies);
            for (int i = 0; i < copies; i++) b.Append(text, start, length);
            b.Append(text, start + length, text.Length - start - length);
            return b.ToString();
        }

        private int TokenBoundary(string text)
        {
            TokenList tokens = Lexer.Lex(text);
            return tokens[_random.Next(tokens.Count)].Start;
        }

        private (int Start, int End) TokenRange(string text, int maxTokens)
        {
            TokenList tokens = Lexer.Lex(text);
            int first = _random.Next(tokens.Count);
            int last = Math.Min(tokens.Count - 1, first + _random.Next(maxTokens));
            return (tokens[first].Start, tokens[last].End);
        }

        private string DeleteTokens(string text)
        {
            var (start, end) = TokenRange(text, 5);
            return text.Remove(start, end - start);
        }

        private string DuplicateTokens(string text)
        {
            var (start, end) = TokenRange(text, 6);
            return text.Substring(0, end) + text.Substring(start);
        }

        private string SwapTokens(string text)
        {
            TokenList tokens = Lexer.Lex(text);
            if (tokens.Count < 3) return text;
            int i = _random.Next(tokens.Count - 2);
            Token a = tokens[i], b = tokens[i + 1];
            return text.Substring(0, a.Start) + tokens.GetText(b) + tokens.GetText(a) + text.Substring(b.End);
        }

        private string ReplaceStatement(string text)
        {
            TokenList tokens = Lexer.Lex(text);
            List<StatementRange> ranges = StatementSplitter.Split(tokens);
            if (ranges.Count == 0) return _pool.RandomStatement(_random);
            StatementRange range = ranges[_random.Next(ranges.Count)];
            int start = tokens[range.FirstToken].Start;
            int end = range.EndToken > range.FirstToken ? tokens[range.EndToken - 1].End : start;
            return text.Substring(0, start) + _pool.RandomStatement(_random) + text.Substring(end);
        }

        private string LongIdentifier(string text)
        {
            int length = _random.Next(4) == 0 ? 10_000 + _random.Next(200_000) : 60 + _random.Next(20);
            string body = new string((char)('a' + _random.Next(26)), length);
            string identifier = _random.Next(2) == 0 ? body : "\"" + body + "\"";
            TokenList tokens = Lexer.Lex(text);
            var identifiers = new List<int>();
            for (int i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Kind == SyntaxKind.Identifier || tokens[i].Kind == SyntaxKind.QuotedIdentifier) identifiers.Add(i);
            }
            if (identifiers.Count == 0) return Insert(text, Pos(text), " " + identifier + " ");
            Token t = tokens[identifiers[_random.Next(identifiers.Count)]];
            return text.Substring(0, t.Start) + identifier + text.Substring(t.End);
        }

        private string LineEndings(string text)
        {
            string normalized = text.Replace("\r\n", "\n");
            switch (_random.Next(3))
            {
                case 0: return normalized.Replace("\n", "\r\n");
                case 1: return normalized.Replace("\n", "\r");
                default:
                    var b = new StringBuilder(normalized.Length * 2);
                    foreach (char c in normalized)
                    {
                        if (c == '\n') b.Append(Pick(new[] { "\n", "\r\n", "\r", "\n\r" }));
                        else b.Append(c);
                    }
                    return b.ToString();
            }
        }

        private string FlipCase(string text)
        {
            if (text.Length == 0) return text;
            int start = _random.Next(text.Length);
            int end = Math.Min(text.Length, start + 1 + _random.Next(100));
            char[] chars = text.ToCharArray();
            for (int i = start; i < end; i++)
            {
                chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            }
            return new string(chars);
        }

        /// <summary>
        /// Corrupts the UTF-8 bytes and decodes them as a front end would: through the engine's reader, which must
        /// either decode or refuse with a <see cref="MigrationInputException"/>; a refused file is then decoded
        /// leniently (U+FFFD for bad bytes) so the engine still sees it.
        /// </summary>
        private string InvalidUtf8(string text)
        {
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
            int at = _random.Next(bytes.Count + 1);
            byte[][] junk =
            {
                new byte[] { (byte)(0x80 + _random.Next(0x80)) }, new byte[] { 0xC0, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 },
                new byte[] { 0xE2, 0x82 }, new byte[] { 0xF5 }, new byte[] { 0xFF }, new byte[] { 0xEF, 0xBB, 0xBF },
                new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0 }, new byte[] { 0xE9 },
            };
            switch (_random.Next(4))
            {
                case 0: bytes.InsertRange(at, junk[_random.Next(junk.Length)]); break;
                case 1: if (bytes.Count > 0) bytes[_random.Next(bytes.Count)] ^= (byte)(1 << _random.Next(8)); break;
                case 2: bytes.InsertRange(0, _random.Next(2) == 0 ? new byte[] { 0xFF, 0xFE } : new byte[] { 0xFE, 0xFF }); break;
                default: if (bytes.Count > 0) bytes.RemoveRange(at == bytes.Count ? at - 1 : at, 1); break;
            }
            byte[] array = bytes.ToArray();
            try
            {
                return MigrationFileReader.Decode(array, "fuzz.sql").Text;
            }
            catch (MigrationInputException)
            {
                return new UTF8Encoding(false, false).GetString(array);
            }
        }
    }
}
