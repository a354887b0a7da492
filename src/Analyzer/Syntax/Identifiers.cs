using System.Text;

namespace ReplicaGuard.Syntax
{
    /// <summary>Turns identifier tokens into names as PostgreSQL stores them.</summary>
    public static class Identifiers
    {
        /// <summary>NAMEDATALEN - 1: longer names are truncated (in bytes of UTF-8).</summary>
        public const int MaxBytes = 63;

        /// <summary>Unquoted: ASCII A-Z folded to lower case. Quoted: "" unescaped, case kept. Then truncated.</summary>
        public static string Normalize(string text, Token token)
        {
            string name;
            switch (token.Kind)
            {
                case SyntaxKind.QuotedIdentifier:
                    name = Unquote(text, token.Start + 1, token.End, '"');
                    break;
                case SyntaxKind.UnicodeQuotedIdentifier:
                    name = DecodeUnicodeEscapes(Unquote(text, token.Start + 3, token.End, '"'));
                    break;
                default:
                    name = FoldCase(text, token.Start, token.Length);
                    break;
            }
            return Truncate(name);
        }

        /// <summary>ASCII-only lower-casing, as PostgreSQL's downcase_identifier does for unquoted names.</summary>
        public static string FoldCase(string text, int start, int length)
        {
            bool needs = false;
            for (int i = start; i < start + length; i++)
            {
                char c = text[i];
                if (c >= 'A' && c <= 'Z')
                {
                    needs = true;
                    break;
                }
            }
            if (!needs)
            {
                return text.Substring(start, length);
            }
            var chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                char c = text[start + i];
                chars[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
            }
            return new string(chars);
        }

        public static string FoldCase(string name) => FoldCase(name, 0, name.Length);

        public static string Truncate(string name) => ClipUtf8(name, MaxBytes);

        /// <summary>The longest prefix of at most <paramref name="maxBytes"/> UTF-8 bytes ending on a character boundary (pg_mbcliplen).</summary>
        public static string ClipUtf8(string text, int maxBytes)
        {
            if (text.Length * 3 <= maxBytes || Encoding.UTF8.GetByteCount(text) <= maxBytes)
            {
                return text;
            }
            int bytes = 0;
            int i = 0;
            while (i < text.Length)
            {
                int width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                int b = Encoding.UTF8.GetByteCount(text.ToCharArray(i, width));
                if (bytes + b > maxBytes)
                {
                    break;
                }
                bytes += b;
                i += width;
            }
            return text.Substring(0, i);
        }

        /// <summary>Quotes a name for SQL when PostgreSQL would not read it back unchanged unquoted.</summary>
        public static string Quote(string name)
        {
            bool plain = name.Length > 0 && (name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'));
            for (int i = 0; plain && i < name.Length; i++)
            {
                char c = name[i];
                plain = c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            }
            if (plain && !Keywords.IsReserved(name))
            {
                return name;
            }
            return "\"" + name.Replace("\"", "\"\"") + "\"";
        }

        /// <summary>Value of a string literal token (for search_path values and publish lists).</summary>
        public static string StringValue(string text, Token token)
        {
            switch (token.Kind)
            {
                case SyntaxKind.String:
                    return Unquote(text, token.Start + 1, token.End, '\'');
                case SyntaxKind.EscapeString:
                    return UnescapeBackslashes(Unquote(text, token.Start + 2, token.End, '\''));
                case SyntaxKind.UnicodeString:
                    return DecodeUnicodeEscapes(Unquote(text, token.Start + 3, token.End, '\''));
                case SyntaxKind.DollarString:
                    {
                        int tagEnd = text.IndexOf('$', token.Start + 1);
                        if (tagEnd < 0 || tagEnd >= token.End)
                        {
                            return "";
                        }
                        int tagLength = tagEnd - token.Start + 1;
                        int bodyLength = token.Length - 2 * tagLength;
                        return bodyLength > 0 ? text.Substring(tagEnd + 1, bodyLength) : "";
                    }
                default:
                    return text.Substring(token.Start, token.Length);
            }
        }

        private static string Unquote(string text, int start, int end, char quote)
        {
            // end is exclusive and includes the closing quote when present.
            if (end > start && text[end - 1] == quote)
            {
                end--;
            }
            if (end <= start)
            {
                return "";
            }
            string inner = text.Substring(start, end - start);
            string doubled = new string(quote, 2);
            return inner.IndexOf(doubled, System.StringComparison.Ordinal) >= 0 ? inner.Replace(doubled, quote.ToString()) : inner;
        }

        private static string UnescapeBackslashes(string s)
        {
            if (s.IndexOf('\\') < 0)
            {
                return s;
            }
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\\' && i + 1 < s.Length)
                {
                    char n = s[++i];
                    switch (n)
                    {
                        case 'n': sb.Append('\n'); break;
                        case 't': sb.Append('\t'); break;
                        case 'r': sb.Append('\r'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        default: sb.Append(n); break;
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }
            return sb.ToString();
        }

        private static string DecodeUnicodeEscapes(string s)
        {
            if (s.IndexOf('\\') < 0)
            {
                return s;
            }
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\\' && i + 1 < s.Length)
                {
                    if (s[i + 1] == '\\')
                    {
                        sb.Append('\\');
                        i++;
                        continue;
                    }
                    int digits = s[i + 1] == '+' ? 6 : 4;
                    int from = s[i + 1] == '+' ? i + 2 : i + 1;
                    if (from + digits <= s.Length && int.TryParse(s.Substring(from, digits), System.Globalization.NumberStyles.HexNumber, null, out int code) && code >= 0 && code <= 0x10FFFF)
                    {
                        sb.Append(char.ConvertFromUtf32(code >= 0xD800 && code <= 0xDFFF ? 0xFFFD : code));
                        i = from + digits - 1;
                        continue;
                    }
                }
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
