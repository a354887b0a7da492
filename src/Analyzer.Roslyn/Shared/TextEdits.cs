using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>
    /// Applies the engine's <see cref="TextEdit"/>s to a file's original text. The one place edits become text:
    /// the code fixes use it and `replicaguard fix` must too, so both write the same bytes.
    /// (Proposed for the engine, ReplicaGuard.Diagnostics; it lives here until the lead moves it.)
    /// </summary>
    internal static class TextEdits
    {
        /// <summary>
        /// Edits are in original-text coordinates. They apply in start order; edits at the same position keep the
        /// order they were given in. Returns false, leaving <paramref name="result"/> as the input, when an edit is
        /// out of range or overlaps another (a bad fix must change nothing rather than corrupt the file).
        /// </summary>
        public static bool TryApply(string text, IReadOnlyList<TextEdit> edits, out string result)
        {
            result = text;
            var ordered = new List<KeyValuePair<int, TextEdit>>(edits.Count);
            for (int i = 0; i < edits.Count; i++)
            {
                ordered.Add(new KeyValuePair<int, TextEdit>(i, edits[i]));
            }
            ordered.Sort((a, b) =>
            {
                int c = a.Value.Span.Start.CompareTo(b.Value.Span.Start);
                return c != 0 ? c : a.Key.CompareTo(b.Key);
            });

            var builder = new StringBuilder(text.Length + 64);
            int position = 0;
            foreach (KeyValuePair<int, TextEdit> pair in ordered)
            {
                TextEdit edit = pair.Value;
                if (edit.Span.Start < position || edit.Span.Length < 0 || edit.Span.End > text.Length)
                {
                    return false;
                }
                builder.Append(text, position, edit.Span.Start - position);
                builder.Append(edit.NewText);
                position = edit.Span.End;
            }
            builder.Append(text, position, text.Length - position);
            result = builder.ToString();
            return true;
        }

        /// <summary>The edits of <paramref name="fix"/> grouped by file path, each group in the order given.</summary>
        public static Dictionary<string, List<TextEdit>> ByFile(CodeFix fix)
        {
            var byFile = new Dictionary<string, List<TextEdit>>();
            foreach (TextEdit edit in fix.Edits)
            {
                if (!byFile.TryGetValue(edit.File.Path, out List<TextEdit>? list))
                {
                    list = new List<TextEdit>();
                    byFile.Add(edit.File.Path, list);
                }
                list.Add(edit);
            }
            return byFile;
        }
    }
}
