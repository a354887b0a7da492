using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;

namespace ReplicaGuard.Cli.Fixing
{
    /// <summary>
    /// A unified diff (`--- a/F`, `+++ b/F`, `@@ -l,n +l,n @@`, 3 lines of context) of one file's edits, built
    /// from the edits themselves rather than a general diff: each edit touches a known range of lines, nearby
    /// edits share a hunk, and within a hunk the common leading and trailing lines are context. Linear in the
    /// file. Line breaks are not part of the printed lines; `\ No newline at end of file` marks a last line
    /// without one, as diff does. `git apply` and `patch` accept it.
    /// </summary>
    public static class UnifiedDiff
    {
        public const int Context = 3;

        public static string Format(string path, string original, IReadOnlyList<TextEdit> edits)
        {
            TextEditResult result = TextEditApplier.Apply(original, edits);
            var applied = new List<TextEdit>(result.Applied);
            if (applied.Count == 0)
            {
                return "";
            }

            List<int> lineStarts = LineStarts(original);
            var output = new StringBuilder();
            output.Append("--- a/").Append(path).Append('\n');
            output.Append("+++ b/").Append(path).Append('\n');

            int lineDelta = 0;
            int i = 0;
            while (i < applied.Count)
            {
                // A group: edits whose line ranges, widened by the context, touch.
                int firstLine = LineOf(lineStarts, applied[i].Span.Start);
                int lastLine = LastLineOf(lineStarts, applied[i]);
                int j = i + 1;
                while (j < applied.Count && LineOf(lineStarts, applied[j].Span.Start) - Context <= lastLine + Context + 1)
                {
                    lastLine = System.Math.Max(lastLine, LastLineOf(lineStarts, applied[j]));
                    j++;
                }

                int fromLine = System.Math.Max(0, firstLine - Context);
                int toLine = System.Math.Min(lineStarts.Count - 1, lastLine + Context);
                int segmentStart = lineStarts[fromLine];
                int segmentEnd = toLine + 1 < lineStarts.Count ? lineStarts[toLine + 1] : original.Length;
                string oldSegment = original.Substring(segmentStart, segmentEnd - segmentStart);

                var shifted = new List<TextEdit>();
                for (int k = i; k < j; k++)
                {
                    TextEdit edit = applied[k];
                    shifted.Add(new TextEdit(edit.File, new Text.TextSpan(edit.Span.Start - segmentStart, edit.Span.Length), edit.NewText));
                }
                string newSegment = TextEditApplier.Apply(oldSegment, shifted).Text;
                lineDelta += WriteHunk(output, SplitLines(oldSegment), SplitLines(newSegment), fromLine, lineDelta);
                i = j;
            }
            return output.ToString();
        }

        // Returns the change in line count the hunk makes.
        private static int WriteHunk(StringBuilder output, List<string> oldLines, List<string> newLines, int fromLine, int lineDelta)
        {
            if (SameLines(oldLines, newLines))
            {
                return 0; // edits that rewrite text with itself change nothing
            }
            int prefix = 0;
            while (prefix < oldLines.Count && prefix < newLines.Count && oldLines[prefix] == newLines[prefix]) prefix++;
            int suffix = 0;
            while (suffix < oldLines.Count - prefix && suffix < newLines.Count - prefix
                   && oldLines[oldLines.Count - 1 - suffix] == newLines[newLines.Count - 1 - suffix]) suffix++;

            // Trim context beyond 3 lines on each side (the segment may hold more when edits were line-local).
            int dropFront = System.Math.Max(0, prefix - Context);
            int dropBack = System.Math.Max(0, suffix - Context);
            int oldCount = oldLines.Count - dropFront - dropBack;
            int newCount = newLines.Count - dropFront - dropBack;
            int oldStart = fromLine + dropFront + 1;
            int newStart = oldStart + lineDelta;
            output.Append("@@ -").Append(Range(oldCount == 0 ? oldStart - 1 : oldStart, oldCount))
                  .Append(" +").Append(Range(newCount == 0 ? newStart - 1 : newStart, newCount)).Append(" @@\n");

            for (int k = dropFront; k < prefix; k++) Line(output, ' ', oldLines[k]);
            for (int k = prefix; k < oldLines.Count - suffix; k++) Line(output, '-', oldLines[k]);
            for (int k = prefix; k < newLines.Count - suffix; k++) Line(output, '+', newLines[k]);
            for (int k = oldLines.Count - suffix; k < oldLines.Count - dropBack; k++) Line(output, ' ', oldLines[k]);
            return newLines.Count - oldLines.Count;
        }

        private static bool SameLines(List<string> a, List<string> b)
        {
            if (a.Count != b.Count) return false;
            for (int k = 0; k < a.Count; k++)
            {
                if (a[k] != b[k]) return false;
            }
            return true;
        }

        private static void Line(StringBuilder output, char marker, string line)
        {
            bool hasBreak = line.EndsWith("\n") || line.EndsWith("\r");
            output.Append(marker).Append(TrimBreak(line)).Append('\n');
            if (!hasBreak)
            {
                output.Append("\\ No newline at end of file\n");
            }
        }

        private static string TrimBreak(string line)
        {
            if (line.EndsWith("\r\n")) return line.Substring(0, line.Length - 2);
            if (line.EndsWith("\n") || line.EndsWith("\r")) return line.Substring(0, line.Length - 1);
            return line;
        }

        private static string Range(int start, int count) =>
            count == 1 ? start.ToString(CultureInfo.InvariantCulture)
                       : start.ToString(CultureInfo.InvariantCulture) + "," + count.ToString(CultureInfo.InvariantCulture);

        /// <summary>Lines with their line breaks (\n, \r\n or \r), so that changing only a break shows as a change.</summary>
        private static List<string> SplitLines(string text)
        {
            var lines = new List<string>();
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || text[i] == '\r')
                {
                    if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    lines.Add(text.Substring(start, i + 1 - start));
                    start = i + 1;
                }
            }
            if (start < text.Length) lines.Add(text.Substring(start));
            return lines;
        }

        private static List<int> LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || text[i] == '\r')
                {
                    if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    if (i + 1 < text.Length) starts.Add(i + 1);
                }
            }
            return starts;
        }

        private static int LineOf(List<int> lineStarts, int position)
        {
            int index = lineStarts.BinarySearch(position);
            return index >= 0 ? index : ~index - 1;
        }

        private static int LastLineOf(List<int> lineStarts, TextEdit edit)
        {
            // A replaced span that ends right after a line break ends on that line, not the next.
            int end = edit.Span.Length > 0 ? edit.Span.End - 1 : edit.Span.Start;
            return LineOf(lineStarts, System.Math.Max(end, edit.Span.Start));
        }
    }
}
