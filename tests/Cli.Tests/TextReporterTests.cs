using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Output;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class TextReporterTests
    {
        [TestMethod]
        public void HeaderSourceLineAndCaretUnderTheSpan()
        {
            var file = new SourceFile("db/0001_init.sql", "-- init\nCREATE TABLE t (a int);\n");
            Diagnostic diagnostic = TestData.Make(TestData.At(file, "CREATE TABLE t (a int)"));

            string report = TextReporter.Format(new[] { diagnostic }, color: false);

            Assert.AreEqual(
                "db/0001_init.sql(2,1): error RG1001: Table \"public.t\" is published for UPDATE and DELETE but has no replica identity [public.t]\n" +
                "    CREATE TABLE t (a int);\n" +
                "    ^~~~~~~~~~~~~~~~~~~~~~\n",
                report);
        }

        [TestMethod]
        public void CaretStartsAtTheSpanColumn()
        {
            var file = new SourceFile("a.sql", "CREATE TABLE things (a int);");
            string report = TextReporter.Format(new[] { TestData.Make(TestData.At(file, "things")) }, color: false);

            string[] lines = report.Split('\n');
            StringAssert.StartsWith(lines[0], "a.sql(1,14): error RG1001:");
            Assert.AreEqual("    CREATE TABLE things (a int);", lines[1]);
            Assert.AreEqual("                 ^~~~~~", lines[2]);
        }

        [TestMethod]
        public void TabsAreExpandedInBothLinesSoTheCaretLinesUp()
        {
            // "\tCREATE\tTABLE t;": the first tab fills 4 columns, the second pads "CREATE" (col 4..10) to 12.
            var file = new SourceFile("tabs.sql", "\tCREATE\tTABLE t;");
            string report = TextReporter.Format(new[] { TestData.Make(TestData.At(file, "TABLE")) }, color: false);

            string[] lines = report.Split('\n');
            StringAssert.StartsWith(lines[0], "tabs.sql(1,9): error RG1001:");
            Assert.AreEqual("    " + "    CREATE  TABLE t;", lines[1]);
            Assert.AreEqual("    " + new string(' ', 12) + "^~~~~", lines[2]);
            Assert.IsFalse(report.Contains('\t'));
        }

        [TestMethod]
        public void EmptySpanAtEndOfLineGetsOneCaretAfterTheLastCharacter()
        {
            var file = new SourceFile("eol.sql", "SELECT 1\nUPDATE x SET a = 1;\n");
            var location = new Location(file, new TextSpan(8, 0));
            string report = TextReporter.Format(new[] { TestData.Make(location) }, color: false);

            string[] lines = report.Split('\n');
            StringAssert.StartsWith(lines[0], "eol.sql(1,9): error RG1001:");
            Assert.AreEqual("    SELECT 1", lines[1]);
            Assert.AreEqual("            ^", lines[2]);
        }

        [TestMethod]
        public void MultiLineSpanUnderlinesTheRestOfItsFirstLineOnly()
        {
            var file = new SourceFile("multi.sql", "  CREATE TABLE t (\r\n    a int\r\n);\r\n");
            Location location = TestData.At(file, "CREATE TABLE t (\r\n    a int\r\n)");
            string report = TextReporter.Format(new[] { TestData.Make(location) }, color: false);

            Assert.AreEqual(
                "multi.sql(1,3): error RG1001: Table \"public.t\" is published for UPDATE and DELETE but has no replica identity [public.t]\n" +
                "      CREATE TABLE t (\n" +
                "      ^" + new string('~', 15) + "\n",
                report);
        }

        [TestMethod]
        public void VeryLongLineIsShownAsAWindowAroundTheSpan()
        {
            string text = new string('x', 1000) + " CREATE TABLE t (a int); " + new string('y', 1000);
            var file = new SourceFile("dump.sql", text);
            string[] lines = TextReporter.Format(new[] { TestData.Make(TestData.At(file, "CREATE TABLE t")) }, color: false).Split('\n');

            StringAssert.StartsWith(lines[0], "dump.sql(1,1002): error RG1001:");
            Assert.AreEqual("    ..." + new string('x', 39) + " CREATE TABLE t (a int); " + new string('y', 240 - 39 - 25) + "...", lines[1]);
            Assert.AreEqual("    " + new string(' ', 3 + 40) + "^" + new string('~', 13), lines[2]);
        }

        [TestMethod]
        public void RelatedLocationsBecomeNoteLines()
        {
            var create = new SourceFile("db/0001.sql", "CREATE TABLE t (a int);\n");
            var publication = new SourceFile("db/0002.sql", "\n\n  CREATE PUBLICATION p FOR ALL TABLES;\n");
            Diagnostic diagnostic = TestData.Make(
                TestData.At(create, "CREATE TABLE t (a int)"),
                related: new[] { TestData.At(publication, "CREATE PUBLICATION p FOR ALL TABLES") });

            string[] lines = TextReporter.Format(new[] { diagnostic }, color: false).Split('\n');

            Assert.AreEqual(5, lines.Length, string.Join("|", lines));
            Assert.AreEqual("  db/0002.sql(3,3): note: related: CREATE PUBLICATION p FOR ALL TABLES", lines[3]);
            Assert.AreEqual("", lines[4]);
        }

        [TestMethod]
        public void NoObjectNameMeansNoBracketsAndSeverityWordsFollowTheResult()
        {
            var file = new SourceFile("x.sql", "DO $$ BEGIN EXECUTE 'x'; END $$;");
            var diagnostics = new List<Diagnostic>
            {
                TestData.Make(TestData.At(file, "DO"), RuleCatalog.RG9001, message: "not understood", objectName: null),
                TestData.Make(TestData.At(file, "EXECUTE"), RuleCatalog.RG9002, message: "unknown", objectName: null),
                TestData.Make(TestData.At(file, "END"), RuleCatalog.RG2001, Severity.Error, message: "needs a key", objectName: "public.t"),
            };

            string[] lines = TextReporter.Format(diagnostics, color: false).Split('\n');

            Assert.AreEqual("x.sql(1,1): warning RG9001: not understood", lines[0]);
            Assert.AreEqual("x.sql(1,13): suggestion RG9002: unknown", lines[3]);
            Assert.AreEqual("x.sql(1,26): error RG2001: needs a key [public.t]", lines[6]);
        }

        [TestMethod]
        public void ResultsTurnedOffAreNotPrinted()
        {
            var file = new SourceFile("x.sql", "CREATE TABLE t (a int);");
            Diagnostic off = TestData.Make(TestData.At(file, "t"), RuleCatalog.RG3001, Severity.None);
            Assert.AreEqual("", TextReporter.Format(new[] { off }, color: false));
        }

        [TestMethod]
        public void ColourOnlyWhenAsked()
        {
            var file = new SourceFile("x.sql", "CREATE TABLE t (a int);");
            Diagnostic diagnostic = TestData.Make(TestData.At(file, "t"));

            string plain = TextReporter.Format(new[] { diagnostic }, color: false);
            string colored = TextReporter.Format(new[] { diagnostic }, color: true);

            Assert.IsFalse(plain.Contains('\u001b'));
            Assert.IsTrue(colored.Contains("\u001b[1;31merror\u001b[0m"), colored);
            Assert.AreEqual(plain, System.Text.RegularExpressions.Regex.Replace(colored, "\u001b\\[[0-9;]*m", ""));
        }

        [TestMethod]
        public void SummaryCountsEachSeverity()
        {
            var file = new SourceFile("x.sql", "CREATE TABLE t (a int);");
            Location at = TestData.At(file, "CREATE");
            var diagnostics = new[]
            {
                TestData.Make(at), TestData.Make(at, RuleCatalog.RG1002),
                TestData.Make(at, RuleCatalog.RG2001), TestData.Make(at, RuleCatalog.RG2002),
                TestData.Make(at, RuleCatalog.RG2002), TestData.Make(at, RuleCatalog.RG2002),
            };

            Assert.AreEqual("2 errors, 1 warnings, 3 suggestions in 4 files (17 ms)", ReportCounts.Of(diagnostics).Summary(4, 17));
        }
    }
}
