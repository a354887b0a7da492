using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The lexer's ASCII tables are string constants (fast in precompiled code); these are their definitions, from
    /// scan.l's character classes, and the check that the constants match them.
    /// </summary>
    [TestClass]
    public sealed class CharKindsTests
    {
        [TestMethod]
        public void AsciiTableMatchesItsDefinition()
        {
            byte[] expected = BuildTable();
            string actual = Constant("Ascii");
            Assert.AreEqual(128, actual.Length);
            for (int c = 0; c < 128; c++)
            {
                Assert.AreEqual(expected[c], (byte)actual[c], "char " + c);
            }
        }

        [TestMethod]
        public void ClassTableMatchesItsDefinition()
        {
            CharClass[] expected = BuildClasses();
            string actual = Constant("Classes");
            Assert.AreEqual(128, actual.Length);
            for (int c = 0; c < 128; c++)
            {
                Assert.AreEqual(expected[c], CharKinds.ClassOf((char)c), "char " + c);
                Assert.AreEqual(expected[c], (CharClass)actual[c], "char " + c);
            }
        }

        private static string Constant(string name)
        {
            return (string)typeof(CharKinds).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        }

        private static byte[] BuildTable()
        {
            var table = new byte[128];
            foreach (char c in " \t\n\r\f\v")
            {
                table[c] = 1; // Space
            }

            for (char c = 'a'; c <= 'z'; c++)
            {
                table[c] = 2; // Letter
                table[char.ToUpperInvariant(c)] = 2;
            }

            table['_'] = 2;
            for (char c = '0'; c <= '9'; c++)
            {
                table[c] = 4; // Digit
            }

            table['$'] = 8; // Dollar
            return table;
        }

        private static CharClass[] BuildClasses()
        {
            byte[] ascii = BuildTable();
            var classes = new CharClass[128];
            for (char c = '\0'; c < 128; c++)
            {
                byte kind = ascii[c];
                classes[c] = kind == 1 ? CharClass.Space
                    : kind == 2 ? CharClass.Letter
                    : kind == 4 ? CharClass.Digit
                    : CharKinds.IsOperatorChar(c) ? CharClass.Operator
                    : CharClass.Bad;
            }

            foreach (char c in "benux")
            {
                classes[c] = CharClass.PrefixLetter;
                classes[char.ToUpperInvariant(c)] = CharClass.PrefixLetter;
            }

            classes['.'] = CharClass.Dot;
            classes['\''] = CharClass.Quote;
            classes['"'] = CharClass.DoubleQuote;
            classes['$'] = CharClass.Dollar;
            foreach (char c in "()[],")
            {
                classes[c] = CharClass.Punctuation;
            }

            classes[';'] = CharClass.Semicolon;
            classes[':'] = CharClass.Colon;
            classes['\\'] = CharClass.Backslash;
            classes['-'] = CharClass.Minus;
            classes['/'] = CharClass.Slash;
            return classes;
        }
    }
}
