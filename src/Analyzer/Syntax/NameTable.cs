using System;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// The names of one parse, each made into a string once: a file names the same schemas, tables and columns
    /// thousands of times, and one shared string per distinct name keeps the syntax trees (which live through
    /// the replay) small. Lives for one <see cref="Parser.Parse"/> call only, so it cannot change results.
    /// Only names that <see cref="Identifiers.Truncate"/> leaves unchanged are kept; others are built as before.
    /// </summary>
    internal sealed class NameTable
    {
        /// <summary>Up to this many chars a name is at most 63 UTF-8 bytes whatever it holds (3 bytes per char).</summary>
        private const int AlwaysShortEnough = Identifiers.MaxBytes / 3;

        private string?[] _names;
        private int[] _hashes;
        private int _count;

        /// <param name="textLength">Length of the text parsed: a large file has many distinct names (GitLab's
        /// 2.7 MB about fifteen thousand), so the table starts at its final size instead of regrowing.</param>
        public NameTable(int textLength)
        {
            int size = SizeFor(textLength);
            _names = new string?[size];
            _hashes = new int[size];
        }

        /// <summary>
        /// As <see cref="NameTable(int)"/>, in the arrays <paramref name="buffers"/> kept from an earlier parse when they
        /// are of a fitting size (up to 4 times the size wanted): handed back empty, so the table starts empty.
        /// </summary>
        public NameTable(int textLength, LexBuffers buffers)
        {
            int size = SizeFor(textLength);
            int kept = buffers.Names.Length;
            bool fits = kept >= size && kept <= size * 4 && buffers.NameHashes.Length == kept;
            _names = fits ? buffers.Names : new string?[size];
            _hashes = fits ? buffers.NameHashes : new int[size];
        }

        private static int SizeFor(int textLength)
        {
            int size = 256;
            while (size < textLength / 128 && size < (1 << 20))
            {
                size <<= 1;
            }
            return size;
        }

        /// <summary>
        /// Gives the arrays (grown or not) to <paramref name="buffers"/>, emptied: the next parse starts from an empty
        /// table, and the kept array (old, on the large-object heap for a large file) holds no strings alive.
        /// The table must not be used afterwards.
        /// </summary>
        public void HandBack(LexBuffers buffers)
        {
            Array.Clear(_names, 0, _names.Length);
            buffers.Names = _names;
            buffers.NameHashes = _hashes;
        }

        /// <summary>Same result as <see cref="Identifiers.Normalize"/>.</summary>
        public string Normalize(string text, Token token)
        {
            switch (token.Kind)
            {
                case SyntaxKind.Identifier:
                    return Get(text, token.Start, token.Length, foldCase: true) ?? Identifiers.Normalize(text, token);
                case SyntaxKind.QuotedIdentifier:
                    // "name" without "" escapes: the name is the text between the quotes.
                    int inner = token.Length - 2;
                    if (inner > 0 && text[token.End - 1] == '"' && text.IndexOf('"', token.Start + 1, inner) < 0)
                    {
                        return Get(text, token.Start + 1, inner, foldCase: false) ?? Identifiers.Normalize(text, token);
                    }
                    return Identifiers.Normalize(text, token);
                default:
                    return Identifiers.Normalize(text, token);
            }
        }

        /// <summary>Same result as <see cref="Identifiers.FoldCase(string, int, int)"/> (no truncation).</summary>
        public string FoldCase(string text, int start, int length)
        {
            return Get(text, start, length, foldCase: true) ?? Identifiers.FoldCase(text, start, length);
        }

        /// <summary>
        /// The shared string for text[start, start+length) (ASCII letters lower-cased when <paramref name="foldCase"/>),
        /// or null when the name could be truncated (the caller then builds it the ordinary way).
        /// </summary>
        private string? Get(string text, int start, int length, bool foldCase)
        {
            int hash = -2128831035; // FNV-1a
            char all = '\0';
            for (int i = start; i < start + length; i++)
            {
                char c = Fold(text[i], foldCase);
                all |= c;
                hash = (hash ^ c) * 16777619;
            }
            bool fitsUnchanged = length <= AlwaysShortEnough || (all < 0x80 && length <= Identifiers.MaxBytes);
            if (!fitsUnchanged || length == 0)
            {
                return null;
            }

            int mask = _names.Length - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                string? name = _names[slot];
                if (name == null)
                {
                    name = SharedNames.Get(hash, text, start, length, foldCase);
                    Add(slot, hash, name);
                    return name;
                }
                if (_hashes[slot] == hash && Matches(name, text, start, length, foldCase))
                {
                    return name;
                }
            }
        }

        internal static char Fold(char c, bool foldCase) => foldCase && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

        internal static bool Matches(string name, string text, int start, int length, bool foldCase)
        {
            if (name.Length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (name[i] != Fold(text[start + i], foldCase))
                {
                    return false;
                }
            }
            return true;
        }

        private void Add(int slot, int hash, string name)
        {
            _names[slot] = name;
            _hashes[slot] = hash;
            if (++_count * 2 > _names.Length)
            {
                Grow();
            }
        }

        /// <summary>Doubles the table so it stays at most half full (short probe runs).</summary>
        private void Grow()
        {
            string?[] oldNames = _names;
            int[] oldHashes = _hashes;
            _names = new string?[oldNames.Length * 2];
            _hashes = new int[oldNames.Length * 2];
            int mask = _names.Length - 1;
            for (int i = 0; i < oldNames.Length; i++)
            {
                if (oldNames[i] == null)
                {
                    continue;
                }
                int slot = oldHashes[i] & mask;
                while (_names[slot] != null)
                {
                    slot = (slot + 1) & mask;
                }
                _names[slot] = oldNames[i];
                _hashes[slot] = oldHashes[i];
            }
        }
    }

    /// <summary>
    /// Name strings shared by all parses: a fixed number of slots, each holding the last name whose hash fell there.
    /// Re-parsing a file (the IDE on every edit, 1,000 files naming the same tables and columns) then builds almost no
    /// new name strings, so fewer objects survive into the trees (GitLab: ~15k strings, 1.2 MB per parse). A slot only
    /// ever holds a string compared char by char before it is used, so a collision or a race between two parses costs
    /// a new string, never a wrong one; the memory is bounded (the slots plus one string each).
    /// </summary>
    internal static class SharedNames
    {
        // 2^16 slots (512 KB of references on 64-bit): GitLab's ~15k distinct names mostly keep their own slot.
        private static readonly string?[] Slots = new string?[1 << 16];

        public static string Get(int hash, string text, int start, int length, bool foldCase)
        {
            int slot = hash & (Slots.Length - 1);
            string? cached = Slots[slot];
            if (cached != null && NameTable.Matches(cached, text, start, length, foldCase))
            {
                return cached;
            }
            string name = foldCase ? Identifiers.FoldCase(text, start, length) : text.Substring(start, length);
            Slots[slot] = name;
            return name;
        }
    }
}
