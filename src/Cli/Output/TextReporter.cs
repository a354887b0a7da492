using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Output
{
    /// <summary>
    /// The compiler-style report: `path(line,col): error RG1001: message [schema.table]`, the source line,
    /// a caret line under the span's first line, then one `note: related:` line per related location.
    /// Tabs in the source line are expanded (stops every <see cref="TabSize"/>) so the caret lines up.
    /// </summary>
    public static class TextReporter
    {
        public const int TabSize = 4;
        private const int RelatedExcerptLength = 60;
        private const int MaxExcerptLength = 240;
        private const int ExcerptContext = 40;
        private const string Ellipsis = "...";
        private const string Indent = "    ";

        private const string Reset = "\u001b[0m";
        private const string Bold = "\u001b[1m";
        private const string Red = "\u001b[1;31m";
        private const string Yellow = "\u001b[1;33m";
        private const string Cyan = "\u001b[1;36m";
        private const string Green = "\u001b[32m";

        public static string Format(IEnumerable<Diagnostic> diagnostics, bool color)
        {
            var builder = new StringBuilder();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (diagnostic.Severity != Severity.None)
                {
                    AppendDiagnostic(builder, diagnostic, color);
                }
            }
            return builder.ToString();
        }

        public static void AppendDiagnostic(StringBuilder builder, Diagnostic diagnostic, bool color)
        {
            LinePositionSpan lineSpan = diagnostic.Location.LineSpan;
            AppendStyled(builder, PositionText(diagnostic.Location.File.Path, lineSpan.Start), Bold, color);
            builder.Append(": ");
            AppendStyled(builder, SeverityNames.Text(diagnostic.Severity), SeverityColor(diagnostic.Severity), color);
            builder.Append(' ').Append(diagnostic.Id).Append(": ").Append(OneLine(diagnostic.Message));
            if (!string.IsNullOrEmpty(diagnostic.ObjectName))
            {
                builder.Append(" [").Append(diagnostic.ObjectName).Append(']');
            }
            builder.Append('\n');

            AppendExcerpt(builder, diagnostic.Location, color);

            foreach (Location related in diagnostic.RelatedLocations)
            {
                builder.Append("  ");
                AppendStyled(builder, PositionText(related.File.Path, related.LineSpan.Start), Bold, color);
                builder.Append(": ");
                AppendStyled(builder, "note", Cyan, color);
                builder.Append(": related: ").Append(RelatedExcerpt(related)).Append('\n');
            }
        }

        /// <summary>The span's first source line, then `^~~~` under the part of it the span covers.</summary>
        public static void AppendExcerpt(StringBuilder builder, Location location, bool color)
        {
            SourceFile file = location.File;
            LinePositionSpan lineSpan = location.LineSpan;
            int line = lineSpan.Start.Line;
            int lineStart = file.Lines.GetLineStart(line);
            int lineEnd = file.Lines.GetLineEnd(line, file.OriginalText);
            int lineLength = lineEnd - lineStart;

            int startChar = Clamp(lineSpan.Start.Character, lineLength);
            int endChar = lineSpan.End.Line == line ? Clamp(lineSpan.End.Character, lineLength) : lineLength;

            // A very long line (a minified or dumped file) is shown as a window around the span, so the report
            // costs the same per result whatever the line length.
            int shownStart = 0, shownEnd = lineLength;
            if (lineLength > MaxExcerptLength)
            {
                shownStart = startChar > ExcerptContext ? startChar - ExcerptContext : 0;
                shownEnd = shownStart + MaxExcerptLength < lineLength ? shownStart + MaxExcerptLength : lineLength;
                if (endChar > shownEnd)
                {
                    endChar = shownEnd;
                }
            }

            // Visual column of every shown character boundary, with tabs expanded.
            var visualColumn = new int[shownEnd - shownStart + 1];
            var expanded = new StringBuilder(shownEnd - shownStart + 16);
            if (shownStart > 0)
            {
                expanded.Append(Ellipsis);
            }
            for (int i = shownStart; i < shownEnd; i++)
            {
                visualColumn[i - shownStart] = expanded.Length;
                char c = file.OriginalText[lineStart + i];
                if (c == '\t')
                {
                    expanded.Append(' ', TabSize - (expanded.Length % TabSize));
                }
                else
                {
                    expanded.Append(c);
                }
            }
            visualColumn[shownEnd - shownStart] = expanded.Length;
            if (shownEnd < lineLength)
            {
                expanded.Append(Ellipsis);
            }
            startChar -= shownStart;
            endChar -= shownStart;

            int caretStart = visualColumn[startChar];
            int caretWidth = visualColumn[endChar] - caretStart;
            if (caretWidth < 1)
            {
                caretWidth = 1;
            }

            builder.Append(Indent).Append(expanded).Append('\n');
            builder.Append(Indent).Append(' ', caretStart);
            if (color)
            {
                builder.Append(Green);
            }
            builder.Append('^').Append('~', caretWidth - 1);
            if (color)
            {
                builder.Append(Reset);
            }
            builder.Append('\n');
        }

        public static string PositionText(string path, LinePosition start) =>
            path + "(" + (start.Line + 1) + "," + (start.Character + 1) + ")";

        /// <summary>The related span's text on its first line, trimmed and shortened, so the note says what it points at.</summary>
        private static string RelatedExcerpt(Location location)
        {
            SourceFile file = location.File;
            LinePositionSpan lineSpan = location.LineSpan;
            int lineStart = file.Lines.GetLineStart(lineSpan.Start.Line);
            int lineEnd = file.Lines.GetLineEnd(lineSpan.Start.Line, file.OriginalText);
            int start = lineStart + Clamp(lineSpan.Start.Character, lineEnd - lineStart);
            int end = lineSpan.End.Line == lineSpan.Start.Line ? lineStart + Clamp(lineSpan.End.Character, lineEnd - lineStart) : lineEnd;
            if (end <= start)
            {
                end = lineEnd;
            }
            if (end - start > 4 * RelatedExcerptLength)
            {
                end = start + 4 * RelatedExcerptLength;
            }
            string text = file.OriginalText.Substring(start, end - start).Replace('\t', ' ').Trim();
            if (text.Length > RelatedExcerptLength)
            {
                text = text.Substring(0, RelatedExcerptLength) + "...";
            }
            return text;
        }

        private static int Clamp(int value, int max) => value < 0 ? 0 : value > max ? max : value;

        private static string OneLine(string message) => message.IndexOf('\n') < 0 && message.IndexOf('\r') < 0
            ? message
            : message.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');

        private static string SeverityColor(Severity severity)
        {
            switch (severity)
            {
                case Severity.Error: return Red;
                case Severity.Warning: return Yellow;
                default: return Cyan;
            }
        }

        private static void AppendStyled(StringBuilder builder, string text, string style, bool color)
        {
            if (color)
            {
                builder.Append(style).Append(text).Append(Reset);
            }
            else
            {
                builder.Append(text);
            }
        }
    }
}
