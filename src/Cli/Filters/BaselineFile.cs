using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Cli.Filters
{
    /// <summary>
    /// replicaguard.baseline.json: the fingerprints of accepted results. File paths in it are relative to the
    /// baseline's own folder, so the file works from any current directory and on any machine. A result is
    /// dropped when an unused entry with its fingerprint remains (entries are counted, so a second identical
    /// result is still reported).
    /// </summary>
    public sealed class BaselineFile
    {
        public const string DefaultName = "replicaguard.baseline.json";
        public const int FormatVersion = 1;

        private readonly Dictionary<Fingerprint, int> _remaining;
        private readonly string _folder;
        private readonly Fingerprints _fingerprints = new Fingerprints();

        private BaselineFile(Dictionary<Fingerprint, int> entries, string folder)
        {
            _remaining = entries;
            _folder = folder;
        }

        public int Count { get; private set; }

        /// <summary>Serialises the fingerprints of <paramref name="diagnostics"/> for a baseline written at <paramref name="baselinePath"/>.</summary>
        public static string Format(IEnumerable<Diagnostic> diagnostics, CheckInput input, string baselinePath, string toolVersion)
        {
            string folder = Path.GetDirectoryName(baselinePath) ?? ".";
            var fingerprints = new Fingerprints();
            var entries = new List<(Fingerprint Print, string Message)>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                entries.Add((fingerprints.Of(diagnostic, RelativePath(diagnostic.Location, input, folder)), diagnostic.Message));
            }
            entries.Sort((a, b) =>
            {
                int c = string.CompareOrdinal(a.Print.File, b.Print.File);
                if (c == 0) c = string.CompareOrdinal(a.Print.RuleId, b.Print.RuleId);
                if (c == 0) c = string.CompareOrdinal(a.Print.ObjectName, b.Print.ObjectName);
                if (c == 0) c = string.CompareOrdinal(a.Print.StatementHash, b.Print.StatementHash);
                return c;
            });

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteString("tool", "ReplicaGuard " + toolVersion);
                writer.WriteStartArray("results");
                foreach ((Fingerprint print, string message) in entries)
                {
                    writer.WriteStartObject();
                    writer.WriteString("ruleId", print.RuleId);
                    writer.WriteString("objectName", print.ObjectName);
                    writer.WriteString("file", print.File);
                    writer.WriteString("statementHash", print.StatementHash);
                    writer.WriteString("message", message);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        public static BaselineFile Load(string fullPath, string shownPath)
        {
            string json;
            try
            {
                json = File.ReadAllText(fullPath);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new UsageException($"{shownPath}: baseline file not found; create it with 'replicaguard baseline --output {shownPath}'");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"{shownPath}: cannot read baseline: {HistoryLoader.OneLine(e.Message)}");
            }

            var entries = new Dictionary<Fingerprint, int>();
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("version", out JsonElement version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion
                    || !root.TryGetProperty("results", out JsonElement results) || results.ValueKind != JsonValueKind.Array)
                {
                    throw new UsageException($"{shownPath}: not a ReplicaGuard baseline (expected {{\"version\": {FormatVersion}, \"results\": [...]}}); regenerate it with 'replicaguard baseline'");
                }
                foreach (JsonElement entry in results.EnumerateArray())
                {
                    var print = new Fingerprint(
                        Member(entry, "ruleId", shownPath), Member(entry, "objectName", shownPath), Member(entry, "file", shownPath), Member(entry, "statementHash", shownPath));
                    entries.TryGetValue(print, out int count);
                    entries[print] = count + 1;
                }
            }
            catch (JsonException e)
            {
                throw new UsageException($"{shownPath}: baseline is not valid JSON (line {e.LineNumber + 1}); regenerate it with 'replicaguard baseline'");
            }
            catch (InvalidOperationException)
            {
                throw new UsageException($"{shownPath}: not a ReplicaGuard baseline; regenerate it with 'replicaguard baseline'");
            }
            string folder = Path.GetDirectoryName(fullPath) ?? ".";
            return new BaselineFile(entries, folder);
        }

        /// <summary>True when the result is in the baseline (and uses up one entry for it).</summary>
        public bool Absorbs(Diagnostic diagnostic, CheckInput input)
        {
            Fingerprint print = _fingerprints.Of(diagnostic, RelativePath(diagnostic.Location, input, _folder));
            if (_remaining.TryGetValue(print, out int count) && count > 0)
            {
                _remaining[print] = count - 1;
                Count++;
                return true;
            }
            return false;
        }

        private static string Member(JsonElement entry, string name, string shownPath)
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!;
            }
            throw new UsageException($"{shownPath}: a baseline entry has no string \"{name}\"; regenerate it with 'replicaguard baseline'");
        }

        private static string RelativePath(Location location, CheckInput input, string folder)
        {
            string full = input.Files.TryGetValue(location.File, out LoadedFile? file) ? file.FullPath : location.File.Path;
            return Path.GetRelativePath(folder, full).Replace('\\', '/');
        }
    }
}
