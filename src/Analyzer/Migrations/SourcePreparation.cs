using System;
using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Text;

namespace ReplicaGuard.Migrations
{
    /// <summary>
    /// Turns a file's text into the <see cref="SourceFile"/> the engine replays: dbmate `-- migrate:down`
    /// sections blanked (same length, line breaks kept), placeholders substituted with an offset map back.
    /// </summary>
    public static class SourcePreparation
    {
        /// <param name="placeholders">
        /// Literal text to replace -> replacement. A key made only of letters, digits and <c>_ . - :</c> is a bare
        /// Flyway placeholder name and stands for <c>${key}</c>; any other key (<c>${schema}</c>,
        /// <c>$%AUTO_INCREMENT_PRIMARY_KEY%$</c>) is matched literally.
        /// </param>
        public static SourceFile Prepare(string displayPath, string originalText, IReadOnlyDictionary<string, string> placeholders)
        {
            string text = DbmateSections.BlankDownSections(originalText);
            if (placeholders == null || placeholders.Count == 0)
            {
                return new SourceFile(displayPath, originalText, text, OffsetMap.Identity);
            }
            var substitution = new PlaceholderSubstitution(placeholders);
            string substituted = substitution.Apply(text, out List<OffsetMap.Replacement> replacements);
            OffsetMap map = replacements.Count == 0 ? OffsetMap.Identity : new OffsetMap(replacements);
            return new SourceFile(displayPath, originalText, substituted, map);
        }
    }

    /// <summary>
    /// dbmate files hold <c>-- migrate:up</c> and <c>-- migrate:down</c> sections in one file; only up runs on
    /// upgrade. A marker is a line starting with <c>--</c>, optional spaces, <c>migrate:up</c> or
    /// <c>migrate:down</c>, then the end of the line or spaces and options (<c>transaction:false</c>).
    /// </summary>
    internal static class DbmateSections
    {
        /// <summary>When the text has an up marker, every down section (marker to next up marker or the end) is
        /// replaced by spaces, keeping \r and \n, so offsets and lines do not move. Otherwise the text is unchanged.</summary>
        public static string BlankDownSections(string text)
        {
            var markers = new List<(int LineStart, bool IsUp)>();
            bool hasUp = false;
            // Every marker contains "migrate:": finding those with IndexOf (vectorised) and checking their lines
            // costs far less than reading every line of a large file that has no markers at all.
            int found = text.IndexOf(MarkerWord, StringComparison.Ordinal);
            while (found >= 0)
            {
                int lineStart = MarkerLineStart(text, found);
                if (lineStart >= 0)
                {
                    bool? marker = ReadMarker(text, lineStart, LineEnd(text, lineStart));
                    if (marker.HasValue)
                    {
                        markers.Add((lineStart, marker.Value));
                        hasUp |= marker.Value;
                    }
                }
                found = text.IndexOf(MarkerWord, found + MarkerWord.Length, StringComparison.Ordinal);
            }
            if (!hasUp) return text;

            char[]? chars = null;
            for (int k = 0; k < markers.Count; k++)
            {
                if (markers[k].IsUp) continue;
                int end = text.Length;
                int next = k + 1;
                while (next < markers.Count && !markers[next].IsUp) next++;
                if (next < markers.Count) end = markers[next].LineStart;
                chars ??= text.ToCharArray();
                for (int i = markers[k].LineStart; i < end; i++)
                {
                    if (chars[i] != '\r' && chars[i] != '\n') chars[i] = ' ';
                }
                k = next - 1;
            }
            return chars == null ? text : new string(chars);
        }

        private static int LineEnd(string text, int start)
        {
            int i = start;
            while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
            return i;
        }

        private const string MarkerWord = "migrate:";

