using System;
using System.Collections.Generic;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Suppressions
{
    /// <summary>One suppression comment: which rules it names and what it covers (a statement or the whole file).</summary>
    public sealed class Suppression
    {
        public Suppression(SourceFile file, TextSpan span, bool fileWide, IReadOnlyList<string> ruleIds)
        {
            File = file;
            Span = span;
            FileWide = fileWide;
            RuleIds = ruleIds;
        }

        public SourceFile File { get; }

        /// <summary>The comment, in original coordinates.</summary>
        public TextSpan Span { get; }

        public bool FileWide { get; }

        /// <summary>Rule IDs as written, upper-cased ("RG1001").</summary>
        public IReadOnlyList<string> RuleIds { get; }

        /// <summary>Indexes (in the file's statement list) of the statements a statement suppression covers.</summary>
        public List<int> Statements { get; } = new List<int>();
    }

    /// <summary>
    /// Reads suppression comments: <c>-- replicaguard-ignore RG1001, RG2001</c> (or <c>/* ... */</c>) on the
    /// line(s) directly above a statement or at the end of its first line, and <c>-- replicaguard-ignore-file RG1001</c>
    /// anywhere for the whole file. Text after the rule IDs is a free-form reason.
    /// </summary>
    public static class SuppressionParser
    {
        public const string StatementMarker = "replicaguard-ignore";
        public const string FileMarker = "replicaguard-ignore-file";

        /// <summary>The file's suppressions (read while it was parsed: a parsed file does not keep its tokens).</summary>
        public static List<Suppression> Read(ParsedFile parsed) => new List<Suppression>(parsed.Suppressions);

        /// <summary>Reads the suppression comments of a file from its tokens and statements (at parse time).</summary>
        internal static List<Suppression> Read(SourceFile file, TokenList tokens, IReadOnlyList<Syntax.Ast.Statement> statements)
        {
            var result = new List<Suppression>();
            string text = tokens.Text;
            int nextStatement = 0;
            LineMap? lines = null;
            SyntaxKind[] kinds = tokens.Kinds;
            int count = tokens.Count;
            // The comments in token order, merged from two searches of the kinds (vectorised byte searches: most
            // tokens are not comments, and a large file has hundreds of thousands).
            int nextLine = NextKind(kinds, SyntaxKind.LineComment, 0, count);
            int nextBlock = NextKind(kinds, SyntaxKind.BlockComment, 0, count);
            while (nextLine < count || nextBlock < count)
            {
                int i;
                if (nextLine < nextBlock)
                {
                    i = nextLine;
                    nextLine = NextKind(kinds, SyntaxKind.LineComment, i + 1, count);
                }
                else
                {
                    i = nextBlock;
                    nextBlock = NextKind(kinds, SyntaxKind.BlockComment, i + 1, count);
                }
                Token token = tokens[i];
                if (!MentionsMarker(text, token) || !TryParse(text, token, out bool fileWide, out List<string> ids))
                {
                    continue;
                }
                var suppression = new Suppression(file, file.ToOriginal(token.Span), fileWide, ids);
                result.Add(suppression);
                if (!fileWide)
                {
                    while (nextStatement < statements.Count && statements[nextStatement].Span.End <= token.Start)
                    {
                        nextStatement++;
                    }
                    lines ??= new LineMap(text); // of the analysed text, built only when a file has suppressions
                    Attach(tokens, statements, lines, i, nextStatement, suppression);
                }
            }
            return result;
        }

        /// <summary>Index of the first <paramref name="kind"/> token in [<paramref name="from"/>, <paramref name="count"/>), or <paramref name="count"/>.</summary>
        private static int NextKind(SyntaxKind[] kinds, SyntaxKind kind, int from, int count)
        {
            int i = Array.IndexOf(kinds, kind, from, count - from);
            return i < 0 ? count : i;
        }

        /// <summary>Trailing comment: the statements that start earlier on its line. Own line: the statements on the next code line.</summary>
        private static void Attach(TokenList tokens, IReadOnlyList<Syntax.Ast.Statement> statements, LineMap lines, int commentToken, int firstStatementAfter, Suppression suppression)
        {
            string text = tokens.Text;
            Token comment = tokens[commentToken];
            int lineStart = lines.GetLineStart(lines.GetLine(comment.Start));
            int blank = comment.Start;
            while (blank > lineStart && (text[blank - 1] == ' ' || text[blank - 1] == '\t'))
            {
                blank--;
            }
            bool trailing = blank > lineStart;
            if (trailing)
            {
                // Statements that started before the comment on this line (the current one may still be open).
                for (int s = Math.Min(firstStatementAfter, statements.Count - 1); s >= 0; s--)
                {
                    int start = statements[s].Span.Start;
                    if (start >= comment.Start)
                    {
                        continue;
                    }
                    if (start < lineStart)
                    {
                        break;
                    }
                    suppression.Statements.Insert(0, s);
                }
                return;
            }
            // Walk the trivia after the comment: other comments are fine, a blank line ends the search.
            int next = -1;
            for (int t = commentToken + 1; t < tokens.Count; t++)
            {
                Token token = tokens[t];
                if (token.Kind == SyntaxKind.Whitespace)
                {
                    if (CountNewlines(text, token) >= 2)
                    {
                        return;
                    }
                    continue;
                }
                if (token.IsTrivia)
                {
                    continue;
                }
                next = token.Start;
                break;
            }
            int first = firstStatementAfter;
            while (first < statements.Count && statements[first].Span.Start < next)
            {
                first++;
            }
            if (next < 0 || first >= statements.Count || statements[first].Span.Start != next)
            {
                return;
            }
            int lineEnd = text.IndexOf('\n', next);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }
            for (int s = first; s < statements.Count && statements[s].Span.Start < lineEnd; s++)
            {
                suppression.Statements.Add(s);
            }
        }

        private static int CountNewlines(string text, Token token)
        {
            int count = 0;
            for (int i = token.Start; i < token.End; i++)
            {
                if (text[i] == '\n')
                {
                    count++;
                }
            }
            return count;
        }

        /// <summary>
        /// Cheap first test before <see cref="TryParse"/> copies the comment: a suppression holds the statement
        /// marker (which the file marker begins with), in the same case-insensitive comparison TryParse uses.
        /// </summary>
        private static bool MentionsMarker(string text, Token comment)
        {
            return comment.Length >= StatementMarker.Length
                && text.IndexOf(StatementMarker, comment.Start, comment.Length, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>Reads the marker and the rule IDs of a comment; false when it is not a suppression.</summary>
        public static bool TryParse(string text, Token token, out bool fileWide, out List<string> ids)
        {
            fileWide = false;
            ids = new List<string>();
            string body = text.Substring(token.Start, token.Length);
            body = token.Kind == SyntaxKind.LineComment ? body.Substring(2) : body.Substring(2, Math.Max(0, body.Length - (body.EndsWith("*/", StringComparison.Ordinal) ? 4 : 2)));
            body = body.Trim();
            string rest;
            if (StartsWithWord(body, FileMarker))
            {
                fileWide = true;
                rest = body.Substring(FileMarker.Length);
            }
            else if (StartsWithWord(body, StatementMarker))
            {
                rest = body.Substring(StatementMarker.Length);
            }
            else
            {
                return false;
            }
            foreach (string part in rest.Split(new[] { ' ', '\t', ',', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string id = part.TrimEnd(':', ';', '.').ToUpperInvariant();
                if (!IsRuleId(id))
                {
                    break; // the rest is the reason
                }
                ids.Add(id);
            }
            return true;
        }

        private static bool StartsWithWord(string body, string word)
        {
            return body.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                && (body.Length == word.Length || body[word.Length] == ' ' || body[word.Length] == '\t' || body[word.Length] == ':');
        }

        /// <summary>RG followed by four digits.</summary>
        public static bool IsRuleId(string id)
        {
            if (id.Length != 6 || id[0] != 'R' || id[1] != 'G')
            {
                return false;
            }
            for (int i = 2; i < 6; i++)
            {
                if (id[i] < '0' || id[i] > '9')
                {
                    return false;
                }
            }
            return true;
        }
    }
}
