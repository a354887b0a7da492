using System.Globalization;
using System.Text;

namespace ReplicaGuard.Migrations.Json
{
    /// <summary>
    /// A small JSON reader for configuration files (the engine takes no packages). It accepts JSON (RFC 8259)
    /// plus what tsconfig-style files allow: <c>// line</c> and <c>/* block */</c> comments and a trailing comma
    /// after the last member or item. Duplicate member names are an error. Errors throw <see cref="JsonException"/>
    /// with the line and column.
    /// </summary>
    public sealed class JsonReader
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private int _pos;
        private int _line = 1;
        private int _lineStart;

        private JsonReader(string text)
        {
            _text = text;
        }

        public static JsonValue Parse(string text)
        {
            var reader = new JsonReader(text ?? "");
            if (reader._text.Length > 0 && reader._text[0] == '\uFEFF') reader._pos = 1;
            reader.SkipTrivia();
            if (reader.AtEnd) throw reader.Error("the file is empty; expected a JSON object");
            JsonValue value = reader.ReadValue(0);
            reader.SkipTrivia();
            if (!reader.AtEnd) throw reader.Error($"unexpected '{reader.Current}' after the end of the JSON value");
            return value;
        }

        private bool AtEnd => _pos >= _text.Length;
        private char Current => _text[_pos];
        private int Column => _pos - _lineStart + 1;

        private JsonException Error(string message) => new JsonException(message, _line, Column);

        private void Advance()
        {
            if (_text[_pos] == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            _pos++;
        }

        private void SkipTrivia()
        {
            while (!AtEnd)
            {
                char c = Current;
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    Advance();
                }
                else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                {
                    while (!AtEnd && Current != '\n') Advance();
                }
                else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
                {
                    int line = _line, column = Column;
                    Advance();
                    Advance();
                    while (!AtEnd && !(Current == '*' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')) Advance();
                    if (AtEnd) throw new JsonException("unterminated /* comment", line, column);
                    Advance();
                    Advance();
                }
                else
                {
                    return;
                }
            }
        }

        private JsonValue ReadValue(int depth)
        {
            if (depth > MaxDepth) throw Error($"nested more than {MaxDepth} levels deep");
            if (AtEnd) throw Error("unexpected end of the file; expected a value");
            char c = Current;
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"':
                {
                    var value = new JsonValue(JsonKind.String, _line, Column);
                    value.Text = ReadString();
                    return value;
                }
                case 't': return ReadLiteral("true", JsonKind.Boolean, true);
                case 'f': return ReadLiteral("false", JsonKind.Boolean, false);
                case 'n': return ReadLiteral("null", JsonKind.Null, false);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error($"unexpected '{c}'; expected a value (object, array, string, number, true, false or null)");
            }
        }

        private JsonValue ReadObject(int depth)
        {
            var obj = new JsonValue(JsonKind.Object, _line, Column);
            var firstLineOfName = new System.Collections.Generic.Dictionary<string, int>(System.StringComparer.Ordinal);
            Advance(); // {
            SkipTrivia();
            while (true)
            {
                if (AtEnd) throw Error("unexpected end of the file; expected '}'");
                if (Current == '}')
                {
                    Advance();
                    return obj;
                }
                if (Current != '"') throw Error($"unexpected '{Current}'; expected a member name in double quotes or '}}'");
                int line = _line, column = Column;
                string name = ReadString();
                if (firstLineOfName.TryGetValue(name, out int firstLine))
                {
                    throw new JsonException($"duplicate member \"{name}\" (first at line {firstLine})", line, column);
                }
                firstLineOfName[name] = line;
                SkipTrivia();
                if (AtEnd || Current != ':') throw Error($"expected ':' after \"{name}\"");
                Advance();
                SkipTrivia();
                obj.Members.Add(new JsonMember(name, line, column, ReadValue(depth + 1)));
                SkipTrivia();
                if (AtEnd) throw Error("unexpected end of the file; expected ',' or '}'");
                if (Current == ',')
                {
                    Advance();
                    SkipTrivia();
                }
                else if (Current != '}')
                {
                    throw Error($"unexpected '{Current}'; expected ',' or '}}'");
                }
            }
        }

        private JsonValue ReadArray(int depth)
        {
            var array = new JsonValue(JsonKind.Array, _line, Column);
            Advance(); // [
            SkipTrivia();
            while (true)
            {
                if (AtEnd) throw Error("unexpected end of the file; expected ']'");
                if (Current == ']')
                {
                    Advance();
                    return array;
                }
                array.Items.Add(ReadValue(depth + 1));
                SkipTrivia();
                if (AtEnd) throw Error("unexpected end of the file; expected ',' or ']'");
                if (Current == ',')
                {
                    Advance();
                    SkipTrivia();
                }
                else if (Current != ']')
                {
                    throw Error($"unexpected '{Current}'; expected ',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            int line = _line, column = Column;
            Advance(); // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd || Current == '\n') throw new JsonException("unterminated string", line, column);
                char c = Current;
                if (c == '"')
                {
                    Advance();
                    return sb.ToString();
                }
                if (c < ' ') throw Error("control character in a string; write it as an escape such as \\t");
                if (c != '\\')
                {
                    sb.Append(c);
                    Advance();
                    continue;
                }
                Advance();
                if (AtEnd) throw new JsonException("unterminated string", line, column);
                char e = Current;
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 >= _text.Length
                            || !int.TryParse(_text.Substring(_pos + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Error("invalid \\u escape; expected four hex digits");
                        }
                        sb.Append((char)code);
                        _pos += 4; // hex digits hold no line break
                        break;
                    default:
                        throw Error($"invalid escape '\\{e}' in a string");
                }
                Advance();
            }
        }

        private JsonValue ReadNumber()
        {
            var value = new JsonValue(JsonKind.Number, _line, Column);
            int start = _pos;
            if (Current == '-') Advance();
            if (AtEnd || !IsDigit(Current)) throw Error("invalid number; expected a digit");
            if (Current == '0') Advance();
            else while (!AtEnd && IsDigit(Current)) Advance();
            if (!AtEnd && Current == '.')
            {
                Advance();
                if (AtEnd || !IsDigit(Current)) throw Error("invalid number; expected a digit after '.'");
                while (!AtEnd && IsDigit(Current)) Advance();
            }
            if (!AtEnd && (Current == 'e' || Current == 'E'))
            {
                Advance();
                if (!AtEnd && (Current == '+' || Current == '-')) Advance();
                if (AtEnd || !IsDigit(Current)) throw Error("invalid number; expected a digit in the exponent");
                while (!AtEnd && IsDigit(Current)) Advance();
            }
            if (!AtEnd && (char.IsLetterOrDigit(Current) || Current == '.'))
            {
                throw Error($"invalid number; unexpected '{Current}'");
            }
            value.Text = _text.Substring(start, _pos - start);
            return value;
        }

        private JsonValue ReadLiteral(string word, JsonKind kind, bool boolean)
        {
            var value = new JsonValue(kind, _line, Column) { Boolean = boolean };
            if (_pos + word.Length > _text.Length || string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0
                || (_pos + word.Length < _text.Length && char.IsLetterOrDigit(_text[_pos + word.Length])))
            {
                throw Error("unexpected word; expected a value (strings need double quotes)");
            }
            for (int k = 0; k < word.Length; k++) Advance();
            return value;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
