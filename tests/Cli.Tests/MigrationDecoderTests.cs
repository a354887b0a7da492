using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.Tests
{
    /// <summary>The CLI's fast UTF-8 decoder must give exactly what the engine's reader gives (text, BOM, encoding, line ending).</summary>
    [TestClass]
    public sealed class MigrationDecoderTests
    {
        [DataRow("")]
        [DataRow("select 1;")]
        [DataRow("a;\nb;\n")]
        [DataRow("a;\r\nb;\r\n")]
        [DataRow("a;\rb;\r")]
        [DataRow("a;\r\nb;\nc;\n")]
        [DataRow("a;\r\nb;\r\nc;\n")]
        [DataRow("a;\rb;\rc;\r\n")]
        [DataRow("a;\r\rb;\n")]
        [DataRow("a;\n\r\n\r")]
        [DataRow("\r")]
        [DataRow("\r\n")]
        [DataRow("\u00e9t\u00e9;\r\n\u65e5\u672c;\r\n")]
        [TestMethod]
        public void MatchesTheEngineReader(string text)
        {
            foreach (bool bom in new[] { false, true })
            {
                byte[] body = Encoding.UTF8.GetBytes(text);
                byte[] bytes = bom ? Concat(Encoding.UTF8.Preamble.ToArray(), body) : body;

                MigrationText ours = MigrationDecoder.Decode(bytes, "m.sql");
                MigrationText engine = MigrationFileReader.Decode(bytes, "m.sql");

                Assert.AreEqual(engine.Text, ours.Text);
                Assert.AreEqual(engine.HasBom, ours.HasBom);
                Assert.AreEqual(engine.EncodingName, ours.EncodingName);
                Assert.AreEqual(engine.LineEnding, ours.LineEnding, $"line ending of {Escape(text)} (BOM: {bom})");
            }
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var all = new byte[a.Length + b.Length];
            a.CopyTo(all, 0);
            b.CopyTo(all, a.Length);
            return all;
        }

        private static string Escape(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n");
    }
}
