using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace ReplicaGuard.Cli.Output
{
    /// <summary>
    /// Writes JSON laid out as System.Text.Json's indented Utf8JsonWriter does (two spaces, "name": value, empty containers
    /// as {} and [], LF line ends) with its UnsafeRelaxedJsonEscaping strings. Hand-written because loading and jitting
    /// System.Text.Json's writer cost a cold `check` ~14 ms of CPU for a report of a few lines. ASCII strings are escaped
    /// here; a string with any other character goes to the same encoder the writer used, so the bytes stay the same.
    /// </summary>
    public sealed class IndentedJsonWriter
    {
        private readonly StringBuilder _text = new StringBuilder(4096);

        private const string Spaces = "                                ";

        // Per open container, innermost last: whether it has an item yet (a comma and a line break come before the
        // next). A plain array: a List<bool> is a generic instantiation that no precompiled image holds, jitted at start-up.
        private bool[] _hasItems = new bool[16];
        private int _depth;

        public void StartObject(string? name = null) => Open(name, '{');

        public void EndObject() => Close('}');

        public void StartArray(string? name = null) => Open(name, '[');

        public void EndArray() => Close(']');

        public void String(string name, string value)
        {
            Item(name);
            AppendString(value);
        }

        public void Number(string name, long value)
        {
            Item(name);
            _text.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        public void Null(string name)
        {
            Item(name);
            _text.Append("null");
        }

        public override string ToString() => _text.ToString();

        private void Open(string? name, char bracket)
        {
            Item(name);
            _text.Append(bracket);
            if (_depth == _hasItems.Length)
            {
                var deeper = new bool[_depth * 2];
                Array.Copy(_hasItems, deeper, _depth);
                _hasItems = deeper;
            }
            _hasItems[_depth++] = false;
        }

        private void Close(char bracket)
        {
            if (_hasItems[--_depth])
            {
                NewLine();
            }
            _text.Append(bracket);
        }

        /// <summary>Starts a value inside the current container (or the document's one top-level value).</summary>
        private void Item(string? name)
        {
            if (_depth > 0)
            {
                if (_hasItems[_depth - 1])
                {
                    _text.Append(',');
                }
                _hasItems[_depth - 1] = true;
                NewLine();
            }
            if (name != null)
            {
                // Property names are this tool's own ASCII constants: nothing to escape.
                _text.Append('"').Append(name).Append("\": ");
            }
        }

        private void NewLine()
        {
            _text.Append('\n');
            // Appending from a string of spaces rather than Append(' ', count), whose generic fill is jitted at start-up.
            for (int remaining = 2 * _depth; remaining > 0; remaining -= Spaces.Length)
            {
                _text.Append(Spaces, 0, Math.Min(remaining, Spaces.Length));
            }
        }

        private void AppendString(string value)
        {
            _text.Append('"');
            if (Ascii.IsValid(value))
            {
                foreach (char c in value)
                {
                    AppendAscii(c);
                }
            }
            else
            {
                AppendEncoded(value);
            }
            _text.Append('"');
        }

        /// <summary>
        /// Which non-ASCII characters get escaped (undefined, private use, separators, astral, lone surrogates) is the
        /// encoder's table: ask it for the whole string. A method of its own so that System.Text.Encodings.Web is loaded
        /// only when a report has a non-ASCII string: precompiled code loads what a method references when the method
        /// is first called, and loading that assembly cost every report ~1 ms of start-up.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void AppendEncoded(string value) => _text.Append(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value));

        private void AppendAscii(char c)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); return;
                case '\\': _text.Append("\\\\"); return;
                case '\b': _text.Append("\\b"); return;
                case '\t': _text.Append("\\t"); return;
                case '\n': _text.Append("\\n"); return;
                case '\f': _text.Append("\\f"); return;
                case '\r': _text.Append("\\r"); return;
            }
            if (c < 0x20 || c == 0x7F)
            {
                _text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                return;
            }
            _text.Append(c);
        }
    }
}
