using System;
using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Rules;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Suppressions
{
    /// <summary>
    /// Removes the diagnostics that suppression comments cover (by primary location) and reports every
    /// suppression that covers nothing as RG9003, so stale ones are found.
    /// </summary>
    public static class SuppressionFilter
    {
        public static List<Diagnostic> Apply(IReadOnlyList<ParsedFile> files, IReadOnlyList<Diagnostic> diagnostics, RuleContext context)
        {
            return Apply(files, diagnostics, context, SuppressionParser.Read);
        }

        /// <param name="readSuppressions">Reads a file's suppressions (an incremental analysis keeps them per parsed file).</param>
        internal static List<Diagnostic> Apply(IReadOnlyList<ParsedFile> files, IReadOnlyList<Diagnostic> diagnostics, RuleContext context, Func<ParsedFile, List<Suppression>> readSuppressions)
        {
            var byFile = new Dictionary<SourceFile, FileSuppressions>();
            foreach (ParsedFile file in files)
            {
                List<Suppression> read = readSuppressions(file);
                if (read.Count > 0 && !byFile.ContainsKey(file.File))
                {
                    byFile[file.File] = new FileSuppressions(file, read);
                }
            }
            var used = new HashSet<KeyValuePair<Suppression, string>>();
            var kept = new List<Diagnostic>(diagnostics.Count);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (byFile.TryGetValue(diagnostic.Location.File, out FileSuppressions? suppressions)
                    && suppressions.Covering(diagnostic, out Suppression? by))
                {
                    used.Add(new KeyValuePair<Suppression, string>(by!, diagnostic.Id));
                    continue;
                }
                kept.Add(diagnostic);
            }
            foreach (FileSuppressions file in byFile.Values)
            {
                foreach (Suppression suppression in file.All)
                {
                    ReportUnused(suppression, used, context);
                }
            }
            kept.AddRange(context.Diagnostics);
            return kept;
        }

        private static void ReportUnused(Suppression suppression, HashSet<KeyValuePair<Suppression, string>> used, RuleContext context)
        {
            var location = new Location(suppression.File, suppression.Span);
            string what = suppression.FileWide ? "file" : "statement";
            if (suppression.RuleIds.Count == 0)
            {
                context.Report(RuleCatalog.RG9003, "This " + what + " suppression names no rule ID; write the IDs to suppress, e.g. -- " + (suppression.FileWide ? SuppressionParser.FileMarker : SuppressionParser.StatementMarker) + " RG1001.", location, null, fixes: RemoveFix(location));
                return;
            }
            if (!suppression.FileWide && suppression.Statements.Count == 0)
            {
                context.Report(RuleCatalog.RG9003, "This suppression is not directly above a statement nor at the end of a statement's first line, so it suppresses nothing.", location, null, fixes: RemoveFix(location));
                return;
            }
            foreach (string id in suppression.RuleIds)
            {
                RuleDescriptor? rule = RuleCatalog.Find(id);
                if (rule == null)
                {
                    context.Report(RuleCatalog.RG9003, "Suppression of " + id + ": there is no such rule.", location, null, fixes: RemoveFix(location));
                }
                else if (context.SeverityOf(rule) != Severity.None && !used.Contains(new KeyValuePair<Suppression, string>(suppression, id)))
                {
                    context.Report(RuleCatalog.RG9003, "Suppression of " + id + " for this " + what + " suppresses nothing any more; remove it.", location, null, fixes: RemoveFix(location));
                }
            }
        }

        private static CodeFix[] RemoveFix(Location location)
        {
            return new[] { new CodeFix("Remove this suppression comment", new[] { new TextEdit(location.File, location.Span, "") }, FixKinds.RemoveSuppression) };
        }

        /// <summary>A file's suppressions, indexed by statement so each diagnostic costs a binary search.</summary>
        private sealed class FileSuppressions
        {
            private readonly int[] _starts;
            private readonly int[] _ends;
            private readonly Dictionary<int, List<Suppression>> _byStatement = new Dictionary<int, List<Suppression>>();
            private readonly List<Suppression> _fileWide = new List<Suppression>();

            public FileSuppressions(ParsedFile file, List<Suppression> all)
            {
                All = all;
                _starts = new int[file.Statements.Count];
                _ends = new int[file.Statements.Count];
                for (int i = 0; i < file.Statements.Count; i++)
                {
                    TextSpan span = file.File.ToOriginal(file.Statements[i].Span);
                    _starts[i] = span.Start;
                    _ends[i] = span.End;
                }
                foreach (Suppression suppression in all)
                {
                    if (suppression.FileWide)
                    {
                        _fileWide.Add(suppression);
                        continue;
                    }
                    foreach (int statement in suppression.Statements)
                    {
                        if (!_byStatement.TryGetValue(statement, out List<Suppression>? list))
                        {
                            _byStatement[statement] = list = new List<Suppression>();
                        }
                        list.Add(suppression);
                    }
                }
            }

            public List<Suppression> All { get; }

            public bool Covering(Diagnostic diagnostic, out Suppression? by)
            {
                int statement = StatementAt(diagnostic.Location.Span.Start);
                if (statement >= 0 && _byStatement.TryGetValue(statement, out List<Suppression>? list) && Find(list, diagnostic.Id, out by))
                {
                    return true;
                }
                return Find(_fileWide, diagnostic.Id, out by);
            }

            private static bool Find(List<Suppression> list, string id, out Suppression? by)
            {
                foreach (Suppression suppression in list)
                {
                    foreach (string named in suppression.RuleIds)
                    {
                        if (named == id)
                        {
                            by = suppression;
                            return true;
                        }
                    }
                }
                by = null;
                return false;
            }

            private int StatementAt(int position)
            {
                int lo = 0, hi = _starts.Length - 1, found = -1;
                while (lo <= hi)
                {
                    int mid = (lo + hi) / 2;
                    if (_starts[mid] <= position)
                    {
                        found = mid;
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid - 1;
                    }
                }
                return found >= 0 && position <= _ends[found] ? found : -1;
            }
        }
    }
}
