using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Output;

namespace ReplicaGuard.Tests
{
    /// <summary>The JSON report's hand-written writer must produce exactly what System.Text.Json's indented writer did.</summary>
    [TestClass]
    public sealed class IndentedJsonWriterTests
    {
        private static readonly JsonWriterOptions ReferenceOptions = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        [TestMethod]
        public void LayoutMatchesUtf8JsonWriter()
        {
            var ours = new IndentedJsonWriter();
            string reference = Reference(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("version", 1);
                w.WriteStartObject("empty");
                w.WriteEndObject();
                w.WriteStartArray("none");
                w.WriteEndArray();
                w.WriteNull("nothing");
                w.WriteNumber("negative", -42);
                w.WriteStartArray("results");
                w.WriteStartObject();
                w.WriteString("k", "v");
                w.WriteStartArray("inner");
                w.WriteStartObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            });
            ours.StartObject();
            ours.Number("version", 1);
            ours.StartObject("empty");
            ours.EndObject();
            ours.StartArray("none");
            ours.EndArray();
            ours.Null("nothing");
            ours.Number("negative", -42);
            ours.StartArray("results");
            ours.StartObject();
            ours.String("k", "v");
            ours.StartArray("inner");
            ours.StartObject();
            ours.EndObject();
            ours.EndArray();
            ours.EndObject();
            ours.StartObject();
            ours.EndObject();
            ours.EndArray();
            ours.EndObject();
            Assert.AreEqual(reference, ours.ToString());
        }

        [TestMethod]
        public void EveryAsciiCharacterIsEscapedAsUtf8JsonWriterDoes()
        {
            for (int c = 0; c < 0x80; c++)
            {
                string value = "a" + (char)c + "b";
                Assert.AreEqual(ReferenceString(value), OursString(value), $"U+{c:X4}");
            }
        }

        [TestMethod]
        public void NonAsciiStringsAreEscapedAsUtf8JsonWriterDoes()
        {
            // Separators, BOM, private use, unassigned, noncharacters, astral, lone surrogates, and ordinary text.
            string[] samples = { "é", "\u0085", "\u00A0", "\u00AD", "\u2028x\u2029", "\uFEFF", "\uFFFD", "\uE000", "\uFFFF", "\u0378",
                "😀 \"q\"\n", "a\uD800b", "\uDC00", "中文 <tag> & 'x'", "\u200B", "ÿ\t\\" };
            foreach (string value in samples)
            {
                Assert.AreEqual(ReferenceString(value), OursString(value), value);
            }
            var random = new Random(7);
            for (int i = 0; i < 20000; i++)
            {
                var text = new StringBuilder();
                int length = random.Next(1, 8);
                for (int k = 0; k < length; k++)
                {
                    int kind = random.Next(4);
                    text.Append(kind == 0 ? (char)random.Next(0, 0x80) : kind == 1 ? (char)random.Next(0x80, 0x800) : kind == 2 ? (char)random.Next(0x800, 0x10000) : '"');
                }
                string value = text.ToString();
                Assert.AreEqual(ReferenceString(value), OursString(value), string.Join(",", Array.ConvertAll(value.ToCharArray(), c => ((int)c).ToString("X4"))));
            }
        }

        private static string OursString(string value)
        {
            var ours = new IndentedJsonWriter();
            ours.StartObject();
            ours.String("s", value);
            ours.EndObject();
            return ours.ToString();
        }

        private static string ReferenceString(string value) => Reference(w =>
        {
            w.WriteStartObject();
            w.WriteString("s", value);
            w.WriteEndObject();
        });

        private static string Reference(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, ReferenceOptions))
            {
                write(writer);
            }
            return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n");
        }
    }
}
