using System.Collections.Generic;
using System.Threading;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// The lexer's working arrays (token kinds, starts, significant indexes, statement ranges) and the name table's, kept between
    /// <see cref="Parser.Parse"/> calls. For a large file they are megabytes on the large-object heap (GitLab's
    /// structure.sql: ~4.8 MB per parse), and allocating them anew every parse set off a full collection about
    /// every third run. A parse needs the tokens only until its suppressions are read, so it can hand them back.
    /// </summary>
    /// <remarks>
    /// Two sets are kept process-wide, one per slot: a parse takes one (or, when other threads hold both, makes a new
    /// set) and returns it when done, so concurrent parses never share arrays. Two, because a large file's lex takes a
    /// second set for the half it lexes on another thread (<see cref="Lexer.LexInHalves"/>). The lexer writes every
    /// entry it later reads (up to its own counts), so nothing depends on what a reused array held before.
    /// </remarks>
    internal sealed class LexBuffers
    {
        /// <summary>
        /// Larger sets are not kept (a set for 2^20 tokens, ~4 MB of text, is ~7 MB): one huge file should not pin its
        /// arrays for the process's life.
        /// </summary>
        private const int MaxKeptTokens = 1 << 20;

        private static readonly LexBuffers?[] s_kept = new LexBuffers?[2];

        public SyntaxKind[] Kinds = new SyntaxKind[0];
        public int[] Starts = new int[0];
        public int[] Significant = new int[0];
        public readonly List<StatementRange> Statements = new List<StatementRange>();

        /// <summary>The parse's <see cref="NameTable"/> arrays (GitLab: 256 KB of slots, 128 KB of hashes), kept empty.</summary>
        public string?[] Names = new string?[0];
        public int[] NameHashes = new int[0];

        /// <summary>A kept set if another parse does not hold it, else a new empty one.</summary>
        public static LexBuffers Take()
        {
            for (int i = 0; i < s_kept.Length; i++)
            {
                LexBuffers? kept = Interlocked.Exchange(ref s_kept[i], null);
                if (kept != null)
                {
                    return kept;
                }
            }
            return new LexBuffers();
        }

        /// <summary>Keeps <paramref name="buffers"/> for the next parse; the caller must not use them afterwards.</summary>
        public static void Return(LexBuffers buffers)
        {
            if (buffers.Kinds.Length > MaxKeptTokens)
            {
                return;
            }
            buffers.Statements.Clear();
            for (int i = 0; i < s_kept.Length; i++)
            {
                if (Interlocked.CompareExchange(ref s_kept[i], buffers, null) == null)
                {
                    return;
                }
            }
        }
    }
}
