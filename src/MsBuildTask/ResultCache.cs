using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace ReplicaGuard.MsBuild
{
    /// <summary>What the task logged for one result, exactly as it was logged (the severity policy already applied).</summary>
    internal sealed class LoggedResult
    {
        public LoggedResult(char kind, string code, string helpLink, string file, int line, int column, int endLine, int endColumn, string message)
        {
            Kind = kind;
            Code = code;
            HelpLink = helpLink;
            File = file;
            Line = line;
            Column = column;
            EndLine = endLine;
            EndColumn = endColumn;
            Message = message;
        }

        public const char ErrorKind = 'E';
        public const char WarningKind = 'W';
        public const char MessageKind = 'M';

        public char Kind { get; }
        public string Code { get; }
        public string HelpLink { get; }
        public string File { get; }
        public int Line { get; }
        public int Column { get; }
        public int EndLine { get; }
        public int EndColumn { get; }
        public string Message { get; }
    }

    /// <summary>
    /// The results of the last completed run, keyed by everything that decides them: the task and engine builds,
    /// every setting, and the path, size and last-write time of the config and of each migration (the same evidence
    /// MSBuild's own up-to-date checks use). A build whose key matches re-logs the stored results without loading the
    /// engine's code paths (no JIT, no analysis): an unchanged project with errors still fails, cheaply. Any edit,
    /// added or removed file, or changed setting changes the key and the engine runs again.
    /// The file is text: the key lines, a "--" line, one tab-separated line per result, and an "end N" line, so a
    /// file cut short by a crash is never taken for a complete one.
    /// </summary>
    internal static class ResultCache
    {
        private const string Header = "replicaguard-results 1";
        private const string Separator = "--";

        /// <summary>The key for these inputs; one "name=value" line each, so no line can be the separator.</summary>
        public static string Key(IReadOnlyList<string> buildIds, IReadOnlyList<KeyValuePair<string, string?>> settings, string? configFile, IReadOnlyList<string> migrationPaths)
        {
            var key = new StringBuilder();
            key.Append(Header).Append('\n');
            foreach (string id in buildIds)
            {
                key.Append("build=").Append(Escape(id)).Append('\n');
            }
            foreach (KeyValuePair<string, string?> setting in settings)
            {
                key.Append(setting.Key).Append('=').Append(Escape(setting.Value ?? "")).Append('\n');
            }
            key.Append("config=").Append(Escape(FileStamp(configFile))).Append('\n');
            foreach (string path in migrationPaths)
            {
                key.Append("file=").Append(Escape(FileStamp(path))).Append('\n');
            }
            return key.ToString();
        }

        /// <summary>"path|size|last-write ticks (UTC)", "path|missing", or "" for no file.</summary>
        private static string FileStamp(string? path)
        {
            if (string.IsNullOrEmpty(path)) return "";
            var info = new FileInfo(path);
            if (!info.Exists) return path + "|missing";
            return path + "|" + info.Length.ToString(CultureInfo.InvariantCulture) + "|" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The stored results when the file exists, is complete and was written for exactly this key; null otherwise.</summary>
        public static List<LoggedResult>? TryRead(string path, string key)
        {
            string text;
            try
            {
                if (!File.Exists(path)) return null;
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
            string prefix = key + Separator + "\n";
            if (!text.StartsWith(prefix, StringComparison.Ordinal)) return null;

            var results = new List<LoggedResult>();
            string[] lines = text.Substring(prefix.Length).Split('\n');
            // The last element is the empty string after the final newline; the one before it must be "end N".
            if (lines.Length < 2 || lines[lines.Length - 1].Length != 0) return null;
            for (int i = 0; i < lines.Length - 2; i++)
            {
                LoggedResult? result = ParseResult(lines[i]);
                if (result == null) return null;
                results.Add(result);
            }
            string end = lines[lines.Length - 2];
            return end == "end " + results.Count.ToString(CultureInfo.InvariantCulture) ? results : null;
        }

        /// <summary>Writes the results for this key; a failure to write only costs the next build a full run.</summary>
        public static void Write(string path, string key, IReadOnlyList<LoggedResult> results)
        {
            var text = new StringBuilder(key);
            text.Append(Separator).Append('\n');
            foreach (LoggedResult r in results)
            {
                text.Append(r.Kind).Append('\t')
                    .Append(Escape(r.Code)).Append('\t')
                    .Append(Escape(r.HelpLink)).Append('\t')
                    .Append(Escape(r.File)).Append('\t')
                    .Append(r.Line.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(r.Column.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(r.EndLine.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(r.EndColumn.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(Escape(r.Message)).Append('\n');
            }
            text.Append("end ").Append(results.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');

            string? folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        }

        public static void Delete(string path)
        {
            if (File.Exists(path)) File.Delete(path);
        }

        private static LoggedResult? ParseResult(string line)
        {
            string[] f = line.Split('\t');
            if (f.Length != 9 || f[0].Length != 1) return null;
            char kind = f[0][0];
            if (kind != LoggedResult.ErrorKind && kind != LoggedResult.WarningKind && kind != LoggedResult.MessageKind) return null;
            if (!TryInt(f[4], out int l) || !TryInt(f[5], out int c) || !TryInt(f[6], out int el) || !TryInt(f[7], out int ec)) return null;
            return new LoggedResult(kind, Unescape(f[1]), Unescape(f[2]), Unescape(f[3]), l, c, el, ec, Unescape(f[8]));
        }

        private static bool TryInt(string s, out int value) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        /// <summary>Backslash escapes for the characters that separate fields and lines.</summary>
        internal static string Escape(string value)
        {
            if (value.IndexOfAny(Special) < 0) return value;
            var s = new StringBuilder(value.Length + 8);
            foreach (char ch in value)
            {
                switch (ch)
                {
                    case '\\': s.Append("\\\\"); break;
                    case '\t': s.Append("\\t"); break;
                    case '\n': s.Append("\\n"); break;
                    case '\r': s.Append("\\r"); break;
                    default: s.Append(ch); break;
                }
            }
            return s.ToString();
        }

        internal static string Unescape(string value)
        {
            if (value.IndexOf('\\') < 0) return value;
            var s = new StringBuilder(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                char ch = value[i];
                if (ch != '\\' || i + 1 == value.Length)
                {
                    s.Append(ch);
                    continue;
                }
                char next = value[++i];
                s.Append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            }
            return s.ToString();
        }

        private static readonly char[] Special = { '\\', '\t', '\n', '\r' };
    }
}
