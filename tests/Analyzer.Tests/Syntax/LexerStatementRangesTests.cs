using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The parser takes its statement ranges from the lexer (one pass); they must be exactly what
    /// <see cref="StatementSplitter.Split"/> returns for the same tokens.
    /// </summary>
    [TestClass]
    public sealed class LexerStatementRangesTests
    {
        [TestMethod]
        [DataRow("")]
        [DataRow("   \n-- only trivia\n")]
        [DataRow("select 1; select 2;")]
        [DataRow("select (1;2); select 3")]
        [DataRow("select 1);;; ;")]
        [DataRow("create function f() returns int begin atomic select 1; select case when true then 1 end; end; select 2;")]
        [DataRow("create or replace procedure p() begin atomic insert into t values (1); end; begin; commit;")]
        [DataRow("copy t from stdin;\n1\t2\n\\.\nselect 1;")]
        [DataRow("copy t from stdin; -- data follows\n1\n\\.\r\nselect 1;")]
        [DataRow("copy t (a) from stdin with (format csv);\r\na\r\n")]
        [DataRow("select 1\n\\connect db\nselect 2;\n\\restrict abc\n")]
        [DataRow("\\set x 1\n\\set y 2\n")]
        [DataRow("select 1; -- trailing\n/* block */")]
        [DataRow("\uFEFFselect 1;\rselect 2;\r\n")]
        public void SameAsSplitter(string text)
        {
            AssertSameRanges(text, "case");
        }

        [TestMethod]
        public void SameAsSplitterOnTheCorpusAndMutations()
        {
            var random = new Random(7);
            int checkedTexts = 0;
            foreach (string path in LexerCorpus.SqlFiles())
            {
                string text = File.ReadAllText(path);
                AssertSameRanges(text, path);
                checkedTexts++;
                if (text.Length == 0)
                {
                    continue;
                }
                // A slice with its statement ends and parentheses disturbed: boundaries in unusual places.
                int start = random.Next(text.Length);
                string slice = text.Substring(start, Math.Min(text.Length - start, 3000));
                AssertSameRanges(slice, path + " slice");
                AssertSameRanges(slice.Replace("(", ""), path + " slice without '('");
                AssertSameRanges(slice.Replace(";", "\n\\echo x\n"), path + " slice with meta-commands");
                checkedTexts += 3;
            }
            Assert.IsTrue(checkedTexts > 100, "expected the corpus to hold more than 25 files, checked " + checkedTexts + " texts");
        }

        private static void AssertSameRanges(string text, string what)
        {
            TokenList tokens = Lexer.Lex(text, out List<StatementRange> fromLexer);
            List<StatementRange> fromSplitter = StatementSplitter.Split(tokens);
            Assert.AreEqual(Render(fromSplitter), Render(fromLexer), what);
        }

        private static string Render(List<StatementRange> ranges)
        {
            var sb = new StringBuilder();
            foreach (StatementRange r in ranges)
            {
                sb.Append(r.FirstToken).Append('-').Append(r.EndToken).Append(':').Append(r.SemicolonToken).Append(' ');
            }
            return sb.ToString();
        }
    }
}
