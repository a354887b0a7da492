using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Fixes
{
    /// <summary>Small text helpers every fix uses: names as SQL, the file's line ending, insertion points.</summary>
    public static class FixText
    {
        /// <summary>schema.table, each part quoted only when PostgreSQL would not read it back unquoted.</summary>
        public static string Qualified(TableObject table) => Identifiers.Quote(table.Schema.Name) + "." + Identifiers.Quote(table.Name);

        private static readonly ConditionalWeakTable<SourceFile, string> LineEndings = new ConditionalWeakTable<SourceFile, string>();

        /// <summary>The file's dominant line ending ("\r\n" when most breaks are CRLF, else "\n"); counted once per file.</summary>
        public static string LineEnding(SourceFile file) => LineEndings.GetValue(file, CountLineEndings);

        private static string CountLineEndings(SourceFile file)
        {
            string text = file.OriginalText;
            int crlf = 0, lf = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    if (i > 0 && text[i - 1] == '\r')
                    {
                        crlf++;
                    }
                    else
                    {
                        lf++;
                    }
                }
            }
            return crlf > lf ? "\r\n" : "\n";
        }

        /// <summary>
        /// The end of a key or unique-index fix's title: " (fails if existing rows have duplicate values or NULL in a)",
        /// or "" when existing rows cannot make it fail.
        /// </summary>
        public static string FailureRisk(bool duplicates, List<string> nullable)
        {
            var risk = new List<string>();
            if (duplicates)
            {
                risk.Add("duplicate values");
            }
            if (nullable.Count > 0)
            {
                risk.Add("NULL in " + string.Join(", ", nullable.ToArray()));
            }
            return risk.Count == 0 ? "" : " (fails if existing rows have " + string.Join(" or ", risk.ToArray()) + ")";
        }

        /// <summary>Inserts new statements on the lines right after a statement (adding its missing ';' first).</summary>
        public static TextEdit InsertAfter(StatementRef statement, string sql)
        {
            SourceFile file = statement.File.File;
            TextSpan span = file.ToOriginal(statement.Statement.Span);
            string prefix = statement.Statement.SemicolonToken < 0 ? ";" : "";
            return new TextEdit(file, new TextSpan(span.End, 0), prefix + LineEnding(file) + sql);
        }

        /// <summary>Inserts new statements on their own line(s) right before a statement, with its indentation.</summary>
        public static TextEdit InsertBefore(StatementRef statement, string sql)
        {
            SourceFile file = statement.File.File;
            TextSpan span = file.ToOriginal(statement.Statement.Span);
            string text = file.OriginalText;
            int lineStart = file.Lines.GetLineStart(file.Lines.GetLine(span.Start));
            int blank = span.Start;
            while (blank > lineStart && (text[blank - 1] == ' ' || text[blank - 1] == '\t'))
            {
                blank--;
            }
            bool atLineStart = blank == lineStart;
            string indent = atLineStart ? text.Substring(lineStart, span.Start - lineStart) : "";
            return new TextEdit(file, new TextSpan(span.Start, 0), sql + LineEnding(file) + indent);
        }
    }
}
