namespace ReplicaGuard.Model
{
    /// <summary>
    /// Built-in types the model can tell apart with certainty, for PostgreSQL's type checks between a parent's and a
    /// child's column (MergeAttributes, MergeAttributesIntoExisting, ATExecAddColumn: "child table ... has different
    /// type for column ..."). Only a type written as one word is known; one with modifiers (varchar(32)), a schema,
    /// an array, several words (double precision, timestamp with time zone) or a name not listed here is
    /// <see cref="Unknown"/>, and an unknown type never differs from another.
    /// </summary>
    internal static class ColumnTypes
    {
        public const byte Unknown = 0;

        /// <summary>The largest code: <see cref="ColumnObject"/> keeps the code in five bits.</summary>
        public const byte Max = 26;

        /// <summary>The type's code: aliases (int, integer, int4, serial) share one.</summary>
        public static byte Of(string typeName, bool oneWord)
        {
            if (!oneWord)
            {
                return Unknown;
            }
            switch (typeName)
            {
                case "int": case "integer": case "int4": case "serial": case "serial4": return 1;
                case "bigint": case "int8": case "bigserial": case "serial8": return 2;
                case "smallint": case "int2": case "smallserial": case "serial2": return 3;
                case "text": return 4;
                case "boolean": case "bool": return 5;
                case "uuid": return 6;
                case "date": return 7;
                case "jsonb": return 8;
                case "json": return 9;
                case "bytea": return 10;
                case "real": case "float4": return 11;
                case "float": case "float8": return 12; // float without a precision is double precision
                case "numeric": case "decimal": case "dec": return 13;
                case "timestamp": return 14; // without time zone
                case "timestamptz": return 15;
                case "time": return 16;
                case "timetz": return 17;
                case "interval": return 18;
                case "varchar": return 19; // without a length
                case "inet": return 20;
                case "cidr": return 21;
                case "macaddr": return 22;
                case "money": return 23;
                case "xml": return 24;
                case "oid": return 25;
                case "name": return 26;
                default: return Unknown;
            }
        }

        /// <summary>Both types are known and differ: the server rejects merging the two columns.</summary>
        public static bool Differ(byte a, byte b) => a != Unknown && b != Unknown && a != b;

        public static bool Differ(ColumnObject a, ColumnObject b) => Differ(a.TypeCode, b.TypeCode);
    }
}
