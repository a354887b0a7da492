using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class LexerTests
    {
        [TestMethod]
        public void EmptyTextIsOnlyEndOfFile()
        {
            TokenList tokens = Lexer.Lex("");
            Assert.AreEqual(1, tokens.Count);
            Assert.AreEqual(SyntaxKind.EndOfFile, tokens[0].Kind);
            Assert.AreEqual(0, tokens[0].Start);
        }

        [TestMethod]
        public void WhitespaceRunIsOneToken()
        {
            LexAssert.Tokens(" \t\r\n\f\vx ", "Whitespace: \t\r\n\f\v", "Identifier:x", "Whitespace: ");
        }

        [TestMethod]
        public void LineCommentExcludesLineBreak()
        {
            LexAssert.Tokens("a -- note; 'x'\r\nb", "Identifier:a", "Whitespace: ", "LineComment:-- note; 'x'", "Whitespace:\r\n", "Identifier:b");
        }

        [TestMethod]
        public void LineCommentAtEndOfText()
        {
            LexAssert.Tokens("--", "LineComment:--");
        }

        [TestMethod]
        public void BlockCommentsNest()
        {
            LexAssert.Tokens("/* a /* b */ c */x", "BlockComment:/* a /* b */ c */", "Identifier:x");
        }

        [TestMethod]
        public void UnterminatedNestedBlockCommentRunsToEnd()
        {
            LexAssert.Tokens("x/* a /* b */ c", "Identifier:x", "BlockComment:/* a /* b */ c");
        }

        [TestMethod]
        public void IdentifiersAllowDigitsDollarAndNonAscii()
        {
            LexAssert.Tokens("_a1$ foo$bar$ été", "Identifier:_a1$", "Whitespace: ", "Identifier:foo$bar$", "Whitespace: ", "Identifier:été");
        }

        [TestMethod]
        public void QuotedIdentifierWithDoubledQuote()
        {
            LexAssert.Tokens("\"a\"\"b\".c", "QuotedIdentifier:\"a\"\"b\"", "Dot:.", "Identifier:c");
        }

        [TestMethod]
        public void UnterminatedQuotedIdentifierRunsToEnd()
        {
            LexAssert.Tokens("x \"ab\"\"", "Identifier:x", "Whitespace: ", "QuotedIdentifier:\"ab\"\"");
        }

        [TestMethod]
        public void UnicodeQuotedIdentifier()
        {
            LexAssert.Tokens("U&\"d\\0061t\" u&\"x\"", "UnicodeQuotedIdentifier:U&\"d\\0061t\"", "Whitespace: ", "UnicodeQuotedIdentifier:u&\"x\"");
        }

        [TestMethod]
        public void UnicodeString()
        {
            LexAssert.Tokens("U&'d\\0061''t'", "UnicodeString:U&'d\\0061''t'");
        }

        [TestMethod]
        public void UAmpersandWithoutQuoteIsIdentifierThenOperator()
        {
            LexAssert.Tokens("u&x", "Identifier:u", "Operator:&", "Identifier:x");
        }

        [TestMethod]
        public void StandardStringKeepsBackslashLiteral()
        {
            LexAssert.Tokens(@"'it''s \' x", @"String:'it''s \'", "Whitespace: ", "Identifier:x");
        }

        [TestMethod]
        public void UnterminatedStringRunsToEnd()
        {
            LexAssert.Tokens("a 'b;\nc", "Identifier:a", "Whitespace: ", "String:'b;\nc");
        }

        [TestMethod]
        public void AdjacentStringsAreNotMerged()
        {
            LexAssert.Tokens("'a'\n'b'", "String:'a'", "Whitespace:\n", "String:'b'");
        }

        [TestMethod]
        public void EscapeStringHonoursBackslashes()
        {
            LexAssert.Tokens(@"E'a\'b\\' e'x''y'", @"EscapeString:E'a\'b\\'", "Whitespace: ", "EscapeString:e'x''y'");
        }

        [TestMethod]
        public void UnterminatedEscapeStringEndingInBackslash()
        {
            LexAssert.Tokens("E'abc\\", "EscapeString:E'abc\\");
        }

        [TestMethod]
        public void BitNationalStrings()
        {
            LexAssert.Tokens("B'101' x'1F' N'abc'", "BitString:B'101'", "Whitespace: ", "BitString:x'1F'", "Whitespace: ", "NationalString:N'abc'");
        }

        [TestMethod]
        public void PrefixLetterWithoutQuoteIsIdentifier()
        {
            LexAssert.Tokens("e b x n u end", "Identifier:e", "Whitespace: ", "Identifier:b", "Whitespace: ", "Identifier:x",
                "Whitespace: ", "Identifier:n", "Whitespace: ", "Identifier:u", "Whitespace: ", "Identifier:end");
        }

        [TestMethod]
        public void PrefixInsideIdentifierDoesNotStartString()
        {
            LexAssert.Tokens("namee'x'", "Identifier:namee", "String:'x'");
        }

        [TestMethod]
        public void DollarQuoteEmptyTag()
        {
            LexAssert.Tokens("$$ a; 'b' $x$ $$;", "DollarString:$$ a; 'b' $x$ $$", "Semicolon:;");
        }

        [TestMethod]
        public void DollarQuoteNamedTagEndsAtFirstIdenticalDelimiter()
        {
            LexAssert.Tokens("$fn$ $$ $f$ $fn$x", "DollarString:$fn$ $$ $f$ $fn$", "Identifier:x");
        }

        [TestMethod]
        public void DollarTagIsCaseSensitive()
        {
            LexAssert.Tokens("$a$ $A$ $a$", "DollarString:$a$ $A$ $a$");
        }

        [TestMethod]
        public void UnterminatedDollarQuoteRunsToEnd()
        {
            LexAssert.Tokens("$body$ select 1; $bod", "DollarString:$body$ select 1; $bod");
        }

        [TestMethod]
        public void DollarInsideIdentifierIsNotAQuote()
        {
            LexAssert.Tokens("foo$bar$ 1", "Identifier:foo$bar$", "Whitespace: ", "Number:1");
        }

        [TestMethod]
        public void DollarDigitsIsParameter()
        {
            LexAssert.Tokens("$1+$23", "Parameter:$1", "Operator:+", "Parameter:$23");
        }

        [TestMethod]
        public void LoneDollarIsBad()
        {
            LexAssert.Tokens("$ $1a", "Bad:$", "Whitespace: ", "Parameter:$1", "Identifier:a");
            LexAssert.Tokens("$a b", "Bad:$", "Identifier:a", "Whitespace: ", "Identifier:b");
        }

        [TestMethod]
        [DataRow("42")]
        [DataRow("3.14")]
        [DataRow(".5")]
        [DataRow("5.")]
        [DataRow("1e10")]
        [DataRow("1.5E-3")]
        [DataRow("2e+7")]
        [DataRow("1.e5")]
        [DataRow("0x1F")]
        [DataRow("0X_1f")]
        [DataRow("0o17")]
        [DataRow("0b101")]
        [DataRow("1_000_000")]
        [DataRow("1_000.000_1")]
        public void NumberForms(string number)
        {
            LexAssert.Tokens(number + " ", "Number:" + number, "Whitespace: ");
        }

        [TestMethod]
        public void RangeDotsAreNotPartOfNumber()
        {
            LexAssert.Tokens("1..10", "Number:1", "Dot:.", "Dot:.", "Number:10");
        }

        [TestMethod]
        public void IncompleteNumberFormsKeepEveryChar()
        {
            LexAssert.Tokens("1e+x", "Number:1", "Identifier:e", "Operator:+", "Identifier:x");
            LexAssert.Tokens("0x", "Number:0", "Identifier:x");
            LexAssert.Tokens("1__2", "Number:1", "Identifier:__2");
            LexAssert.Tokens("1_", "Number:1", "Identifier:_");
        }

        [TestMethod]
        public void Punctuation()
        {
            LexAssert.Tokens("a[1],(b);c.d:e::int", "Identifier:a", "OpenBracket:[", "Number:1", "CloseBracket:]", "Comma:,",
                "OpenParen:(", "Identifier:b", "CloseParen:)", "Semicolon:;", "Identifier:c", "Dot:.", "Identifier:d",
                "Colon::", "Identifier:e", "DoubleColon:::", "Identifier:int");
        }

        [TestMethod]
        public void OperatorRunIsOneToken()
        {
            LexAssert.Tokens("a<>b>=c||d", "Identifier:a", "Operator:<>", "Identifier:b", "Operator:>=", "Identifier:c", "Operator:||", "Identifier:d");
        }

        [TestMethod]
        public void TrailingSignIsStrippedFromPlainOperator()
        {
            LexAssert.Tokens("=-1", "Operator:=", "Operator:-", "Number:1");
            LexAssert.Tokens("a*-+b", "Identifier:a", "Operator:*", "Operator:-", "Operator:+", "Identifier:b");
        }

        [TestMethod]
        public void TrailingSignKeptWhenRunHasSpecialChar()
        {
            LexAssert.Tokens("a@-b", "Identifier:a", "Operator:@-", "Identifier:b");
            LexAssert.Tokens("a?-", "Identifier:a", "Operator:?-");
        }

        [TestMethod]
        public void OperatorRunStopsBeforeComments()
        {
            LexAssert.Tokens("a=--c", "Identifier:a", "Operator:=", "LineComment:--c");
            LexAssert.Tokens("a*/*c*/", "Identifier:a", "Operator:*", "BlockComment:/*c*/");
        }

        [TestMethod]
        public void PsqlMetaCommandRunsToEndOfLine()
        {
            LexAssert.Tokens("\\restrict abc123\r\n\\connect db\nselect 1 \\gset\n\\set x 'a b' \\\\ select",
                "PsqlMetaCommand:\\restrict abc123", "Whitespace:\r\n", "PsqlMetaCommand:\\connect db", "Whitespace:\n",
                "Identifier:select", "Whitespace: ", "Number:1", "Whitespace: ", "PsqlMetaCommand:\\gset", "Whitespace:\n",
                "PsqlMetaCommand:\\set x 'a b' \\\\ select");
        }

        [TestMethod]
        public void BackslashInsideQuotesIsNotMetaCommand()
        {
            LexAssert.Tokens("'\\x' \"\\y\" $$\\z$$ /* \\c */", "String:'\\x'", "Whitespace: ", "QuotedIdentifier:\"\\y\"",
                "Whitespace: ", "DollarString:$$\\z$$", "Whitespace: ", "BlockComment:/* \\c */");
        }

        [TestMethod]
        public void CopyFromStdinDataBlockEndsAtBackslashDotLine()
        {
            string text = "COPY public.t (a, b) FROM stdin; -- data\n1\t'x;\n\\.x\n2\t\\N\n\\.\nselect 1;";
            TokenList tokens = Lexer.Lex(text);
            LexAssert.AssertLossless(text, tokens);
            int copy = IndexOfKind(tokens, SyntaxKind.CopyData);
            Assert.AreEqual("1\t'x;\n\\.x\n2\t\\N\n\\.", tokens.GetText(copy));
            Assert.AreEqual("LineComment:-- data", LexAssert.Describe(tokens)[copy - 2]);
            Assert.AreEqual("Whitespace:\n", LexAssert.Describe(tokens)[copy - 1]);
            Assert.AreEqual("Whitespace:\n", LexAssert.Describe(tokens)[copy + 1]);
            Assert.AreEqual("Identifier:select", LexAssert.Describe(tokens)[copy + 2]);
        }

        [TestMethod]
        public void CopyFromStdinWithOptionsAndCrLf()
        {
            LexAssert.Tokens("copy t from STDIN with (format csv);\r\na,b\r\n\\.\r\n",
                "Identifier:copy", "Whitespace: ", "Identifier:t", "Whitespace: ", "Identifier:from", "Whitespace: ", "Identifier:STDIN",
                "Whitespace: ", "Identifier:with", "Whitespace: ", "OpenParen:(", "Identifier:format", "Whitespace: ", "Identifier:csv",
                "CloseParen:)", "Semicolon:;", "Whitespace:\r\n", "CopyData:a,b\r\n\\.", "Whitespace:\r\n");
        }

        [TestMethod]
        public void CopyDataWithoutTerminatorRunsToEnd()
        {
            LexAssert.Tokens("COPY t FROM stdin;\n1\n2;\n", "Identifier:COPY", "Whitespace: ", "Identifier:t", "Whitespace: ",
                "Identifier:FROM", "Whitespace: ", "Identifier:stdin", "Semicolon:;", "Whitespace:\n", "CopyData:1\n2;\n");
        }

        [TestMethod]
        public void EmptyCopyDataBlockIsJustTheTerminator()
        {
            LexAssert.Tokens("COPY t FROM stdin;\n\\.\n", "Identifier:COPY", "Whitespace: ", "Identifier:t", "Whitespace: ",
                "Identifier:FROM", "Whitespace: ", "Identifier:stdin", "Semicolon:;", "Whitespace:\n", "CopyData:\\.", "Whitespace:\n");
        }

        [TestMethod]
        [DataRow("COPY t TO STDOUT;\n1\n\\.\n")]
        [DataRow("COPY t FROM '/file';\n1\n\\.\n")]
        [DataRow("select 1 from stdin;\n1\n\\.\n")]
        [DataRow("COPY t (a) FROM x stdin;\n1\n\\.\n")]
        public void NoDataBlockUnlessCopyFromStdin(string text)
        {
            TokenList tokens = Lexer.Lex(text);
            LexAssert.AssertLossless(text, tokens);
            Assert.AreEqual(-1, IndexOfKind(tokens, SyntaxKind.CopyData));
            Assert.AreEqual(SyntaxKind.PsqlMetaCommand, tokens[tokens.Count - 3].Kind, "the \\. line is a meta-command here");
        }

        [TestMethod]
        public void CopyStatementDetectedAfterPreviousStatement()
        {
            string text = "set x = 1; copy t from stdin;\nq\n\\.\n";
            TokenList tokens = Lexer.Lex(text);
            Assert.AreEqual("q\n\\.", tokens.GetText(IndexOfKind(tokens, SyntaxKind.CopyData)));
        }

        [TestMethod]
        public void CopyInsideBeginAtomicBodyDoesNotStartData()
        {
            // The ';' inside BEGIN ATOMIC does not end the statement, so "copy" there is not a statement's first word.
            string text = "create function f() returns int begin atomic; copy t from stdin; end;\n1\n";
            TokenList tokens = Lexer.Lex(text);
            Assert.AreEqual(-1, IndexOfKind(tokens, SyntaxKind.CopyData));
        }

        [TestMethod]
        public void ControlAndNulCharsAreBadTokens()
        {
            LexAssert.Tokens("a\0{}", "Identifier:a", "Bad:\0", "Bad:{", "Bad:}");
        }

        [TestMethod]
        public void LoneSurrogatesAreIdentifierChars()
        {
            string text = "a\uD800b \uDC00";
            LexAssert.Tokens(text, "Identifier:a\uD800b", "Whitespace: ", "Identifier:\uDC00");
        }

        [TestMethod]
        public void LeadingByteOrderMarkIsWhitespace()
        {
            LexAssert.Tokens("\uFEFFselect \uFEFF", "Whitespace:\uFEFF", "Identifier:select", "Whitespace: ", "Identifier:\uFEFF");
        }

        [TestMethod]
        [DataRow("'ab", SyntaxKind.String)]
        [DataRow("E'a\\'", SyntaxKind.EscapeString)]
        [DataRow("U&'ab", SyntaxKind.UnicodeString)]
        [DataRow("U&\"ab", SyntaxKind.UnicodeQuotedIdentifier)]
        [DataRow("\"ab", SyntaxKind.QuotedIdentifier)]
        [DataRow("B'10", SyntaxKind.BitString)]
        [DataRow("X'1f", SyntaxKind.BitString)]
        [DataRow("N'ab", SyntaxKind.NationalString)]
        [DataRow("$q$ab$q", SyntaxKind.DollarString)]
        [DataRow("$$", SyntaxKind.DollarString)]
        [DataRow("/*", SyntaxKind.BlockComment)]
        [DataRow("/* /* */", SyntaxKind.BlockComment)]
        [DataRow("-- x", SyntaxKind.LineComment)]
        [DataRow("\\set x", SyntaxKind.PsqlMetaCommand)]
        public void UnterminatedFormRunsToEndOfText(string text, SyntaxKind kind)
        {
            TokenList tokens = Lexer.Lex(" " + text);
            Assert.AreEqual(3, tokens.Count, string.Join(" | ", LexAssert.Describe(tokens)));
            Assert.AreEqual(kind, tokens[1].Kind);
            Assert.AreEqual(1, tokens[1].Start);
            Assert.AreEqual(text.Length, tokens[1].Length);
            Assert.AreEqual(SyntaxKind.EndOfFile, tokens[2].Kind);
            Assert.AreEqual(text.Length + 1, tokens[2].Start);
        }

        [TestMethod]
        public void TokenSpansAreUtf16Offsets()
        {
            TokenList tokens = Lexer.Lex("é 'x'");
            Assert.AreEqual(new ReplicaGuard.Text.TextSpan(0, 1), tokens[0].Span);
            Assert.AreEqual(new ReplicaGuard.Text.TextSpan(1, 1), tokens[1].Span);
            Assert.AreEqual(new ReplicaGuard.Text.TextSpan(2, 3), tokens[2].Span);
            Assert.AreEqual(new ReplicaGuard.Text.TextSpan(5, 0), tokens[3].Span);
        }

        [TestMethod]
        public void NullTextIsTreatedAsEmpty()
        {
            TokenList tokens = Lexer.Lex(null!);
            Assert.AreEqual(1, tokens.Count);
            Assert.AreEqual(SyntaxKind.EndOfFile, tokens[0].Kind);
        }

        private static int IndexOfKind(TokenList tokens, SyntaxKind kind)
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Kind == kind)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
