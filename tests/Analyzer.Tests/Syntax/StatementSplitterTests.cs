using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class StatementSplitterTests
    {
        [TestMethod]
        public void SplitsOnTopLevelSemicolonsWithLeadingTriviaInFollowingStatement()
        {
            AssertStatements("select 1; -- c\nselect 2;\n", "select 1;", " -- c\nselect 2;", "\n");
        }

        [TestMethod]
        public void SemicolonInsideParenthesesDoesNotSplit()
        {
            AssertStatements("create rule r as on insert to t do (insert into a values (1); insert into b values (2)); select 1",
                "create rule r as on insert to t do (insert into a values (1); insert into b values (2));", " select 1");
        }

        [TestMethod]
        public void StrayCloseParenIsClampedAtZero()
        {
            AssertStatements("select 1); select 2;", "select 1);", " select 2;");
        }

        [TestMethod]
        public void SemicolonInsideQuotesAndCommentsDoesNotSplit()
        {
            AssertStatements("select ';', \";\", E'\\';' /* ; */ -- ;\n;x;", "select ';', \";\", E'\\';' /* ; */ -- ;\n;", "x;");
        }

        [TestMethod]
        public void DollarBodyWithSemicolons()
        {
            AssertStatements("create function f() returns void as $$ begin perform 1; end $$ language plpgsql; select 1;",
                "create function f() returns void as $$ begin perform 1; end $$ language plpgsql;", " select 1;");
        }

        [TestMethod]
        public void BeginAtomicBodyWithCaseStaysOneStatement()
        {
            string function = "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n" +
                              "  SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END;\n  SELECT (x); \nEND;";
            AssertStatements(function + "\nselect 2;", function, "\nselect 2;");
        }

        [TestMethod]
        public void BeginAtomicInProcedure()
        {
            string procedure = "create procedure p() begin atomic insert into t values (1); insert into t values (2); end;";
            AssertStatements(procedure + "select 1;", procedure, "select 1;");
        }

        [TestMethod]
        public void BeginOutsideCreateFunctionIsATransaction()
        {
            AssertStatements("begin; select 1; end;", "begin;", " select 1;", " end;");
        }

        [TestMethod]
        public void CaseOutsideBeginAtomicDoesNotNest()
        {
            AssertStatements("create function f() returns int return case when true then 1 end; select 1;",
                "create function f() returns int return case when true then 1 end;", " select 1;");
        }

        [TestMethod]
        public void CopyDataBlockBelongsToCopyStatement()
        {
            string copy = "COPY t (a, b) FROM stdin;\n1\tx;y\n\\.x;\n2\t(\n\\.";
            List<StatementRange> ranges = AssertStatements(copy + "\nselect 1;", copy, "\nselect 1;");
            TokenList tokens = Lexer.Lex(copy + "\nselect 1;");
            Assert.AreEqual(";", tokens.GetText(ranges[0].SemicolonToken));
            Assert.AreEqual(SyntaxKind.CopyData, tokens[ranges[0].EndToken - 1].Kind);
        }

        [TestMethod]
        public void CopyDataAfterTrailingComment()
        {
            string copy = "copy t from stdin; -- rows\n1\n\\.";
            AssertStatements("select 0;" + copy + "\n", "select 0;", copy, "\n");
        }

        [TestMethod]
        public void RestrictLinesAreStatementsOfTheirOwn()
        {
            AssertStatements("\\restrict K1\n\nSET x = 1;\n\\unrestrict K1\n",
                "\\restrict K1", "\n\nSET x = 1;", "\n\\unrestrict K1", "\n");
        }

        [TestMethod]
        public void MetaCommandClosesPendingStatement()
        {
            List<StatementRange> ranges = AssertStatements("select 1 \\gset\nselect 2;", "select 1 ", "\\gset", "\nselect 2;");
            Assert.AreEqual(-1, ranges[0].SemicolonToken);
            Assert.AreEqual(-1, ranges[1].SemicolonToken);
        }

        [TestMethod]
        public void EmptyStatements()
        {
            List<StatementRange> ranges = AssertStatements(";;", ";", ";");
            Assert.AreEqual(0, ranges[0].SemicolonToken);
            Assert.AreEqual(1, ranges[1].SemicolonToken);
        }

        [TestMethod]
        public void UnterminatedLastStatement()
        {
            List<StatementRange> ranges = AssertStatements("select 1; select 2", "select 1;", " select 2");
            Assert.AreEqual(-1, ranges[1].SemicolonToken);
        }

        [TestMethod]
        public void EmptyTextHasNoStatements()
        {
            AssertStatements("");
        }

        [TestMethod]
        public void OnlyTriviaIsOneRange()
        {
            AssertStatements("  -- x\n", "  -- x\n");
        }

        /// <summary>Asserts the statements' texts and that the ranges tile the tokens before EndOfFile.</summary>
        internal static List<StatementRange> AssertStatements(string text, params string[] expected)
        {
            TokenList tokens = Lexer.Lex(text);
            List<StatementRange> ranges = StatementSplitter.Split(tokens);
            AssertTiles(tokens, ranges);
            var actual = new List<string>();
            foreach (StatementRange range in ranges)
            {
                actual.Add(TextOf(tokens, range));
            }

            CollectionAssert.AreEqual(expected, actual, "got: " + string.Join(" | ", actual));
            return ranges;
        }

        internal static void AssertTiles(TokenList tokens, List<StatementRange> ranges)
        {
            int next = 0;
            foreach (StatementRange range in ranges)
            {
                Assert.AreEqual(next, range.FirstToken, "gap or overlap between ranges");
                Assert.IsTrue(range.EndToken > range.FirstToken, "empty range");
                if (range.SemicolonToken >= 0)
                {
                    Assert.IsTrue(range.SemicolonToken >= range.FirstToken && range.SemicolonToken < range.EndToken, "semicolon outside range");
                    Assert.AreEqual(SyntaxKind.Semicolon, tokens[range.SemicolonToken].Kind);
                }

                next = range.EndToken;
            }

            Assert.AreEqual(tokens.Count - 1, next, "ranges must end just before EndOfFile");
        }

        private static string TextOf(TokenList tokens, StatementRange range)
        {
            var text = new StringBuilder();
            for (int i = range.FirstToken; i < range.EndToken; i++)
            {
                text.Append(tokens.GetText(i));
            }

            return text.ToString();
        }
    }
}
