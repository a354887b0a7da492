using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// PostgreSQL's choice of names for unnamed indexes and constraints (ChooseIndexName, ChooseRelationName,
    /// makeObjectName in indexcmds.c): later statements refer to those names, so they must match exactly.
    /// </summary>
    internal static class IndexNaming
    {
        private const int MaxBytes = Identifiers.MaxBytes;

        public enum Kind
        {
            PrimaryKey,
            UniqueConstraint,
            Exclusion,
            Index,
        }

        public static string Choose(string tableName, IReadOnlyList<string> columnNames, Kind kind, SchemaObject schema)
        {
            return Choose(tableName, columnNames, kind, name => schema.Relations.ContainsKey(name));
        }

        /// <summary>The same choice with another test of which names are taken (a fix also avoids names later statements use).</summary>
        public static string Choose(string tableName, IReadOnlyList<string> columnNames, Kind kind, System.Func<string, bool> taken)
        {
            string label = kind == Kind.PrimaryKey ? "pkey" : kind == Kind.UniqueConstraint ? "key" : kind == Kind.Exclusion ? "excl" : "idx";
            string? addition = kind == Kind.PrimaryKey ? null : Addition(columnNames);
            string modLabel = label;
            for (int pass = 1; ; pass++)
            {
                string name = MakeObjectName(tableName, addition, modLabel);
                if (!taken(name))
                {
                    return name;
                }
                modLabel = label + pass.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        /// <summary>ChooseIndexNameAddition: column names joined by '_', cut once NAMEDATALEN is reached.</summary>
        private static string Addition(IReadOnlyList<string> names)
        {
            var sb = new StringBuilder();
            foreach (string name in names)
            {
                if (sb.Length > 0)
                {
                    sb.Append('_');
                }
                sb.Append(Clip(name, MaxBytes));
                if (Encoding.UTF8.GetByteCount(sb.ToString()) >= MaxBytes + 1)
                {
                    break;
                }
            }
            return sb.ToString();
        }

        /// <summary>makeObjectName: name1[_name2][_label], truncating the longer of name1/name2 first to fit 63 bytes.</summary>
        public static string MakeObjectName(string name1, string? name2, string? label)
        {
            int overhead = (label != null ? Encoding.UTF8.GetByteCount(label) + 1 : 0) + (name2 != null ? 1 : 0);
            int available = MaxBytes - overhead;
            int n1 = Encoding.UTF8.GetByteCount(name1);
            int n2 = name2 != null ? Encoding.UTF8.GetByteCount(name2) : 0;
            while (n1 + n2 > available)
            {
                if (n1 > n2)
                {
                    n1--;
                }
                else
                {
                    n2--;
                }
            }
            var sb = new StringBuilder();
            sb.Append(Clip(name1, n1));
            if (name2 != null)
            {
                sb.Append('_').Append(Clip(name2, n2));
            }
            if (label != null)
            {
                sb.Append('_').Append(label);
            }
            return sb.ToString();
        }

        private static string Clip(string s, int bytes) => Identifiers.ClipUtf8(s, bytes);

        /// <summary>ChooseIndexColumnNames: duplicate names within one index get a numeric suffix.</summary>
        public static IReadOnlyList<string> UniqueColumnNames(IReadOnlyList<string> names)
        {
            if (!HasRepeats(names))
            {
                return names; // the usual case: nothing to rename, nothing to copy
            }
            var result = new List<string>(names.Count);
            var used = new HashSet<string>();
            foreach (string original in names)
            {
                string name = original;
                for (int i = 1; !used.Add(name); i++)
                {
                    string suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    name = Clip(original, MaxBytes - suffix.Length) + suffix;
                }
                result.Add(name);
            }
            return result;
        }

        /// <summary>Whether a name occurs twice. Real keys are short (PostgreSQL allows 32 columns): no set for those.</summary>
        private static bool HasRepeats(IReadOnlyList<string> names)
        {
            if (names.Count > 32)
            {
                return new HashSet<string>(names).Count < names.Count; // hostile input: stay linear
            }
            for (int i = 1; i < names.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (names[i] == names[j])
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
