using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                ReportCounts counts = ReportCounts.Of(diagnostics);
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteStartObject("tool");
                writer.WriteString("name", "ReplicaGuard");
                writer.WriteString("version", toolVersion);
                writer.WriteEndObject();
                writer.WriteStartObject("summary");
                writer.WriteNumber("errors", counts.Errors);
                writer.WriteNumber("warnings", counts.Warnings);
                writer.WriteNumber("suggestions", counts.Suggestions);
                writer.WriteNumber("files", fileCount);
                writer.WriteEndObject();
                writer.WriteStartArray("results");
                foreach (Diagnostic diagnostic in diagnostics)
                {
                    WriteResult(writer, diagnostic);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        private static void WriteResult(Utf8JsonWriter writer, Diagnostic diagnostic)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", diagnostic.Id);
            writer.WriteString("severity", SeverityNames.Text(diagnostic.Severity));
            writer.WriteString("title", diagnostic.Rule.Title);
            writer.WriteString("message", diagnostic.Message);
            if (diagnostic.ObjectName != null)
            {
                writer.WriteString("objectName", diagnostic.ObjectName);
            }
            else
            {
                writer.WriteNull("objectName");
            }
            writer.WriteString("helpUri", diagnostic.Rule.HelpUri);
            writer.WriteStartObject("location");
            WriteLocation(writer, diagnostic.Location.File, diagnostic.Location.Span);
            writer.WriteEndObject();

            writer.WriteStartArray("relatedLocations");
            foreach (Location related in diagnostic.RelatedLocations)
            {
                writer.WriteStartObject();
                WriteLocation(writer, related.File, related.Span);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();

            writer.WriteStartArray("fixes");
            foreach (CodeFix fix in diagnostic.Fixes)
            {
                writer.WriteStartObject();
                writer.WriteString("title", fix.Title);
                writer.WriteString("equivalenceKey", fix.EquivalenceKey);
                writer.WriteStartArray("edits");
                foreach (TextEdit edit in fix.Edits)
                {
                    writer.WriteStartObject();
                    WriteLocation(writer, edit.File, edit.Span);
                    writer.WriteString("newText", edit.NewText);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteLocation(Utf8JsonWriter writer, SourceFile file, TextSpan span)
        {
            LinePositionSpan lines = file.Lines.GetSpan(span);
            writer.WriteString("file", file.Path);
            writer.WriteNumber("line", lines.Start.Line + 1);
            writer.WriteNumber("column", lines.Start.Character + 1);
            writer.WriteNumber("endLine", lines.End.Line + 1);
            writer.WriteNumber("endColumn", lines.End.Character + 1);
            writer.WriteNumber("offset", span.Start);
            writer.WriteNumber("length", span.Length);
        }
    }
}
