using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Migrations;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class SourcePreparationTests
    {
        private static readonly Dictionary<string, string> None = new Dictionary<string, string>();

        private static int CountLines(string s) => s.Split('\n').Length;

        [TestMethod]
        public void DbmateDownSectionIsBlankedKeepingLengthAndLines()
        {
            string text = "-- migrate:up\r\ncreate table t (id int);\r\n\r\n-- migrate:down\r\ndrop table t;\r\n";
            SourceFile file = SourcePreparation.Prepare("db/1.sql", text, None);
            Assert.AreEqual(text.Length, file.Text.Length);
            Assert.AreEqual(CountLines(text), CountLines(file.Text));
            StringAssert.Contains(file.Text, "create table t (id int);");
            Assert.IsFalse(file.Text.Contains("drop"), file.Text);
            Assert.IsFalse(file.Text.Contains("migrate:down"), file.Text);
            Assert.AreEqual(text, file.OriginalText);
            int dropLine = text.IndexOf("drop");
            Assert.AreEqual("\r\n", file.Text.Substring(dropLine + "drop table t;".Length, 2));
            Assert.IsTrue(file.Map.IsIdentity);
        }

        [TestMethod]
        public void DbmateMarkersWithOptionsAndSeveralSections()
        {
            string text = "-- migrate:up transaction:false\ncreate index concurrently i on t (a);\n--migrate:down  transaction:false\ndrop index i;\n-- migrate:up\ncreate table u (id int);\n-- migrate:down\ndrop table u;";
            SourceFile file = SourcePreparation.Prepare("x.sql", text, None);
            Assert.AreEqual(text.Length, file.Text.Length);
            StringAssert.Contains(file.Text, "create index concurrently i on t (a);");
            StringAssert.Contains(file.Text, "create table u (id int);");
            Assert.IsFalse(file.Text.Contains("drop"), file.Text);
        }

        [TestMethod]
        public void WithoutAnUpMarkerNothingIsBlanked()
        {
            string text = "-- migrate:down\ndrop table t;\n";
            Assert.AreEqual(text, SourcePreparation.Prepare("x.sql", text, None).Text);
        }

        [TestMethod]
        public void MarkerMustStartTheLineAndEndTheWord()
        {
            string text = "-- migrate:up\nselect 1; -- migrate:down\n-- migrate:downgrade notes\nselect 2;\n";
            Assert.AreEqual(text, SourcePreparation.Prepare("x.sql", text, None).Text);
        }

        [TestMethod]
        public void PlaceholdersAreSubstitutedAndSpansMapBack()
        {
            string original = "create table ${schema}.t (id ${idType} primary key);\nselect 1;";
            var placeholders = new Dictionary<string, string> { ["${schema}"] = "app_data", ["idType"] = "bigint" };
            SourceFile file = SourcePreparation.Prepare("V1__x.sql", original, placeholders);
            Assert.AreEqual("create table app_data.t (id bigint primary key);\nselect 1;", file.Text);
            Assert.AreEqual(2, file.Map.Replacements.Count);

            // Every token after a placeholder maps back to the same text in the original.
            foreach (string word in new[] { "create", ".t", "(id", "primary key", "select 1;" })
            {
                int at = file.Text.IndexOf(word);
                TextSpan back = file.ToOriginal(new TextSpan(at, word.Length));
                Assert.AreEqual(word, original.Substring(back.Start, back.Length), word);
            }

            // A span covering a substituted value maps to the whole placeholder.
            int valueAt = file.Text.IndexOf("app_data");
            TextSpan placeholder = file.ToOriginal(new TextSpan(valueAt, "app_data".Length));
            Assert.AreEqual("${schema}", original.Substring(placeholder.Start, placeholder.Length));
        }

        [TestMethod]
        public void LongestKeyWinsWhereKeysOverlap()
        {
            var placeholders = new Dictionary<string, string> { ["$%KEY%$"] = "A", ["$%KEY_LONG%$"] = "B", ["$%"] = "C" };
            SourceFile file = SourcePreparation.Prepare("x.sql", "$%KEY_LONG%$ $%KEY%$ $%", placeholders);
            Assert.AreEqual("B A C", file.Text);
        }

        [TestMethod]
        public void ReplacedValuesAreNotSubstitutedAgain()
        {
            var placeholders = new Dictionary<string, string> { ["${a}"] = "${b}", ["${b}"] = "x" };
            Assert.AreEqual("${b} x", SourcePreparation.Prepare("x.sql", "${a} ${b}", placeholders).Text);
        }

        [TestMethod]
        public void BareNameOnlyMatchesTheDollarBraceForm()
        {
            var placeholders = new Dictionary<string, string> { ["schema"] = "s1" };
            Assert.AreEqual("create schema s1;", SourcePreparation.Prepare("x.sql", "create schema ${schema};", placeholders).Text);
        }

        [TestMethod]
        public void NoMatchKeepsIdentityMap()
        {
            var placeholders = new Dictionary<string, string> { ["${x}"] = "y" };
            SourceFile file = SourcePreparation.Prepare("x.sql", "select 1;", placeholders);
            Assert.IsTrue(file.Map.IsIdentity);
            Assert.AreEqual("select 1;", file.Text);
        }

        [TestMethod]
        public void LargeInputIsSubstitutedInLinearTime()
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < 200_000; i++) sb.Append("insert into ${s}.t values (").Append(i).Append(");\n");
            var placeholders = new Dictionary<string, string> { ["${s}"] = "public" };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            SourceFile file = SourcePreparation.Prepare("big.sql", sb.ToString(), placeholders);
            watch.Stop();
            Assert.AreEqual(200_000, file.Map.Replacements.Count);
            Assert.IsTrue(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
        }
    }
}
