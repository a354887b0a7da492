using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Filters
{
    /// <summary>
    /// A result's identity for baselines: rule ID, object name, file path and a hash of the statement at the
    /// primary location with comments dropped and whitespace collapsed. No line numbers, so edits elsewhere in
    /// the file (or reformatting the statement) keep the fingerprint; changing the statement itself does not.
    /// </summary>
    public sealed class Fingerprints
    {
        private readonly Dictionary<SourceFile, (TokenList Tokens, List<StatementRange> Statements)> _lexed =
            new Dictionary<SourceFile, (TokenList, List<StatementRange>)>();

        public Fingerprint Of(Diagnostic diagnostic, string filePath)
        {
            return new Fingerprint(diagnostic.Id, diagnostic.ObjectName ?? "", filePath, StatementHash(diagnostic.Location));
        }

        public string StatementHash(Location location)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(NormalizedStatement(location)));
            return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
        }

        /// <summary>The statement containing the location's start, as its tokens joined by single spaces.</summary>
        public string NormalizedStatement(Location location)
        {
            if (!_lexed.TryGetValue(location.File, out var lexed))
            {
                TokenList tokens = Lexer.Lex(location.File.OriginalText);
                lexed = (tokens, StatementSplitter.Split(tokens));
                _lexed[location.File] = lexed;
            }
            int position = Math.Max(0, Math.Min(location.Span.Start, location.File.OriginalText.Length));
            int index = FindStatement(lexed.Tokens, lexed.Statements, position);
            var text = new StringBuilder();
            if (index >= 0)
            {
                StatementRange range = lexed.Statements[index];
                for (int i = range.FirstToken; i < range.EndToken; i++)
                {
                    if (lexed.Tokens[i].IsTrivia)
                    {
                        continue;
                    }
                    if (text.Length > 0)
                    {
                        text.Append(' ');
                    }
                    text.Append(lexed.Tokens.GetText(i));
                }
            }
            return text.ToString();
        }

        // Binary search over the ranges, which tile the tokens in order.
        private static int FindStatement(TokenList tokens, List<StatementRange> statements, int position)
        {
            int low = 0, high = statements.Count - 1, found = -1;
            while (low <= high)
            {
                int middle = (low + high) / 2;
                StatementRange range = statements[middle];
                if (range.EndToken <= range.FirstToken || tokens[range.FirstToken].Start <= position)
                {
                    found = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return found;
        }
    }

    /// <summary>One baseline entry's identity.</summary>
    public readonly struct Fingerprint : IEquatable<Fingerprint>
    {
        public Fingerprint(string ruleId, string objectName, string file, string statementHash)
        {
            RuleId = ruleId;
            ObjectName = objectName;
            File = file;
            StatementHash = statementHash;
        }

        public string RuleId { get; }
        public string ObjectName { get; }

        /// <summary>The file's path relative to the baseline file's folder, with '/' separators.</summary>
        public string File { get; }

        public string StatementHash { get; }

        public bool Equals(Fingerprint other) =>
            RuleId == other.RuleId && ObjectName == other.ObjectName && File == other.File && StatementHash == other.StatementHash;

        public override bool Equals(object? obj) => obj is Fingerprint other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuleId, ObjectName, File, StatementHash);
    }
}
