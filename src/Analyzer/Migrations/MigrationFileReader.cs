using System;
using System.IO;
using System.Text;

namespace ReplicaGuard.Migrations
{
    /// <summary>
    /// Reads a migration file as text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM. Anything else (invalid
    /// UTF-8, a NUL byte, an unreadable file) is a <see cref="MigrationInputException"/> naming the file and place.
    /// </summary>
    public static class MigrationFileReader
    {
        public static MigrationText Read(string fullPath)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(fullPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException
                                      || e is NotSupportedException || e is System.Security.SecurityException)
            {
                throw new MigrationInputException(fullPath, $"{fullPath}: cannot read the migration file ({e.Message}); check that it exists and that you may read it");
            }
            return Decode(bytes, fullPath);
        }

        /// <summary>Decodes file content; <paramref name="path"/> only names the file in errors.</summary>
        public static MigrationText Decode(byte[] bytes, string path)
        {
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                return DecodeUtf16(bytes, path, MigrationText.Utf16LE, new UnicodeEncoding(false, false, true));
            }
            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            {
                return DecodeUtf16(bytes, path, MigrationText.Utf16BE, new UnicodeEncoding(true, false, true));
            }

            bool hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            int start = hasBom ? 3 : 0;
            ValidateUtf8(bytes, start, path);
            string text = new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
            return new MigrationText(text, hasBom, MigrationText.Utf8, MigrationText.DominantLineEnding(text));
        }

        private static MigrationText DecodeUtf16(byte[] bytes, string path, string encodingName, Encoding encoding)
        {
            string text;
            try
            {
                text = encoding.GetString(bytes, 2, bytes.Length - 2);
            }
            catch (DecoderFallbackException e)
            {
                string where = e.Index >= 0 ? $" at byte offset {e.Index + 2}" : "";
                throw new MigrationInputException(path, $"{path}: not {encodingName} text: invalid data{where}; re-save the file as UTF-8");
            }
            return new MigrationText(text, true, encodingName, MigrationText.DominantLineEnding(text));
        }

        // Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF; NUL rejected too
        // because a NUL in "UTF-8" is almost always UTF-16 without a BOM or a binary file.
        private static void ValidateUtf8(byte[] bytes, int start, string path)
        {
            int i = start;
            while (i < bytes.Length)
            {
                byte b = bytes[i];
                if (b == 0)
                {
                    throw Invalid(bytes, start, i, path, "a NUL byte (0x00)", "if it is UTF-16, save it with a BOM, or re-save the file as UTF-8");
                }
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int length;
                byte min = 0x80, max = 0xBF; // allowed range of the first continuation byte
                if (b >= 0xC2 && b <= 0xDF) length = 2;
                else if (b == 0xE0) { length = 3; min = 0xA0; }
                else if (b == 0xED) { length = 3; max = 0x9F; }
                else if (b >= 0xE1 && b <= 0xEF) length = 3;
                else if (b == 0xF0) { length = 4; min = 0x90; }
                else if (b == 0xF4) { length = 4; max = 0x8F; }
                else if (b >= 0xF1 && b <= 0xF3) length = 4;
                else throw InvalidByte(bytes, start, i, path);

                for (int k = 1; k < length; k++)
                {
                    if (i + k >= bytes.Length) throw InvalidByte(bytes, start, i, path);
                    byte next = bytes[i + k];
                    byte low = k == 1 ? min : (byte)0x80, high = k == 1 ? max : (byte)0xBF;
                    if (next < low || next > high) throw InvalidByte(bytes, start, i, path);
                }
                i += length;
            }
        }

        private static MigrationInputException InvalidByte(byte[] bytes, int start, int offset, string path)
        {
            return Invalid(bytes, start, offset, path, $"invalid byte 0x{bytes[offset]:X2}", "re-save the file as UTF-8");
        }

        private static MigrationInputException Invalid(byte[] bytes, int start, int offset, string path, string what, string todo)
        {
            int line = 1;
            for (int k = start; k < offset; k++)
            {
                if (bytes[k] == (byte)'\n') line++;
            }
            return new MigrationInputException(path, $"{path}: not UTF-8 text: {what} at line {line} (byte offset {offset}); {todo}");
        }
    }

    /// <summary>A migration file's text plus what is needed to write it back the same way (BOM, encoding, line ending).</summary>
    public sealed class MigrationText
    {
        public const string Utf8 = "utf-8";
        public const string Utf16LE = "utf-16le";
        public const string Utf16BE = "utf-16be";

        public MigrationText(string text, bool hasBom, string encodingName, string lineEnding)
        {
            Text = text;
            HasBom = hasBom;
            EncodingName = encodingName;
            LineEnding = lineEnding;
        }

        /// <summary>The decoded text, without the BOM.</summary>
        public string Text { get; }

        public bool HasBom { get; }

        /// <summary>"utf-8", "utf-16le" or "utf-16be".</summary>
        public string EncodingName { get; }

        /// <summary>The most frequent line break: "\n", "\r\n" or "\r" ("\n" when there is none; ties prefer "\n", then "\r\n").</summary>
        public string LineEnding { get; }

        /// <summary>Encodes <paramref name="text"/> as this file was: same encoding, BOM if it had one.</summary>
        public byte[] Encode(string text)
        {
            Encoding encoding = EncodingName == Utf16LE ? new UnicodeEncoding(false, HasBom)
                : EncodingName == Utf16BE ? new UnicodeEncoding(true, HasBom)
                : (Encoding)new UTF8Encoding(HasBom);
            byte[] preamble = encoding.GetPreamble();
            byte[] body = encoding.GetBytes(text);
            var result = new byte[preamble.Length + body.Length];
            Buffer.BlockCopy(preamble, 0, result, 0, preamble.Length);
            Buffer.BlockCopy(body, 0, result, preamble.Length, body.Length);
            return result;
        }

        public override string ToString() => Text;

        /// <summary>Lets callers that only want the text use the result as a string.</summary>
        public static implicit operator string(MigrationText text) => text.Text;

        internal static string DominantLineEnding(string text)
        {
            int lf = 0, crlf = 0, cr = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n') lf++;
                else if (text[i] == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n') { crlf++; i++; }
                    else cr++;
                }
            }
            if (lf >= crlf && lf >= cr) return "\n";
            return crlf >= cr ? "\r\n" : "\r";
        }
    }
}