        /// <summary>
        /// The start of the line when "migrate:" at <paramref name="word"/> follows only "--" and spaces or tabs
        /// on its line (the shape of a marker), otherwise -1. A line starts at 0 or after "\n" or "\r".
        /// </summary>
        private static int MarkerLineStart(string text, int word)
        {
            int i = word;
            while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) i--;
            if (i < 2 || text[i - 1] != '-' || text[i - 2] != '-') return -1;
            int lineStart = i - 2;
            return lineStart == 0 || text[lineStart - 1] == '\n' || text[lineStart - 1] == '\r' ? lineStart : -1;
        }

        /// <summary>true for an up marker, false for a down marker, null for any other line.</summary>
        private static bool? ReadMarker(string text, int start, int end)
        {
            if (end - start < 2 || text[start] != '-' || text[start + 1] != '-') return null;
            int i = start + 2;
            while (i < end && (text[i] == ' ' || text[i] == '\t')) i++;
            if (Matches(text, i, end, "migrate:up")) return true;
            if (Matches(text, i, end, "migrate:down")) return false;
            return null;
        }

        private static bool Matches(string text, int i, int end, string word)
        {
            if (end - i < word.Length || string.CompareOrdinal(text, i, word, 0, word.Length) != 0) return false;
            int after = i + word.Length;
            return after == end || text[after] == ' ' || text[after] == '\t';
        }
    }

    /// <summary>
    /// Replaces placeholder keys with their values in one left-to-right pass. Where several keys match at the
    /// same place the longest wins. Cost: text length times the longest key, i.e. linear in the text.
    /// </summary>
    internal sealed class PlaceholderSubstitution
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private readonly Dictionary<char, List<string>> _keysByFirstChar = new Dictionary<char, List<string>>();

        public PlaceholderSubstitution(IReadOnlyDictionary<string, string> placeholders)
        {
            // Explicit literal keys first, so `${a}` given literally wins over a bare `a` meaning the same.
            foreach (var pair in placeholders)
            {
                if (!string.IsNullOrEmpty(pair.Key) && !IsBareName(pair.Key)) _values[pair.Key] = pair.Value ?? "";
            }
            foreach (var pair in placeholders)
            {
                if (string.IsNullOrEmpty(pair.Key) || !IsBareName(pair.Key)) continue;
                string key = "${" + pair.Key + "}";
                if (!_values.ContainsKey(key)) _values[key] = pair.Value ?? "";
            }
            foreach (string key in _values.Keys)
            {
                if (!_keysByFirstChar.TryGetValue(key[0], out List<string>? keys))
                {
                    keys = new List<string>();
                    _keysByFirstChar[key[0]] = keys;
                }
                keys.Add(key);
            }
            foreach (List<string> keys in _keysByFirstChar.Values)
            {
                keys.Sort((a, b) => b.Length.CompareTo(a.Length)); // longest first
            }
        }

        /// <summary>A Flyway placeholder name given without its <c>${ }</c>.</summary>
        public static bool IsBareName(string key)
        {
            foreach (char c in key)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                          || c == '_' || c == '.' || c == '-' || c == ':';
                if (!ok) return false;
            }
            return key.Length > 0;
        }

        public string Apply(string text, out List<OffsetMap.Replacement> replacements)
        {
            replacements = new List<OffsetMap.Replacement>();
            StringBuilder? result = null;
            int copiedUpTo = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!_keysByFirstChar.TryGetValue(text[i], out List<string>? keys)) continue;
                string? match = null;
                foreach (string key in keys)
                {
                    if (i + key.Length <= text.Length && string.CompareOrdinal(text, i, key, 0, key.Length) == 0)
                    {
                        match = key;
                        break;
                    }
                }
                if (match == null) continue;

                result ??= new StringBuilder(text.Length);
                result.Append(text, copiedUpTo, i - copiedUpTo);
                string value = _values[match];
                replacements.Add(new OffsetMap.Replacement(i, match.Length, result.Length, value.Length));
                result.Append(value);
                copiedUpTo = i + match.Length;
                i = copiedUpTo - 1;
            }
            if (result == null) return text;
            result.Append(text, copiedUpTo, text.Length - copiedUpTo);
            return result.ToString();
        }
    }
}
