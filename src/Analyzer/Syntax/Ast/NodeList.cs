using System;
using System.Collections;
using System.Collections.Generic;

namespace ReplicaGuard.Syntax.Ast
{
    /// <summary>
    /// A syntax node's list of children: read-only to everyone but the parser. Most such lists stay empty (a column's
    /// inline constraints, an index element's referenced columns, a table's LIKE clauses: tens of thousands in a big
    /// schema), so every empty list is one shared instance and a list allocates only when its first item arrives.
    /// </summary>
    /// <remarks>
    /// Most lists that are not empty hold one item (an ALTER TABLE's one action, a key's one column, an index's one
    /// element): the first item lives in a field and an array is made only for the items after it, so such a list
    /// is one object for the garbage collector instead of two. foreach uses a struct enumerator, so reading a list
    /// allocates nothing.
    /// </remarks>
    public sealed class NodeList<T> : IReadOnlyList<T>
    {
        /// <summary>The shared empty list: never modified (<see cref="Add"/> replaces it instead).</summary>
        public static readonly NodeList<T> Empty = new NodeList<T>();

        private T _first = default!;

        /// <summary>Items 1, 2, ... (item 0 is <see cref="_first"/>); may be longer than needed.</summary>
        private T[] _rest = Array.Empty<T>();
        private int _count;

        private NodeList()
        {
        }

        public int Count => _count;

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }
                return ItemAt(index);
            }
        }

        /// <summary>Item <paramref name="index"/>, which the caller has checked is below <see cref="Count"/>.</summary>
        private T ItemAt(int index) => index == 0 ? _first : _rest[index - 1];

        /// <summary>True when an item equals <paramref name="item"/> (default equality), as List's Contains.</summary>
        public bool Contains(T item)
        {
            EqualityComparer<T> comparer = EqualityComparer<T>.Default;
            for (int i = 0; i < _count; i++)
            {
                if (comparer.Equals(ItemAt(i), item))
                {
                    return true;
                }
            }
            return false;
        }

        public bool Exists(Predicate<T> match) => Find(match, out _);

        public bool TrueForAll(Predicate<T> match) => !Exists(item => !match(item));

        /// <summary>The first item that matches, or the type's default, as List's Find.</summary>
        public T? Find(Predicate<T> match) => Find(match, out T? found) ? found : default;

        private bool Find(Predicate<T> match, out T? found)
        {
            for (int i = 0; i < _count; i++)
            {
                T item = ItemAt(i);
                if (match(item))
                {
                    found = item;
                    return true;
                }
            }
            found = default;
            return false;
        }

        /// <summary>
        /// Appends <paramref name="item"/> and returns the list that holds it: this one, or a new one when this is
        /// the shared <see cref="Empty"/>. Always store the result: <c>node.Items = node.Items.Add(item)</c>.
        /// </summary>
        internal NodeList<T> Add(T item)
        {
            NodeList<T> list = ReferenceEquals(this, Empty) ? new NodeList<T>() : this;
            list.Append(item);
            return list;
        }

        /// <summary>A list of <paramref name="items"/>' items, its array sized exactly (the shared <see cref="Empty"/> when none).</summary>
        internal static NodeList<T> From(List<T> items)
        {
            if (items.Count == 0)
            {
                return Empty;
            }
            var list = new NodeList<T> { _first = items[0], _count = items.Count };
            if (items.Count > 1)
            {
                list._rest = new T[items.Count - 1];
                items.CopyTo(1, list._rest, 0, items.Count - 1);
            }
            return list;
        }

        /// <summary>Appends every item, with <see cref="Add"/>'s contract.</summary>
        internal NodeList<T> AddRange(IEnumerable<T> items)
        {
            NodeList<T> list = this;
            foreach (T item in items)
            {
                list = list.Add(item);
            }
            return list;
        }

        private void Append(T item)
        {
            if (_count == 0)
            {
                _first = item;
            }
            else
            {
                if (_count - 1 == _rest.Length)
                {
                    Array.Resize(ref _rest, Math.Max(2, _rest.Length * 2));
                }
                _rest[_count - 1] = item;
            }
            _count++;
        }

        public Enumerator GetEnumerator() => new Enumerator(this);

        IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<T>
        {
            private readonly NodeList<T> _list;
            private int _index;

            internal Enumerator(NodeList<T> list)
            {
                _list = list;
                _index = -1;
            }

            public T Current => _list.ItemAt(_index);

            object? IEnumerator.Current => Current;

            public bool MoveNext() => ++_index < _list._count;

            public void Reset() => _index = -1;

            public void Dispose()
            {
            }
        }
    }
}
