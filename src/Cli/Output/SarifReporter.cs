using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Output
{
    /// <summary>
    /// SARIF 2.1.0: one run, the rule catalog as `tool.driver.rules`, one result per diagnostic with its
    /// physical and logical (schema.table) location, related locations and fixes. Columns are UTF-16 code
    /// units, 1-based, end column exclusive, as SARIF's default columnKind says.
    /// </summary>
    public static class SarifReporter
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
        public const string InformationUri = "https://github.com/replicaguard/replicaguard";

        public static string Format(IEnumerable<Diagnostic> diagnostics, string toolVersion)
        {
            using var stream = new MemoryStream();
            // Relaxed escaping keeps quotes and non-ASCII identifiers readable; the report is a file, never embedded in HTML.
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Write(writer, diagnostics, toolVersion);
            }
            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length).Replace("\r\n", "\n") + "\n";
        }

        public static void Write(Utf8JsonWriter writer, IEnumerable<Diagnostic> diagnostics, string toolVersion)
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaUri);
            writer.WriteString("version", "2.1.0");
            writer.WriteStartArray("runs");
            writer.WriteStartObject();
            WriteTool(writer, toolVersion);
            writer.WriteString("columnKind", "utf16CodeUnits");
            writer.WriteStartArray("results");
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (diagnostic.Severity != Severity.None)
                {
                    WriteResult(writer, diagnostic);
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteTool(Utf8JsonWriter writer, string toolVersion)
        {
            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", "ReplicaGuard");
            writer.WriteString("version", toolVersion);
            writer.WriteString("semanticVersion", toolVersion);
            writer.WriteString("informationUri", InformationUri);
            writer.WriteStartArray("rules");
            foreach (RuleDescriptor rule in RuleCatalog.All)
            {
                writer.WriteStartObject();
                writer.WriteString("id", rule.Id);
                writer.WriteString("name", RuleName(rule.Title));
                WriteText(writer, "shortDescription", rule.Title);
                WriteText(writer, "fullDescription", rule.Description);
                writer.WriteString("helpUri", rule.HelpUri);
                writer.WriteStartObject("defaultConfiguration");
                writer.WriteString("level", SeverityNames.Sarif(rule.DefaultSeverity));
                if (rule.DefaultSeverity == Severity.None)
                {
                    writer.WriteBoolean("enabled", false);
                }
                writer.WriteEndObject();
                writer.WriteStartObject("properties");
                writer.WriteString("category", rule.Category);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter writer, Diagnostic diagnostic)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", diagnostic.Id);
            int ruleIndex = RuleIndex(diagnostic.Id);
            if (ruleIndex >= 0)
            {
                writer.WriteNumber("ruleIndex", ruleIndex);
            }
            writer.WriteString("level", SeverityNames.Sarif(diagnostic.Severity));
            WriteText(writer, "message", diagnostic.Message);

            writer.WriteStartArray("locations");
            writer.WriteStartObject();
            WritePhysicalLocation(writer, diagnostic.Location);
            if (!string.IsNullOrEmpty(diagnostic.ObjectName))
            {
                writer.WriteStartArray("logicalLocations");
                writer.WriteStartObject();
                writer.WriteString("fullyQualifiedName", diagnostic.ObjectName);
                writer.WriteString("kind", "table");
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndArray();

            if (diagnostic.RelatedLocations.Count > 0)
            {
                writer.WriteStartArray("relatedLocations");
                for (int i = 0; i < diagnostic.RelatedLocations.Count; i++)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", i + 1);
                    WritePhysicalLocation(writer, diagnostic.RelatedLocations[i]);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }

            if (diagnostic.Fixes.Count > 0)
            {
                writer.WriteStartArray("fixes");
                foreach (CodeFix fix in diagnostic.Fixes)
                {
                    WriteFix(writer, fix);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }

        private static void WriteFix(Utf8JsonWriter writer, CodeFix fix)
        {
            writer.WriteStartObject();
            WriteText(writer, "description", fix.Title);
            writer.WriteStartArray("artifactChanges");
            // One artifactChange per file, files in the order their first edit appears.
            var files = new List<SourceFile>();
            foreach (TextEdit edit in fix.Edits)
            {
                if (!files.Contains(edit.File))
                {
                    files.Add(edit.File);
                }
            }
            foreach (SourceFile file in files)
            {
                writer.WriteStartObject();
                WriteArtifactLocation(writer, file.Path);
                writer.WriteStartArray("replacements");
                foreach (TextEdit edit in fix.Edits)
                {
                    if (edit.File != file)
                    {
                        continue;
                    }
                    writer.WriteStartObject();
                    writer.WriteStartObject("deletedRegion");
                    writer.WriteNumber("charOffset", edit.Span.Start);
                    writer.WriteNumber("charLength", edit.Span.Length);
                    WriteLineColumns(writer, file.Lines.GetSpan(edit.Span));
                    writer.WriteEndObject();
                    writer.WriteStartObject("insertedContent");
                    writer.WriteString("text", edit.NewText);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WritePhysicalLocation(Utf8JsonWriter writer, Location location)
        {
            writer.WriteStartObject("physicalLocation");
            WriteArtifactLocation(writer, location.File.Path);
            writer.WriteStartObject("region");
            WriteLineColumns(writer, location.LineSpan);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static void WriteLineColumns(Utf8JsonWriter writer, LinePositionSpan span)
        {
            writer.WriteNumber("startLine", span.Start.Line + 1);
            writer.WriteNumber("startColumn", span.Start.Character + 1);
            writer.WriteNumber("endLine", span.End.Line + 1);
            writer.WriteNumber("endColumn", span.End.Character + 1);
        }

        private static void WriteArtifactLocation(Utf8JsonWriter writer, string displayPath)
        {
            writer.WriteStartObject("artifactLocation");
            writer.WriteString("uri", ToUri(displayPath));
            writer.WriteEndObject();
        }

        private static void WriteText(Utf8JsonWriter writer, string property, string text)
        {
            writer.WriteStartObject(property);
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        /// <summary>A relative display path becomes a relative URI reference (segments escaped); an absolute one a file: URI.</summary>
        public static string ToUri(string displayPath)
        {
            if (Path.IsPathRooted(displayPath))
            {
                return new Uri(displayPath).AbsoluteUri;
            }
            string[] segments = displayPath.Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                segments[i] = Uri.EscapeDataString(segments[i]);
            }
            return string.Join("/", segments);
        }

        /// <summary>"Published table has no replica identity" -> "PublishedTableHasNoReplicaIdentity" (SARIF's rule name is an identifier).</summary>
        private static string RuleName(string title)
        {
            var builder = new StringBuilder(title.Length);
            bool upperNext = true;
            foreach (char c in title)
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                    upperNext = false;
                }
                else
                {
                    upperNext = true;
                }
            }
            return builder.ToString();
        }

        private static int RuleIndex(string id)
        {
            for (int i = 0; i < RuleCatalog.All.Count; i++)
            {
                if (RuleCatalog.All[i].Id == id)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
