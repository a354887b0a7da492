using System.Collections.Generic;

namespace ReplicaGuard.Migrations.Json
{
    public enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        Boolean,
        Null,
    }

    /// <summary>A parsed JSON value with the 1-based line and column where it starts, for error messages.</summary>
    public sealed class JsonValue
    {
        internal JsonValue(JsonKind kind, int line, int column)
        {
            Kind = kind;
            Line = line;
            Column = column;
        }

        public JsonKind Kind { get; }
        public int Line { get; }
        public int Column { get; }

        /// <summary>The string's value, or a number's text exactly as written.</summary>
        public string Text { get; internal set; } = "";

        public bool Boolean { get; internal set; }

        /// <summary>Members of an object, in file order.</summary>
        public List<JsonMember> Members { get; } = new List<JsonMember>();

        /// <summary>Items of an array, in file order.</summary>
        public List<JsonValue> Items { get; } = new List<JsonValue>();

        /// <summary>How the value reads in a message: numbers as written, strings quoted, others by kind.</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case JsonKind.Number: return Text;
                case JsonKind.String: return "\"" + Text + "\"";
                case JsonKind.Boolean: return Boolean ? "true" : "false";
                case JsonKind.Null: return "null";
                case JsonKind.Array: return "an array";
                default: return "an object";
            }
        }
    }

    public sealed class JsonMember
    {
        internal JsonMember(string name, int line, int column, JsonValue value)
        {
            Name = name;
            Line = line;
            Column = column;
            Value = value;
        }

        public string Name { get; }

        /// <summary>Where the member's name starts.</summary>
        public int Line { get; }

        public int Column { get; }

        public JsonValue Value { get; }
    }

    /// <summary>Text that is not JSON (as accepted by <see cref="JsonReader"/>), with the place it went wrong.</summary>
    public sealed class JsonException : System.Exception
    {
        public JsonException(string message, int line, int column)
            : base(message)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }
    }
}
