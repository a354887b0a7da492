using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class LexerRobustnessTests
    {
        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public void EveryCorpusFileRoundTripsAndSplitsIntoTilingRanges()
        {
            List<string> files = LexerCorpus.SqlFiles();
            int badTokens = 0;
            foreach (string path in files)
            {
                string text = File.ReadAllText(path);
                TokenList tokens = Lexer.Lex(text);
                LexAssert.AssertLossless(text, tokens);
                StatementSplitterTests.AssertTiles(tokens, StatementSplitter.Split(tokens));
                for (int i = 0; i < tokens.Count; i++)
                {
                    if (tokens[i].Kind == SyntaxKind.Bad)
                    {
                        badTokens++;
                        TestContext.WriteLine("Bad token in " + path + " at " + tokens[i].Start + ": " + tokens.GetText(i));
                    }
                }
            }

            TestContext.WriteLine(files.Count + " corpus files lexed; " + badTokens + " Bad tokens.");
            Assert.IsTrue(files.Count > 0);
        }

        [TestMethod]
        public void RandomInputsNeverThrowAndStayLossless()
        {
            const int Seed = 20261121;
            TestContext.WriteLine("seed " + Seed);
            var random = new Random(Seed);
            const string Alphabet = "'\"$/*-\\;()eEuUnNbBxX&01_.:+=@ \n\r\tab";
            string[] fragments = { "$$", "$a$", "/*", "*/", "--", "E'", "U&'", "U&\"", "COPY t FROM stdin;", "\n\\.\n",
                                   "create function f() begin atomic", " case ", " end", "\uD800", "\uDC00", "\0", "é" };
            var builder = new StringBuilder();
            for (int n = 0; n < 3000; n++)
            {
                builder.Clear();
                int length = random.Next(0, 60);
                for (int i = 0; i < length; i++)
                {
                    if (random.Next(6) == 0)
                    {
                        builder.Append(fragments[random.Next(fragments.Length)]);
                    }
                    else
                    {
                        builder.Append(Alphabet[random.Next(Alphabet.Length)]);
                    }
                }

                string text = builder.ToString();
                TokenList tokens = Lexer.Lex(text);
                LexAssert.AssertLossless(text, tokens);
                StatementSplitterTests.AssertTiles(tokens, StatementSplitter.Split(tokens));
            }
        }

        [TestMethod]
        public void TenMegabyteUnterminatedCommentIsOneToken()
        {
            AssertSingleToken("/*" + new string('x', 10 * 1024 * 1024), SyntaxKind.BlockComment);
        }

        [TestMethod]
        public void TenMegabyteUnterminatedStringIsOneToken()
        {
            AssertSingleToken("'" + new string('x', 10 * 1024 * 1024), SyntaxKind.String);
        }

        [TestMethod]
        public void TenMegabyteUnterminatedDollarBodyWithManyDollarsIsOneToken()
        {
            var body = new StringBuilder("$tag$");
            while (body.Length < 10 * 1024 * 1024)
            {
                body.Append("$ta$tagx$t");
            }

            AssertSingleToken(body.ToString(), SyntaxKind.DollarString);
        }

        [TestMethod]
        public void LongSignOperatorRunLexesLinearly()
        {
            // scan.l strips trailing signs and rescans them; done naively this would be quadratic.
            string text = "*" + new StringBuilder().Insert(0, "+-", 500_000).ToString();
            TokenList tokens = Lexer.Lex(text);
            LexAssert.AssertLossless(text, tokens);
            Assert.AreEqual(text.Length + 1, tokens.Count);
        }

        private static void AssertSingleToken(string text, SyntaxKind kind)
        {
            TokenList tokens = Lexer.Lex(text);
            Assert.AreEqual(2, tokens.Count);
            Assert.AreEqual(kind, tokens[0].Kind);
            Assert.AreEqual(text.Length, tokens[0].Length);
            Assert.AreEqual(SyntaxKind.EndOfFile, tokens[1].Kind);
        }
    }
}
