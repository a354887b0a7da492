using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Lexer.LexInHalves (a large file's second half lexed on another thread) must give exactly the tokens,
    /// significant indexes and statement ranges of one lexer over the whole text, wherever the split falls: between
    /// statements (the halves are joined) or inside a string, a routine body, parentheses or COPY data (not joined).
    /// </summary>
    [TestClass]
    public sealed class LexerHalvesTests
    {
        private static readonly string[] Texts =
        {
            "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (x int);\n\nALTER TABLE b REPLICA IDENTITY FULL;\n",
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN NEW;\nEND;\n$$;\nCREATE TABLE t (id int);\n",
            "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;\nSELECT 2;\nEND;\nCREATE TABLE u (id int);\n",
            "COPY t (a) FROM stdin;\n1;\n2;\n\\.\nCREATE TABLE v (id int);\nCOPY v FROM STDIN;\n",
            "SELECT 'a;\nb';\n/* x;\n */ CREATE TABLE w (id int);\n-- c;\nSELECT \"q;\n\";\n",
            "CREATE TABLE p (a int CHECK (a > 0\n;\n));\nSELECT 1;\n",
            "\\set x 1\nSELECT 1;\n\\connect db\nCREATE TABLE m (id int);\n",
            "\uFEFFCREATE TABLE bom (id int);\nSELECT 1;\nSELECT 2",
            "SELECT 1;\n;\n;\nSELECT E'\\';\n';\nSELECT $tag$;\n$tag$;\n",
        };

        [TestMethod]
        public void EverySplitGivesTheTokensOfOneLexer()
        {
            int joins = 0;
            foreach (string text in Texts)
            {
                string expected = Describe(Lexer.Lex(text, out List<StatementRange> ranges), ranges);
                for (int split = 1; split < text.Length; split++)
                {
                    TokenList tokens = Lexer.LexInHalves(text, split, new LexBuffers(), out List<StatementRange> halves, out bool joined, Lexer.SecondHalfSchedule.BeforeFirst);
                    Assert.AreEqual(expected, Describe(tokens, halves), $"split at {split} of: {text}");
                    joins += joined ? 1 : 0;
                }
            }
            // The joined path must have run (a split after each statement's ';'), not only the fallback.
            Assert.IsTrue(joins >= 15, "joins: " + joins);
        }

        [TestMethod]
        public void ASecondHalfThePoolDidNotStartIsLexedByTheFirst()
        {
            string text = Texts[0];
            string expected = Describe(Lexer.Lex(text, out List<StatementRange> ranges), ranges);
            int betweenStatements = text.IndexOf(";\n", System.StringComparison.Ordinal) + 1;

            TokenList tokens = Lexer.LexInHalves(text, betweenStatements, new LexBuffers(), out List<StatementRange> halves, out bool joined, Lexer.SecondHalfSchedule.NotStarted);

            Assert.IsFalse(joined);
            Assert.AreEqual(expected, Describe(tokens, halves));
        }

        [TestMethod]
        public void ASplitBetweenStatementsJoinsAndOneInsideARoutineBodyDoesNot()
        {
            string text = Texts[1];
            int afterFunction = text.IndexOf("$$;\n", System.StringComparison.Ordinal) + 3;
            int insideBody = text.IndexOf("NEW;\n", System.StringComparison.Ordinal) + 4;

            Lexer.LexInHalves(text, afterFunction, new LexBuffers(), out _, out bool joinedBetween, Lexer.SecondHalfSchedule.BeforeFirst);
            Lexer.LexInHalves(text, insideBody, new LexBuffers(), out _, out bool joinedInside, Lexer.SecondHalfSchedule.BeforeFirst);

            Assert.IsTrue(joinedBetween);
            Assert.IsFalse(joinedInside);
        }

        [TestMethod]
        public void ASplitAfterCopyFromStdinDoesNotJoin()
        {
            string text = Texts[3];
            int afterCopy = text.IndexOf(";\n", System.StringComparison.Ordinal) + 1;

            Lexer.LexInHalves(text, afterCopy, new LexBuffers(), out _, out bool joined, Lexer.SecondHalfSchedule.BeforeFirst);

            Assert.IsFalse(joined, "the data lines after COPY ... FROM stdin; are not a new statement");
        }

        [TestMethod]
        public void LargeCorpusFilesLexTheSameOnTwoThreads()
        {
            int checkedFiles = 0;
            foreach (string path in LexerCorpus.SqlFiles())
            {
                string text = File.ReadAllText(path);
                if (text.Length < Lexer.SplitMinimumChars)
                {
                    continue;
                }
                string expected = Describe(Lexer.Lex(text, out List<StatementRange> ranges), ranges);
                int split = Lexer.SecondHalfStart(text);
                Assert.IsTrue(split > 0, path);

                // Both schedules: the second half done before the first ends (joined when the guess is right), and
                // the pool's, whichever way its timing goes.
                TokenList inline = Lexer.LexInHalves(text, split, new LexBuffers(), out List<StatementRange> inlineRanges, out bool joined, Lexer.SecondHalfSchedule.BeforeFirst);
                Assert.AreEqual(expected, Describe(inline, inlineRanges), path);
                Assert.IsTrue(joined, $"{path}: the guessed split at char {split} should fall between two statements: ...{text.Substring(split - 80, 160)}...");
                var buffers = new LexBuffers();
                for (int run = 0; run < 3; run++)
                {
                    TokenList pooled = Lexer.Lex(text, buffers, out List<StatementRange> pooledRanges);
                    Assert.AreEqual(expected, Describe(pooled, pooledRanges), path + ", pooled run " + run);
                }
                checkedFiles++;
            }
            Assert.IsTrue(checkedFiles > 0, "the corpus has no file of " + Lexer.SplitMinimumChars + " chars or more (GitLab's structure.sql was expected)");
        }

        /// <summary>Every token (kind, start, length), the significant indexes and the statement ranges, one per line.</summary>
        private static string Describe(TokenList tokens, List<StatementRange> ranges)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < tokens.Count; i++)
            {
                Token t = tokens[i];
                sb.Append(t.Kind).Append(' ').Append(t.Start).Append(' ').Append(t.Length).Append('\n');
            }
            sb.Append("significant");
            for (int i = 0; i < tokens.SignificantCount; i++)
            {
                sb.Append(' ').Append(tokens.Significant[i]);
            }
            sb.Append('\n');
            foreach (StatementRange r in ranges)
            {
                sb.Append("range ").Append(r.FirstToken).Append(' ').Append(r.EndToken).Append(' ').Append(r.SemicolonToken).Append('\n');
            }
            return sb.ToString();
        }
    }
}
