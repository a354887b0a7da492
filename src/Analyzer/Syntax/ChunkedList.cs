using System.Collections;
using System.Collections.Generic;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// An append-only list stored in arrays of at most <see cref="ChunkSize"/> references (64 KB), so that it never
    /// puts an array on the large-object heap however long it grows.
    /// </summary>
    /// <remarks>
    /// Why: a large-object array is in the oldest generation from birth. When it holds references to young objects
    /// (a parse's statements), every young collection scans it and keeps what it points to alive even after the array
    /// itself is garbage, until the next full collection: a warm analysis loop then copies the previous run's whole
    /// syntax tree into the old generation. Small arrays are collected young with the objects they hold.
    /// </remarks>
    internal sealed class ChunkedList<T> : IReadOnlyList<T>
    {
        private const int ChunkBits = 13;
        private const int ChunkSize = 1 << ChunkBits;

        private readonly List<T[]> _chunks = new List<T[]>();
        private int _count;

        public int Count => _count;

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_count)
                {
                    throw new System.ArgumentOutOfRangeException(nameof(index));
                }
                return _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
            }
        }

        /// <summary>Appends an item; <paramref name="expectedCount"/> sizes a new chunk (up to the chunk size) so a short list stays small.</summary>
        public void Add(T item, int expectedCount)
        {
            int offset = _count & (ChunkSize - 1);
            if (offset == 0 && _count >> ChunkBits == _chunks.Count)
            {
                int remaining = expectedCount - _count;
                _chunks.Add(new T[remaining >= ChunkSize ? ChunkSize : System.Math.Max(remaining, 4)]);
            }
            T[] chunk = _chunks[_count >> ChunkBits];
            if (offset == chunk.Length)
            {
                // The guess was low: grow the last chunk (never past the chunk size).
                System.Array.Resize(ref chunk, System.Math.Min(chunk.Length * 2, ChunkSize));
                _chunks[_count >> ChunkBits] = chunk;
            }
            chunk[offset] = item;
            _count++;
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (int i = 0; i < _count; i++)
            {
                yield return _chunks[i >> ChunkBits][i & (ChunkSize - 1)];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
