using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Suppressions;
using ReplicaGuard.Text;

namespace ReplicaGuard.Fixes
{
    /// <summary>The last resort of every diagnostic: a suppression comment for its statement, or for its file.</summary>
    public static class SuppressionFixes
    {
        public static IEnumerable<CodeFix> For(string ruleId, Location location)
        {
            SourceFile file = location.File;
            string text = file.OriginalText;
            string newline = FixText.LineEnding(file);
            int lineStart = file.Lines.GetLineStart(file.Lines.GetLine(location.Span.Start)); // line map: no scan of long lines
            int indentEnd = lineStart;
            while (indentEnd < text.Length && (text[indentEnd] == ' ' || text[indentEnd] == '\t'))
            {
                indentEnd++;
            }
            string indent = text.Substring(lineStart, indentEnd - lineStart);
            yield return new CodeFix(
                "Suppress " + ruleId + " for this statement",
                new[] { new TextEdit(file, new TextSpan(lineStart, 0), indent + "-- " + SuppressionParser.StatementMarker + " " + ruleId + newline) },
                FixKinds.SuppressStatement);
            yield return new CodeFix(
                "Suppress " + ruleId + " for this file",
                new[] { new TextEdit(file, new TextSpan(0, 0), "-- " + SuppressionParser.FileMarker + " " + ruleId + newline) },
                FixKinds.SuppressFile);
        }
    }
}
