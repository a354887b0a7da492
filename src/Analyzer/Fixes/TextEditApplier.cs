using System;
using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// Applies text edits to one text, all in the text's original coordinates. Edits are applied in order of
    /// position; insertions at the same point keep the order given (stable). An edit identical to one already
    /// accepted (same span, same new text) is applied once, since two results may offer the same change. An
    /// edit that overlaps an accepted one, or whose span lies outside the text, is not applied and is returned
    /// as a conflict; the caller decides what to do. Never throws on bad edits. Cost: n log n in the edits plus
    /// the text length.
    /// </summary>
    public static class TextEditApplier
    {
        public static TextEditResult Apply(string text, IReadOnlyList<TextEdit> edits)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (edits == null || edits.Count == 0)
            {
                return new TextEditResult(text, new TextEdit[0], new TextEdit[0]);
            }

            var order = new int[edits.Count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            // Array.Sort is not stable; the index as last key makes it so.
            Array.Sort(order, (a, b) => Compare(edits, a, b));

            var applied = new List<TextEdit>();
            var conflicts = new List<TextEdit>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new StringBuilder(text.Length);
            int copiedUpTo = 0;
            foreach (int index in order)
            {
                TextEdit edit = edits[index];
                if (edit == null) continue;
                int start = edit.Span.Start, end = edit.Span.End;
                string newText = edit.NewText ?? "";
                if (start < 0 || edit.Span.Length < 0 || end > text.Length)
                {
                    conflicts.Add(edit);
                    continue;
                }
                string key = start + ":" + edit.Span.Length + ":" + newText;
                if (seen.Contains(key))
                {
                    continue; // the same change offered twice: applied once
                }
                if (start < copiedUpTo)
                {
                    conflicts.Add(edit);
                    continue;
                }
                seen.Add(key);
                result.Append(text, copiedUpTo, start - copiedUpTo);
                result.Append(newText);
                copiedUpTo = end;
                applied.Add(edit);
            }
            result.Append(text, copiedUpTo, text.Length - copiedUpTo);
            return new TextEditResult(result.ToString(), applied, conflicts);
        }

        // Position first; at one position insertions before replacements (an insertion at the start of a
        // replaced span goes in front of it); then the order given.
        private static int Compare(IReadOnlyList<TextEdit> edits, int a, int b)
        {
            TextEdit? x = edits[a], y = edits[b];
            if (x == null || y == null) return a.CompareTo(b);
            int c = x.Span.Start.CompareTo(y.Span.Start);
            if (c != 0) return c;
            c = x.Span.Length.CompareTo(y.Span.Length);
            return c != 0 ? c : a.CompareTo(b);
        }
    }

    /// <summary>The edited text, the edits applied (in text order) and those refused as overlapping or out of range.</summary>
    public sealed class TextEditResult
    {
        public TextEditResult(string text, IReadOnlyList<TextEdit> applied, IReadOnlyList<TextEdit> conflicts)
        {
            Text = text;
            Applied = applied;
            Conflicts = conflicts;
        }

        public string Text { get; }
        public IReadOnlyList<TextEdit> Applied { get; }
        public IReadOnlyList<TextEdit> Conflicts { get; }
        public bool HasConflicts => Conflicts.Count > 0;
    }
}
