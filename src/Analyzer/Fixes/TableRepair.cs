using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Text;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// A table that lacks an identity often lacks it because PostgreSQL rejected the statement meant to give it
    /// one (RG1003). Its fixes then also delete those rejected statements: they change nothing on the server, and
    /// left in place they still fail the migration. So the fix of the missing identity and the fix of the
    /// rejected statement are one and the same repair, and either leaves the table with no RG1xxx. When the fix
    /// would be inserted right after a rejected statement, it takes that statement's place instead.
    /// </summary>
    public static class TableRepair
    {
        public static List<CodeFix> DeletingRejected(List<CodeFix> fixes, IReadOnlyList<StatementRef> rejected, TableObject table)
        {
            if (rejected.Count == 0)
            {
                return fixes; // the common case: nothing to delete, nothing to copy
            }
            var result = new List<CodeFix>(fixes.Count);
            foreach (CodeFix fix in fixes)
            {
                result.Add(DeletingRejected(fix, rejected, table));
            }
            return result;
        }

        private static CodeFix DeletingRejected(CodeFix fix, IReadOnlyList<StatementRef> rejected, TableObject table)
        {
            var edits = new List<TextEdit>(fix.Edits);
            int replaced = 0;
            foreach (StatementRef statement in rejected)
            {
                SourceFile file = statement.File.File;
                TextSpan span = file.ToOriginal(statement.Statement.Span);
                // Only the fix's own edits can sit right after it (a few; the deletions added here never do).
                int after = -1;
                for (int i = 0; i < fix.Edits.Count && after < 0; i++)
                {
                    TextEdit e = edits[i];
                    if (e.File == file && e.Span.Length == 0 && e.Span.Start == span.End)
                    {
                        after = i;
                    }
                }
                if (after >= 0)
                {
                    edits[after] = new TextEdit(file, span, WithoutLeadingBreak(edits[after].NewText));
                    replaced++;
                }
                else
                {
                    edits.Add(new TextEdit(file, span, ""));
                }
            }
            string what = rejected.Count == 1 ? "the statement" : "the " + rejected.Count + " statements";
            string title = fix.Title + (replaced == rejected.Count && rejected.Count == 1
                ? ", in place of the statement PostgreSQL rejects"
                : ", and delete " + what + " on " + table.QualifiedName + " that PostgreSQL rejects");
            return new CodeFix(title, edits, fix.EquivalenceKey);
        }

        /// <summary>An insertion after a statement starts with its missing ';' and a line break: not needed in its place.</summary>
        private static string WithoutLeadingBreak(string text)
        {
            int start = 0;
            if (start < text.Length && text[start] == ';')
            {
                start++;
            }
            if (start < text.Length && text[start] == '\r')
            {
                start++;
            }
            if (start < text.Length && text[start] == '\n')
            {
                start++;
            }
            return text.Substring(start);
        }
    }
}
