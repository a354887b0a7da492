using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    /// <summary>Helpers that describe a token list as "Kind:text" strings, so a failure shows what was lexed.</summary>
    internal static class LexAssert
    {
        public static List<string> Describe(TokenList tokens)
        {
            var result = new List<string>();
            for (int i = 0; i < tokens.Count; i++)
            {
                result.Add(tokens[i].Kind + ":" + tokens.GetText(i));
            }

            return result;
        }

        /// <summary>Lexes <paramref name="text"/> and asserts the tokens (without the final EndOfFile).</summary>
        public static void Tokens(string text, params string[] expected)
        {
            TokenList tokens = Lexer.Lex(text);
            AssertLossless(text, tokens);
            List<string> actual = Describe(tokens);
            Assert.AreEqual("EndOfFile:", actual[actual.Count - 1]);
            actual.RemoveAt(actual.Count - 1);
            CollectionAssert.AreEqual(expected, actual, "got: " + string.Join(" | ", actual));
        }

        /// <summary>Tokens are contiguous, non-empty (except EOF), rebuild the text, and end with one EOF.</summary>
        public static void AssertLossless(string text, TokenList tokens)
        {
            Assert.IsTrue(tokens.Count >= 1, "no tokens");
            var rebuilt = new StringBuilder(text.Length);
            int expectedStart = 0;
            for (int i = 0; i < tokens.Count; i++)
            {
                Token t = tokens[i];
                Assert.AreEqual(expectedStart, t.Start, "gap or overlap at token " + i);
                bool isLast = i == tokens.Count - 1;
                Assert.AreEqual(isLast, t.Kind == SyntaxKind.EndOfFile, "EndOfFile must be last and only last, token " + i);
                Assert.IsTrue(isLast ? t.Length == 0 : t.Length > 0, "bad length at token " + i);
                rebuilt.Append(text, t.Start, t.Length);
                expectedStart = t.End;
            }

            Assert.AreEqual(text.Length, tokens[tokens.Count - 1].Start, "EndOfFile must sit at the end of the text");
            Assert.AreEqual(text, rebuilt.ToString());
        }
    }
}
