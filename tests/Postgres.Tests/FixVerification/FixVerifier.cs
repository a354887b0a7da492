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

        /// <summary>
        /// The fix's edits as verified. A fix whose title says existing rows could make it fail is promised to work on
        /// an empty table (design.md, "Fixes"); a generated table created AS SELECT holds a row, so the table is
        /// emptied (TRUNCATE, which no replica identity restricts) right before each ALTER TABLE the fix inserts.
        /// </summary>
        public static IReadOnlyList<TextEdit> OnEmptyTable(CodeFix fix)
        {
            if (fix.Title.IndexOf("fails if existing rows", StringComparison.Ordinal) < 0)
            {
                return fix.Edits;
            }
            return fix.Edits.Select(e =>
            {
                Match alter = Regex.Match(e.NewText, "ALTER TABLE (\\S+) ");
                return alter.Success
                    ? new TextEdit(e.File, e.Span, e.NewText.Substring(0, alter.Index) + "TRUNCATE " + alter.Groups[1].Value + " CASCADE; " + e.NewText.Substring(alter.Index))
                    : e;
            }).ToList();
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
        /// <param name="ran">The history the server ran when it is not <paramref name="history"/> (a fixed one): the
        /// diagnosed statement is found there as the same occurrence of its text in its file (a file may repeat a
        /// DELETE; a fix inserts no DML).</param>
        public static bool ServerShows(Diagnostic d, History history, OracleResult server, History? ran = null)
        {
            switch (d.Id)
            {
                case "RG1001":
                    return server.MissingIdentity.Contains(d.ObjectName ?? "");
                case "RG1004":
                    return server.Tables.Any(t => t.Table == d.ObjectName && (t.UpdateDetail != null || t.DeleteDetail != null));
                default:
                    string? statement = DiagnosedStatement(d, history);
                    int index = statement == null ? -1 : IndexInRun(d, history, ran ?? history, statement);
                    return statement != null && server.Failed.Any(f => f.FileName == d.Location.File.Path && Normalize(f.Sql) == statement
                        && (index < 0 || f.StatementIndex == index)
                        && (d.Id != "RG1002" || f.Message.StartsWith("cannot ", StringComparison.Ordinal)));
            }
        }

        /// <summary>
        /// A table's repair: the DML statement of an RG1002 result still fails, but on ANOTHER leaf (a DELETE through a
        /// partitioned parent reaches every partition; the server names only the first leaf that fails), and a fresh
        /// analysis of the repaired history reports exactly that: an RG1002 on the named leaf at this statement. That
        /// leaf's failure is its own table's result (repaired and verified with it); the diagnosed leaf's is gone.
        /// </summary>
        private static bool IsAnotherLeafsFailure(Diagnostic d, History original, OracleResult after, History current, IReadOnlyList<Diagnostic> reanalysis)
        {
            string? statement = DiagnosedStatement(d, original);
            if (d.Id != "RG1002" || statement == null || d.ObjectName == null)
            {
                return false;
            }
            string leaf = d.ObjectName.Substring(d.ObjectName.LastIndexOf('.') + 1);
            foreach (FailedStatement failure in after.Failed.Where(f => f.FileName == d.Location.File.Path && Normalize(f.Sql) == statement))
            {
                Match named = Regex.Match(failure.Message, "^cannot (?:update|delete from) table \"([^\"]+)\"");
                if (!named.Success)
                {
                    return false;
                }
                // The message names no schema: a leaf of the same name in another schema (Mixed.foo under public.foo)
                // counts as another leaf only when the re-analysis no longer reports the diagnosed table there.
                if (named.Groups[1].Value == leaf && reanalysis.Any(r => r.Id == "RG1002" && r.ObjectName == d.ObjectName
                    && r.Location.File.Path == d.Location.File.Path && DiagnosedStatement(r, current) == statement))
                {
                    return false;
                }
                // Results name the table by its final name (one table, one name for `fix`), the message by its name
                // at the statement: a later RENAME makes them differ.
                bool explained = reanalysis.Any(r => r.Id == "RG1002" && r.ObjectName != null && r.ObjectName != d.ObjectName
                    && (r.ObjectName.EndsWith("." + named.Groups[1].Value, StringComparison.Ordinal)
                        || Regex.IsMatch(r.Message, "^This .+? on [^ ]+\\." + Regex.Escape(named.Groups[1].Value) + "[ (]"))
                    && r.Location.File.Path == d.Location.File.Path && DiagnosedStatement(r, current) == statement);
                if (!explained)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// The index, among the statements <paramref name="ran"/> executes in the diagnosed file, of the diagnosed
        /// statement: the same occurrence of its normalized text as in <paramref name="history"/>. -1 when unknown.
        /// </summary>
        private static int IndexInRun(Diagnostic d, History history, History ran, string statement)
        {
            HistoryFile? file = history.Files.FirstOrDefault(f => f.Name == d.Location.File.Path);
            HistoryFile? ranFile = ran.Files.FirstOrDefault(f => f.Name == d.Location.File.Path);
            if (file == null || ranFile == null)
            {
                return -1;
            }
            int occurrence = Occurrence(d, history, statement);
            for (int i = 0; i < ranFile.Statements.Count && occurrence >= 0; i++)
            {
                if (Normalize(ranFile.Statements[i]) == statement && occurrence-- == 0)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Which occurrence (0 = first) of its normalized text in its file the diagnosed statement is; -1 when unknown.</summary>
        private static int Occurrence(Diagnostic d, History history, string statement)
        {
            HistoryFile? file = history.Files.FirstOrDefault(f => f.Name == d.Location.File.Path);
            if (file == null)
            {
                return -1;
            }
            int at = d.Location.Span.Start, searchFrom = 0, occurrence = -1;
            foreach (string s in file.Statements)
            {
                int start = file.Text.IndexOf(s, searchFrom, StringComparison.Ordinal);
                if (start < 0 || start > at)
                {
                    break;
                }
                if (Normalize(s) == statement)
                {
                    occurrence++;
                }
                searchFrom = start + s.Length;
            }
            return occurrence;
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

        private static bool IsStatementLevel(Diagnostic d) => d.Id == "RG1002" || d.Id == "RG1003";

        /// <summary>
        /// A failing statement (an UPDATE/DELETE, RG1002, or a rejected identity statement, RG1003) and the table's state
        /// at the end of the history (RG1001, RG1004) are independent problems: a table fix goes after the table's last
        /// change, so it cannot repair DML that runs earlier; a fix placed before the DML cannot stop a later statement
        /// from taking the identity away again; deleting a rejected statement changes no identity.
        /// </summary>
        private static bool IsStatementVersusEnd(Diagnostic d, Diagnostic still) =>
            (IsEndOfHistory(d) && IsStatementLevel(still)) || (IsStatementLevel(d) && IsEndOfHistory(still));

        /// <summary>Results about the table's state at the end of the history: no identity (RG1001), or one a publication's filter or list does not fit (RG1004).</summary>
        private static bool IsEndOfHistory(Diagnostic d) => d.Id == "RG1001" || d.Id == "RG1004";

        /// <summary>A result at a statement other than d's (or of another rule) that the original analysis reported the same way.</summary>
        private static bool IsOtherResultReportedBefore(Diagnostic still, Diagnostic d, History fixedHistory, IReadOnlyList<Diagnostic> earlier, History original, bool fixDeletesIt)
        {
            string? statement = DiagnosedStatement(still, fixedHistory);
            // A file may repeat a statement (DELETE FROM t twice): statements are told apart by text and occurrence.
            int occurrence = statement == null ? -1 : Occurrence(still, fixedHistory, statement);
            bool sameText = still.Location.File.Path == d.Location.File.Path && statement == DiagnosedStatement(d, original);
            bool sameAsDiagnosed = still.Id == d.Id && sameText && occurrence == Occurrence(d, original, statement!);
            if (fixDeletesIt && sameText)
            {
                // The diagnosed statement is gone: identical ones after it moved up one occurrence.
                sameAsDiagnosed = false;
                if (occurrence >= Occurrence(d, original, statement!))
                {
                    occurrence++;
                }
            }
            if (still.Id == "RG1001" && d.Id != "RG1001")
            {
                // The end-of-history result: one per table, located at its latest cause, which moves when a fix
                // removes another cause (a key added before a DML that a later REPLICA IDENTITY NOTHING undoes). It
                // may change rule too: a statement's fix that takes a filtered publication away leaves the table
                // without identity under the others (RG1004 before, RG1001 now), failing at the end as before.
                return earlier.Any(e => IsEndOfHistory(e) && e.ObjectName == still.ObjectName);
            }
            return statement != null && !sameAsDiagnosed
                && earlier.Any(e => e.Id == still.Id && e.ObjectName == still.ObjectName && e.Location.File.Path == still.Location.File.Path
                    && DiagnosedStatement(e, original) == statement && Occurrence(e, original, statement) == occurrence);
        }

        /// <summary>
        /// The table's repair as a user gets it: `replicaguard fix` applies the recommended fix of the table's first
        /// result in RepairOrder and is run again while RG1xxx results with a fix remain (at most one round per original result,
        /// plus one). Then every failure diagnosed on the table is gone on the server, no statement or probe newly
        /// fails, and a fresh analysis reports no RG1xxx for the table. Null when so; otherwise what went wrong.
        /// </summary>
        public static string? CheckTableRepair(string table, IReadOnlyList<Diagnostic> diagnosed, History original, OracleResult before, Func<History, OracleResult> run, AnalysisSettings settings)
        {
            History current = original;
            var applied = new List<string>();
            for (int round = 0; round <= diagnosed.Count; round++)
            {
                Diagnostic? next = RepairOrder.ForRepair(StillReported(table, current, settings)).FirstOrDefault(x => x.Fixes.Count > 0 && !IsSuppression(x.Fixes[0]));
                if (next == null)
                {
                    break;
                }
                applied.Add(next.Id + ": " + next.Fixes[0].Title);
                current = Apply(current, OnEmptyTable(next.Fixes[0]));
            }
            OracleResult after = run(current);
            var problems = new List<string>();
            IReadOnlyList<Diagnostic> reanalysis = EngineOracle.Analyze(current, settings).Diagnostics;
            foreach (Diagnostic d in diagnosed.Where(d => ServerShows(d, original, after, current) && !IsAnotherLeafsFailure(d, original, after, current, reanalysis)))
            {
                string? statement = DiagnosedStatement(d, original);
                string server = string.Join("; ", after.Failed.Where(f => f.FileName == d.Location.File.Path && Normalize(f.Sql) == statement).Select(f => f.Message));
                problems.Add("the diagnosed failure is still there on the server: " + d + (server.Length > 0 ? " (server: " + server + ")" : ""));
            }
            problems.AddRange(NewFailures(before, after));
            foreach (Diagnostic still in StillReported(table, current, settings))
            {
                problems.Add("re-analysis still reports " + still);
            }
            if (problems.Count == 0)
            {
                return null;
            }
            var text = new StringBuilder();
            text.AppendLine("---- table " + table + " with " + diagnosed.Count + " results");
            text.AppendLine("SUMMARY table repair: " + problems[0]);
            foreach (string fix in applied)
            {
                text.AppendLine("fix: " + fix);
            }
            foreach (string problem in problems)
            {
                text.AppendLine("  " + problem);
            }
            text.AppendLine("-- original history:");
            text.AppendLine(original.ToSql().TrimEnd());
            text.AppendLine("-- fixed history:");
            text.AppendLine(current.ToSql().TrimEnd());
            return text.ToString();
        }

        /// <summary>Statements that ran before and fail now, and table probes that newly fail.</summary>
        private static IEnumerable<string> NewFailures(OracleResult before, OracleResult after)
        {
            // A statement that failed before may fail with another message now; only statements that ran before count.
            var previous = before.Failed.Select(f => f.FileName + "|" + Normalize(f.Sql)).ToList();
            foreach (FailedStatement failure in after.Failed)
            {
                if (!previous.Remove(failure.FileName + "|" + Normalize(failure.Sql)))
                {
                    yield return "newly failing statement: " + failure;
                }
            }
            foreach (TableProbe probe in after.Tables.Where(t => t.Fails))
            {
                TableProbe? old = before.Tables.FirstOrDefault(t => t.Table == probe.Table);
                if (old == null || !old.Fails)
                {
                    yield return "newly failing table probe: " + probe;
                }
            }
        }

        /// <summary>
        /// The fix replaces the whole diagnosed statement (a rejected statement deleted or replaced): it is gone, so a
        /// failure of an identical statement elsewhere in the file is that statement's own (its occurrence number shifts).
        /// </summary>
        private static bool Deletes(CodeFix fix, Diagnostic d)
        {
            return fix.Edits.Any(e => e.File.Path == d.Location.File.Path && e.Span.Length > 0
                && e.Span.Start <= d.Location.Span.Start && d.Location.Span.End <= e.Span.End);
        }

        /// <summary>The RG1xxx results a fresh analysis of the history reports for the table.</summary>
        public static IEnumerable<Diagnostic> StillReported(string? table, History history, AnalysisSettings settings)
        {
            return EngineOracle.Analyze(history, settings).Diagnostics.Where(x => x.ObjectName == table && x.Id.StartsWith("RG1", StringComparison.Ordinal));
        }

        /// <summary>Null when the fix is right; otherwise what went wrong.</summary>
        public static string? Check(Diagnostic d, CodeFix fix, History original, OracleResult before, History fixedHistory, OracleResult after, AnalysisSettings settings)
        {
            var problems = new List<string>();
            if (!Deletes(fix, d) && ServerShows(d, original, after, fixedHistory))
            {
                problems.Add("the diagnosed failure is still there on the server");
            }
            problems.AddRange(NewFailures(before, after));
            // Re-analysis, strict as issue 3 says: no RG1xxx for that table. What a single fix is not asked to
            // repair: ANOTHER failing statement (the fix of a rejected statement, RG1002/RG1003, may leave a different
            // statement on the table that the first analysis already reported failing, with the same rule), and
            // results about ANOTHER table of the same name (a name reused after DROP TABLE or a rename: results name
            // tables by name). Such tables are verified whole by CheckTableRepair (every recommended fix of every
            // result with that name, as `replicaguard fix` applies them), which allows nothing. Anything else left
            // over, and anything new, fails.
            AnalysisResult earlier = EngineOracle.Analyze(original, settings);
            bool sharedName = earlier.Catalog.AllTables.Count(t => t.QualifiedName == d.ObjectName) > 1;
            foreach (Diagnostic still in StillReported(d.ObjectName, fixedHistory, settings))
            {
                bool independent = (sharedName || (IsStatementLevel(d) && IsStatementLevel(still)) || IsStatementVersusEnd(d, still))
                    && IsOtherResultReportedBefore(still, d, fixedHistory, earlier.Diagnostics, original, Deletes(fix, d));
                if (!independent)
                {
                    problems.Add("re-analysis still reports " + still);
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
