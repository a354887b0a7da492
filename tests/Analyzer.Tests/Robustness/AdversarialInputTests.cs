using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Migrations;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>
    /// Hostile inputs (issue 8, item 2). Each runs on a thread with a 256 KB stack, far below the 1 MB an IDE
    /// thread has, so any recursion per nesting level or per statement overflows here first; each must finish
    /// within the fuzzer's linear bound and give a result that makes sense.
    /// </summary>
    [TestClass]
    public sealed class AdversarialInputTests
    {
        private const int SmallStack = 256 * 1024;
        private const int TenMegabytes = 10 * 1024 * 1024;
        private const string Table = "CREATE TABLE t (a int);\n";

        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public void TenMegabyteUnterminatedBlockComment() => AssertOnlyTableReported(Table + "/*" + Fill(TenMegabytes, "x /* y */ "));

        [TestMethod]
        public void TenMegabyteUnterminatedString() => AssertOnlyTableReported(Table + "SELECT '" + Fill(TenMegabytes, "it''s; \\' "));

        [TestMethod]
        public void TenMegabyteUnterminatedEscapeString() => AssertOnlyTableReported(Table + "SELECT E'" + Fill(TenMegabytes, "\\' ; "));

        [TestMethod]
        public void TenMegabyteUnterminatedQuotedIdentifier() => AssertOnlyTableReported(Table + "CREATE TABLE \"" + Fill(TenMegabytes, "a\"\"b; "));

        [TestMethod]
        public void TenMegabyteUnterminatedDollarBody() => AssertOnlyTableReported(Table + "DO $body$ " + Fill(TenMegabytes, "$bod$ $body $$ ; "));

        [TestMethod]
        public void TenMegabyteIdentifier()
        {
            // A name far past NAMEDATALEN (63): PostgreSQL truncates it; the engine must neither choke nor misplace it.
            string name = new string('n', TenMegabytes);
            AnalysisResult result = Analyze("CREATE TABLE " + name + " (a int);");
            Assert.AreEqual(1, result.Diagnostics.Count, Summary(result));
            Assert.AreEqual("RG1001", result.Diagnostics[0].Id);
            Assert.AreEqual(0, result.Diagnostics[0].Location.Span.Start);
        }

        [TestMethod]
        public void HundredThousandNestedParenthesesInADefault()
        {
            string nested = new string('(', 100_000) + "1" + new string(')', 100_000);
            AnalysisResult result = Analyze("CREATE TABLE t (a int DEFAULT " + nested + ", b int);\nALTER TABLE t ADD PRIMARY KEY (b);");
            Assert.AreEqual(0, result.Diagnostics.Count, "the key makes t publishable: " + Summary(result));
            Assert.AreEqual(0, result.Rejected.Count, Summary(result));
        }

        [TestMethod]
        public void HundredThousandUnclosedParenthesesAndBrackets()
        {
            AssertOnlyTableReported(Table + "SELECT " + Fill(200_000, "(["));
            AssertOnlyTableReported(Table + "CREATE TABLE u (a int DEFAULT " + new string('(', 100_000));
            AssertOnlyTableReported(Table + "ALTER TABLE t ADD COLUMN b int" + Fill(200_000, "[("));
        }

        [TestMethod]
        public void HundredThousandClosingParentheses()
        {
            AssertOnlyTableReported(Table + "SELECT 1" + new string(')', 100_000) + ";\nCREATE INDEX ON t ((a" + new string(')', 100_000) + ";");
        }

        [TestMethod]
        public void HundredThousandStatementsOnOneLine()
        {
            var starts = new List<int>();
            string text = TablesOnOneLine(100_000, starts);
            string quarter = TablesOnOneLine(25_000, null);

            // Linear, not just under the bound: a quarter of the statements takes about a quarter of the time
            // (quadratic would be a sixteenth). Warm first, best of two each, to keep JIT and GC pauses out.
            Analyze(quarter);
            double quarterMs = BestOfTwo(quarter, out _);
            double fullMs = BestOfTwo(text, out AnalysisResult result);
            TestContext.WriteLine($"100,000 statements {fullMs:F0} ms, 25,000 statements {quarterMs:F0} ms");
            Assert.IsTrue(fullMs < 8 * quarterMs + 1000, $"100,000 statements took {fullMs:F0} ms, 25,000 took {quarterMs:F0} ms: worse than linear");
            Assert.AreEqual(100_000, result.Diagnostics.Count);
            for (int i = 0; i < starts.Count; i += 9_999)
            {
                Diagnostic d = result.Diagnostics[i];
                Assert.AreEqual("public.t" + i, d.ObjectName);
                Assert.AreEqual(0, d.Location.LineSpan.Start.Line);
                Assert.AreEqual(starts[i], d.Location.LineSpan.Start.Character, "column of t" + i);
            }
        }

        [TestMethod]
        public void HundredThousandEmptyAndTrivialStatementsOnOneLine()
        {
            AssertOnlyTableReported(Table + Fill(100_000 * 9, "select 1;"));
        }

        [TestMethod]
        [DataRow(";")]
        [DataRow(";;;;;;;;;;")]
        [DataRow(";\n;\r\n;\r;")]
        public void FileOfOnlySemicolons(string text)
        {
            AnalysisResult result = Analyze(text);
            Assert.AreEqual(0, result.Diagnostics.Count, Summary(result));
            Assert.AreEqual(0, result.Rejected.Count, Summary(result));
        }

        [TestMethod]
        public void MillionSemicolons()
        {
            AnalysisResult result = Analyze(new string(';', 1_000_000));
            Assert.AreEqual(0, result.Diagnostics.Count, Summary(result));
        }

        [TestMethod]
        [DataRow("\n", "\n", "\n")]
        [DataRow("\r\n", "\r\n", "\r\n")]
        [DataRow("\r", "\r", "\r")]
        [DataRow("\r\n", "\r", "\n")]
        [DataRow("\n", "\r", "\r\n")]
        public void LineAndColumnAreRightForEveryLineEnding(string first, string second, string third)
        {
            // Line 5 holds the table, at column 3; a CR-LF pair must count as one break, a lone CR as one.
            string text = "-- header" + first + "SELECT 1;" + second + "/* a" + third + "   b */" + first + "  CREATE TABLE t (a int);" + second;
            AnalysisResult result = Analyze(text);
            Assert.AreEqual(1, result.Diagnostics.Count, Summary(result));
            LinePositionSpan position = result.Diagnostics[0].Location.LineSpan;
            Assert.AreEqual(5, position.Start.Line + 1, "line");
            Assert.AreEqual(3, position.Start.Character + 1, "column");
            Assert.AreEqual(text.IndexOf("CREATE", StringComparison.Ordinal), result.Diagnostics[0].Location.Span.Start);
        }

        [TestMethod]
        public void EncodingsWithAndWithoutBomGiveTheSameResult()
        {
            string text = "-- é ü 中\r\nCREATE TABLE \"café\" (a int);\r\n";
            string expected = Render(Analyze(text));
            StringAssert.Contains(expected, "public.café");
            var encodings = new (string Name, byte[] Bytes)[]
            {
                ("utf-8", Encoding.UTF8.GetBytes(text)),
                ("utf-8 BOM", Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Encoding.UTF8.GetBytes(text))),
                ("utf-16le BOM", Concat(new byte[] { 0xFF, 0xFE }, Encoding.Unicode.GetBytes(text))),
                ("utf-16be BOM", Concat(new byte[] { 0xFE, 0xFF }, Encoding.BigEndianUnicode.GetBytes(text))),
            };
            using (var folder = new TempFolder())
            {
                foreach (var (name, bytes) in encodings)
                {
                    string path = folder.WriteBytes("m.sql", bytes);
                    MigrationText decoded = MigrationFileReader.Read(path);
                    Assert.AreEqual(text, decoded.Text, name);
                    Assert.AreEqual(expected, Render(Analyze(decoded.Text)), name);
                }
            }
        }

        [TestMethod]
        public void Latin1BytesAreAClearErrorNotGarbage()
        {
            byte[] latin1 = Encoding.Latin1.GetBytes("-- ok\nCREATE TABLE caf\u00e9 (a int);\n");
            using (var folder = new TempFolder())
            {
                string path = folder.WriteBytes("latin1.sql", latin1);
                var error = Assert.ThrowsExactly<MigrationInputException>(() => MigrationFileReader.Read(path));
                StringAssert.Contains(error.Message, "not UTF-8 text");
                StringAssert.Contains(error.Message, "0xE9");
                StringAssert.Contains(error.Message, "line 2");
                StringAssert.Contains(error.Message, "latin1.sql");
                Assert.AreEqual(path, error.PathName);
            }
        }

        [TestMethod]
        public void Utf16WithoutBomIsAClearError()
        {
            byte[] bytes = Encoding.Unicode.GetBytes("CREATE TABLE t (a int);");
            var error = Assert.ThrowsExactly<MigrationInputException>(() => MigrationFileReader.Decode(bytes, "u16.sql"));
            StringAssert.Contains(error.Message, "NUL");
        }

        /// <summary>
        /// The table before the hostile text is still reported (RG1001 at offset 0); the hostile statement itself
        /// may at most be reported as not understood (RG9001) on line 2, where it starts.
        /// </summary>
        private void AssertOnlyTableReported(string text)
        {
            AnalysisResult result = Analyze(text);
            Assert.IsTrue(result.Diagnostics.Count >= 1 && result.Diagnostics.Count <= 2, Summary(result));
            Assert.AreEqual("RG1001", result.Diagnostics[0].Id, Summary(result));
            Assert.AreEqual("public.t", result.Diagnostics[0].ObjectName);
            Assert.AreEqual(0, result.Diagnostics[0].Location.Span.Start);
            if (result.Diagnostics.Count == 2)
            {
                Assert.AreEqual("RG9001", result.Diagnostics[1].Id, Summary(result));
                Assert.AreEqual(1, result.Diagnostics[1].Location.LineSpan.Start.Line, Summary(result));
                Assert.AreEqual(Table.Length, result.Diagnostics[1].Location.Span.Start, Summary(result));
            }
        }

        /// <summary>
        /// One file, a FOR ALL TABLES publication, a small stack and the fuzzer's linear time bound (best of up to
        /// three runs: a GC pause or the JIT can stall one run; a super-linear cost stalls them all).
        /// </summary>
        private AnalysisResult Analyze(string text)
        {
            double bound = FuzzHarness.BoundMs(text.Length);
            AnalysisResult result = null!;
            double best = double.MaxValue;
            for (int run = 0; run < 3 && best > bound; run++)
            {
                var settings = new AnalysisSettings();
                settings.Publications.Add(new PublicationDeclaration("all") { AllTables = true });
                var stopwatch = Stopwatch.StartNew();
                result = Bounded.Run(
                    () => Engine.Analyze(new[] { SourcePreparation.Prepare("m.sql", text, settings.Placeholders) }, settings),
                    TimeSpan.FromMilliseconds(Math.Max(20_000, 4 * bound)), SmallStack);
                best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
            }
            TestContext.WriteLine($"{text.Length} chars: {best:F0} ms (bound {bound:F0} ms), {result.Diagnostics.Count} diagnostics, {result.Rejected.Count} rejected");
            Assert.IsTrue(best <= bound, $"{text.Length} chars took {best:F0} ms, more than the linear bound {bound:F0} ms");
            FuzzHarness.Render(result); // spans inside the file
            return result;
        }

        private static string Render(AnalysisResult result) => FuzzHarness.Render(result);

        private static string Summary(AnalysisResult result)
        {
            string rendering = FuzzHarness.Render(result);
            return rendering.Length <= 2000 ? rendering : rendering.Substring(0, 2000) + "...";
        }

        private double BestOfTwo(string text, out AnalysisResult result)
        {
            double best = double.MaxValue;
            result = null!;
            for (int run = 0; run < 2; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                result = Analyze(text);
                best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
            }
            return best;
        }

        private static string TablesOnOneLine(int count, List<int>? starts)
        {
            var text = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                starts?.Add(text.Length);
                text.Append("CREATE TABLE t").Append(i).Append(" (a int);");
            }
            return text.ToString();
        }

        private static string Fill(int length, string unit)
        {
            var b = new StringBuilder(length + unit.Length);
            while (b.Length < length) b.Append(unit);
            return b.ToString();
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var result = new byte[a.Length + b.Length];
            Buffer.BlockCopy(a, 0, result, 0, a.Length);
            Buffer.BlockCopy(b, 0, result, a.Length, b.Length);
            return result;
        }
    }
}
