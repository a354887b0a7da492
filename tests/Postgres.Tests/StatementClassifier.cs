using System;
using System.Text.RegularExpressions;

namespace ReplicaGuard.Tests
{
    /// <summary>Small textual decisions the oracle makes about a statement before sending it.</summary>
    public static class StatementClassifier
    {
        private static readonly Regex NoTransactionBlock = new Regex(
            @"^\s*(CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY|DROP\s+INDEX\s+CONCURRENTLY|REINDEX\b.*\bCONCURRENTLY|VACUUM\b|CREATE\s+DATABASE\b|DROP\s+DATABASE\b)",
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private static readonly Regex TransactionControl = new Regex(
            @"^(BEGIN|COMMIT|END|ROLLBACK|ABORT|START\s+TRANSACTION|SAVEPOINT|RELEASE)\b\s*(TRANSACTION\b|WORK\b)?\s*(ISOLATION\b.*|READ\b.*|AND\b.*)?;?\s*$",
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private static readonly Regex CopyFromStdin = new Regex(
            @"^\s*COPY\b[^;]*\bFROM\s+STDIN\b[^;]*;[ \t]*\r?\n",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex UpdateOrDelete = new Regex(@"^(UPDATE|DELETE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>An UPDATE or DELETE statement (what the server checks against the replica identity).</summary>
        public static bool IsUpdateOrDelete(string sql) => UpdateOrDelete.IsMatch(StripLeadingTrivia(sql));

        /// <summary>Statements that refuse to run inside a transaction block.</summary>
        public static bool IsConcurrently(string sql) => NoTransactionBlock.IsMatch(StripLeadingTrivia(sql));

        /// <summary>
        /// Not sent: empty statements, psql meta-commands, and transaction control (the oracle owns the
        /// transaction; a file's COMMIT would end it).
        /// </summary>
        public static bool ShouldSkip(string sql)
        {
            string body = StripLeadingTrivia(sql);
            return body.Length == 0 || body == ";" || body[0] == '\\' || TransactionControl.IsMatch(body);
        }

        /// <summary>COPY ... FROM stdin followed by its data lines: the command and the data (without the \. line).</summary>
        public static bool TrySplitCopy(string sql, out string command, out string data)
        {
            string body = StripLeadingTrivia(sql);
            Match match = CopyFromStdin.Match(body);
            if (!match.Success)
            {
                command = "";
                data = "";
                return false;
            }
            command = body.Substring(0, match.Length).TrimEnd().TrimEnd(';');
            string rest = body.Substring(match.Length);
            int end = rest.IndexOf("\n\\.", StringComparison.Ordinal);
            if (rest.StartsWith("\\.", StringComparison.Ordinal))
            {
                end = -2;
            }
            data = end == -2 ? "" : end >= 0 ? rest.Substring(0, end + 1) : rest;
            return true;
        }

        /// <summary>Drops leading whitespace, -- comments and /* */ comments (nested).</summary>
        public static string StripLeadingTrivia(string sql)
        {
            int i = 0;
            while (i < sql.Length)
            {
                if (char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }
                else if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                {
                    int nl = sql.IndexOf('\n', i);
                    i = nl < 0 ? sql.Length : nl + 1;
                }
                else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                {
                    int depth = 1;
                    i += 2;
                    while (i < sql.Length && depth > 0)
                    {
                        if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                        {
                            depth++;
                            i += 2;
                        }
                        else if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
                        {
                            depth--;
                            i += 2;
                        }
                        else
                        {
                            i++;
                        }
                    }
                }
                else
                {
                    break;
                }
            }
            return sql.Substring(i).TrimEnd();
        }
    }
}
