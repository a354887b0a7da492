using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Output
{
    /// <summary>
    /// `--format json`: ReplicaGuard's own stable schema (docs/json-format.md), "version": 1. Lines and columns
    /// are 1-based, columns count UTF-16 code units, end columns are exclusive; offsets are 0-based UTF-16 offsets
    /// into the file's text. Fields are only ever added within a version.
    /// </summary>
    public static class JsonReporter
    {
        public const int FormatVersion = 1;

        public static string Format(IReadOnlyList<Diagnostic> diagnostics, int fileCount, string toolVersion)
        {
            var writer = new IndentedJsonWriter();
            ReportCounts counts = ReportCounts.Of(diagnostics);
            writer.StartObject();
            writer.Number("version", FormatVersion);
            writer.StartObject("tool");
            writer.String("name", "ReplicaGuard");
            writer.String("version", toolVersion);
            writer.EndObject();
            writer.StartObject("summary");
            writer.Number("errors", counts.Errors);
            writer.Number("warnings", counts.Warnings);
            writer.Number("suggestions", counts.Suggestions);
            writer.Number("files", fileCount);
            writer.EndObject();
            writer.StartArray("results");
            foreach (Diagnostic diagnostic in diagnostics)
            {
                WriteResult(writer, diagnostic);
            }
            writer.EndArray();
            writer.EndObject();
            return writer + "\n";
        }

        private static void WriteResult(IndentedJsonWriter writer, Diagnostic diagnostic)
        {
            writer.StartObject();
            writer.String("ruleId", diagnostic.Id);
            writer.String("severity", SeverityNames.Text(diagnostic.Severity));
            writer.String("title", diagnostic.Rule.Title);
            writer.String("message", diagnostic.Message);
            if (diagnostic.ObjectName != null)
            {
                writer.String("objectName", diagnostic.ObjectName);
            }
            else
            {
                writer.Null("objectName");
            }
            writer.String("helpUri", diagnostic.Rule.HelpUri);
            writer.StartObject("location");
            WriteLocation(writer, diagnostic.Location.File, diagnostic.Location.Span);
            writer.EndObject();

            writer.StartArray("relatedLocations");
            foreach (Location related in diagnostic.RelatedLocations)
            {
                writer.StartObject();
                WriteLocation(writer, related.File, related.Span);
                writer.EndObject();
            }
            writer.EndArray();

            writer.StartArray("fixes");
            foreach (CodeFix fix in diagnostic.Fixes)
            {
                writer.StartObject();
                writer.String("title", fix.Title);
                writer.String("equivalenceKey", fix.EquivalenceKey);
                writer.StartArray("edits");
                foreach (TextEdit edit in fix.Edits)
                {
                    writer.StartObject();
                    WriteLocation(writer, edit.File, edit.Span);
                    writer.String("newText", edit.NewText);
                    writer.EndObject();
                }
                writer.EndArray();
                writer.EndObject();
            }
            writer.EndArray();
            writer.EndObject();
        }

        private static void WriteLocation(IndentedJsonWriter writer, SourceFile file, TextSpan span)
        {
            LinePositionSpan lines = file.Lines.GetSpan(span);
            writer.String("file", file.Path);
            writer.Number("line", lines.Start.Line + 1);
            writer.Number("column", lines.Start.Character + 1);
            writer.Number("endLine", lines.End.Line + 1);
            writer.Number("endColumn", lines.End.Character + 1);
            writer.Number("offset", span.Start);
            writer.Number("length", span.Length);
        }
    }
}
