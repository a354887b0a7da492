using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class MigrationFileReaderTests
    {
        [TestMethod]
        public void Utf8WithoutBom()
        {
            using var temp = new TempFolder();
            string path = temp.WriteBytes("a.sql", new UTF8Encoding(false).GetBytes("select 'é';\n"));
            MigrationText text = MigrationFileReader.Read(path);
            Assert.AreEqual("select 'é';\n", text.Text);
            Assert.IsFalse(text.HasBom);
            Assert.AreEqual("utf-8", text.EncodingName);
            Assert.AreEqual("\n", text.LineEnding);
        }

        [TestMethod]
        public void Utf8BomIsDroppedFromTheTextButRecorded()
        {
            using var temp = new TempFolder();
            string path = temp.WriteBytes("a.sql", new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("select 1;\r\nselect 2;\r\n")).ToArray());
            MigrationText text = MigrationFileReader.Read(path);
            Assert.AreEqual("select 1;\r\nselect 2;\r\n", text.Text);
            Assert.IsTrue(text.HasBom);
            Assert.AreEqual("\r\n", text.LineEnding);
            CollectionAssert.AreEqual(System.IO.File.ReadAllBytes(path), text.Encode(text.Text));
        }

        [TestMethod]
        public void Utf16LittleEndianWithBom()
        {
            using var temp = new TempFolder();
            string path = temp.WriteBytes("a.sql", new UnicodeEncoding(false, true).GetPreamble().Concat(new UnicodeEncoding(false, false).GetBytes("select 'ü';\r")).ToArray());
            MigrationText text = MigrationFileReader.Read(path);
            Assert.AreEqual("select 'ü';\r", text.Text);
            Assert.AreEqual("utf-16le", text.EncodingName);
            Assert.IsTrue(text.HasBom);
            Assert.AreEqual("\r", text.LineEnding);
            CollectionAssert.AreEqual(System.IO.File.ReadAllBytes(path), text.Encode(text.Text));
        }

        [TestMethod]
        public void Utf16BigEndianWithBom()
        {
            using var temp = new TempFolder();
            string path = temp.WriteBytes("a.sql", new UnicodeEncoding(true, true).GetPreamble().Concat(new UnicodeEncoding(true, false).GetBytes("select 1;")).ToArray());
            MigrationText text = MigrationFileReader.Read(path);
            Assert.AreEqual("select 1;", text.Text);
            Assert.AreEqual("utf-16be", text.EncodingName);
        }

        [TestMethod]
        public void InvalidUtf8NamesTheByteAndTheLine()
        {
            using var temp = new TempFolder();
            byte[] bytes = Encoding.ASCII.GetBytes("select 1;\nselect 2;\nselect 'caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.ASCII.GetBytes("';\n")).ToArray();
            string path = temp.WriteBytes("latin1.sql", bytes);
            var e = Assert.ThrowsExactly<MigrationInputException>(() => MigrationFileReader.Read(path));
            Assert.AreEqual(path, e.PathName);
            StringAssert.Contains(e.Message, path);
            StringAssert.Contains(e.Message, "not UTF-8 text: invalid byte 0xE9 at line 3");
            StringAssert.Contains(e.Message, "re-save the file as UTF-8");
        }

        [TestMethod]
        [DataRow(new byte[] { 0xC0, 0xAF }, DisplayName = "overlong")]
        [DataRow(new byte[] { 0xED, 0xA0, 0x80 }, DisplayName = "surrogate")]
        [DataRow(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, DisplayName = "above U+10FFFF")]
        [DataRow(new byte[] { 0xE2, 0x82 }, DisplayName = "truncated at the end")]
        [DataRow(new byte[] { 0x80 }, DisplayName = "lone continuation")]
        public void MalformedSequencesAreRejected(byte[] bad)
        {
            byte[] bytes = Encoding.ASCII.GetBytes("x").Concat(bad).ToArray();
            var e = Assert.ThrowsExactly<MigrationInputException>(() => MigrationFileReader.Decode(bytes, "f.sql"));
            StringAssert.Contains(e.Message, $"invalid byte 0x{bad[0]:X2} at line 1 (byte offset 1)");
        }

        [TestMethod]
        public void ValidMultiByteCharactersAreAccepted()
        {
            string s = "é € 𝄞 中";
            Assert.AreEqual(s, MigrationFileReader.Decode(Encoding.UTF8.GetBytes(s), "f.sql").Text);
        }

        [TestMethod]
        public void NulByteIsRejectedWithItsLine()
        {
            byte[] bytes = Encoding.ASCII.GetBytes("a\nb\0c").ToArray();
            var e = Assert.ThrowsExactly<MigrationInputException>(() => MigrationFileReader.Decode(bytes, "f.sql"));
            StringAssert.Contains(e.Message, "NUL byte");
            StringAssert.Contains(e.Message, "line 2");
        }

        [TestMethod]
        public void MissingFileIsAnInputError()
        {
            using var temp = new TempFolder();
            string path = System.IO.Path.Combine(temp.Path, "none.sql");
            var e = Assert.ThrowsExactly<MigrationInputException>(() => MigrationFileReader.Read(path));
            StringAssert.Contains(e.Message, path);
            StringAssert.Contains(e.Message, "cannot read");
        }

        [TestMethod]
        public void DominantLineEndingIsTheMostFrequent()
        {
            Assert.AreEqual("\r\n", MigrationFileReader.Decode(Encoding.ASCII.GetBytes("a\r\nb\r\nc\n"), "f").LineEnding);
            Assert.AreEqual("\n", MigrationFileReader.Decode(Encoding.ASCII.GetBytes("a\nb\nc\r\n"), "f").LineEnding);
            Assert.AreEqual("\n", MigrationFileReader.Decode(Encoding.ASCII.GetBytes("no breaks"), "f").LineEnding);
        }

        [TestMethod]
        public void ConvertsToStringForCallersThatOnlyWantText()
        {
            string text = MigrationFileReader.Decode(Encoding.ASCII.GetBytes("select 1;"), "f");
            Assert.AreEqual("select 1;", text);
        }
    }
}
