using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Applies a fix to a history and lets the server judge it: the diagnosed failure is gone, no statement newly
    /// fails, and a second analysis reports no RG1xxx for that table.
    /// </summary>
    public static class FixVerifier
    {
        public static readonly string[] VerifiedRules = { "RG1001", "RG1002", "RG1003", "RG1004" };

        public static bool IsSuppression(CodeFix fix) => fix.EquivalenceKey == FixKinds.SuppressStatement || fix.EquivalenceKey == FixKinds.SuppressFile;

        /// <summary>The history with the edits applied; edited files are re-split into statements as the corpus loader does.</summary>
        public static History Apply(History history, IEnumerable<TextEdit> edits, IReadOnlyDictionary<string, string>? placeholders = null)
        {
            var byFile = edits.GroupBy(e => e.File.Path).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Span.Start).ToList());
            var files = new List<HistoryFile>();
            foreach (HistoryFile file in history.Files)
            {
                if (!byFile.TryGetValue(file.Name, out List<TextEdit>? fileEdits))
                {
                    files.Add(file);
                    continue;
                }
                string text = file.Text;
                foreach (TextEdit edit in fileEdits)
                {
                    text = text.Substring(0, edit.Span.Start) + edit.NewText + text.Substring(edit.Span.End);
                }
                string executed = text;
                foreach (KeyValuePair<string, string> p in placeholders ?? new Dictionary<string, string>())
                {
                    executed = executed.Replace(p.Key, p.Value, StringComparison.Ordinal);
                }
                files.Add(new HistoryFile(file.Name, text, Corpus.Split(executed)));
            }
            return new History(files);
        }

        /// <summary>True when re-splitting each file's text gives its statements (so a fixed file is executed as written).</summary>
        public static bool SplitsAsGenerated(History history)
        {
            return history.Files.All(f => Corpus.Split(f.Text).Select(Normalize).SequenceEqual(f.Statements.Select(Normalize)));
        }

        public static string Normalize(string sql)
        {
            string noComments = Regex.Replace(sql, "--[^\n]*", " ");
            return Regex.Replace(noComments, "\\s+", " ").Trim().TrimEnd(';').Trim();
        }

        /// <summary>Does the server show the failure the diagnostic predicts in this run?</summary>
        public static bool ServerShows(Diagnostic d, History history, OracleResult server)
        {
            switch (d.Id)
            {
                case "RG1001":
                    return server.MissingIdentity.Contains(d.ObjectName ?? "");
                case "RG1004":
                    return server.Tables.Any(t => t.Table == d.ObjectName && (t.UpdateDetail != null || t.DeleteDetail != null));
                default:
                    string? statement = DiagnosedStatement(d, history);
                    return statement != null && server.Failed.Any(f => f.FileName == d.Location.File.Path && Normalize(f.Sql) == statement
                        && (d.Id != "RG1002" || f.Message.StartsWith("cannot ", StringComparison.Ordinal)));
            }
        }

        /// <summary>The normalized text of the statement the diagnostic is on (original history).</summary>
        public static string? DiagnosedStatement(Diagnostic d, History history)
        {
            HistoryFile? file = history.Files.FirstOrDefault(f => f.Name == d.Location.File.Path);
            if (file == null)
            {
                return null;
            }
            int at = d.Location.Span.Start;
            int searchFrom = 0;
            foreach (string statement in file.Statements)
            {
                int start = file.Text.IndexOf(statement, searchFrom, StringComparison.Ordinal);
                if (start < 0)
                {
                    return null;
                }
                if (at >= start && at < start + statement.Length)
                {
                    return Normalize(statement);
                }
                searchFrom = start + statement.Length;
            }
            return null;
        }

        /// <summary>Null when the fix is right; otherwise what went wrong.</summary>
        public static string? Check(Diagnostic d, CodeFix fix, History original, OracleResult before, History fixedHistory, OracleResult after, AnalysisSettings settings)
        {
            var problems = new List<string>();
            if (ServerShows(d, original, after))
            {
                problems.Add("the diagnosed failure is still there on the server");
            }
            // A statement that failed before may fail with another message now; only statements that ran before count.
            var previous = before.Failed.Select(f => f.FileName + "|" + Normalize(f.Sql)).ToList();
            foreach (FailedStatement failure in after.Failed)
            {
                string key = failure.FileName + "|" + Normalize(failure.Sql);
                if (!previous.Remove(key))
                {
                    problems.Add("newly failing statement: " + failure);
                }
            }
            foreach (TableProbe probe in after.Tables.Where(t => t.Fails))
            {
                TableProbe? old = before.Tables.FirstOrDefault(t => t.Table == probe.Table);
                if (old == null || !old.Fails)
                {
                    problems.Add("newly failing table probe: " + probe);
                }
            }
            // Re-analysis: one result fewer of the diagnosed rule for the table (none for a table-level rule), and no
            // other RG1xxx result for it that was not there before.
            IReadOnlyList<Diagnostic> earlier = EngineOracle.Analyze(original, settings).Diagnostics;
            IReadOnlyList<Diagnostic> again = EngineOracle.Analyze(fixedHistory, settings).Diagnostics;
            foreach (string id in again.Where(x => x.ObjectName == d.ObjectName && x.Id.StartsWith("RG1", StringComparison.Ordinal)).Select(x => x.Id).Distinct())
            {
                int countBefore = earlier.Count(x => x.Id == id && x.ObjectName == d.ObjectName);
                int countAfter = again.Count(x => x.Id == id && x.ObjectName == d.ObjectName);
                bool tableLevel = id == "RG1001" || id == "RG1004";
                if (id == d.Id ? (tableLevel ? countAfter > 0 : countAfter >= countBefore) : countAfter > countBefore)
                {
                    problems.Add("re-analysis still reports " + again.First(x => x.Id == id && x.ObjectName == d.ObjectName));
                }
            }
            if (problems.Count == 0)
            {
                return null;
            }
            var text = new StringBuilder();
            text.AppendLine("---- " + d);
            text.AppendLine("SUMMARY " + d.Id + " " + fix.EquivalenceKey + ": " + problems[0]);
            text.AppendLine("fix: " + fix.Title + " [" + fix.EquivalenceKey + "]");
            foreach (string problem in problems)
            {
                text.AppendLine("  " + problem);
            }
            text.AppendLine("-- original history:");
            text.AppendLine(original.ToSql().TrimEnd());
            text.AppendLine("-- fixed history:");
            text.AppendLine(fixedHistory.ToSql().TrimEnd());
            return text.ToString();
        }
    }
}
