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
    /// <remarks>foreach uses a struct enumerator, so reading a list allocates nothing.</remarks>
    public sealed class NodeList<T> : IReadOnlyList<T>
    {
        /// <summary>The shared empty list: never modified (<see cref="Add"/> replaces it instead).</summary>
        public static readonly NodeList<T> Empty = new NodeList<T>(Array.Empty<T>());

        private T[] _items;
        private int _count;

        private NodeList(T[] items)
        {
            _items = items;
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
                return _items[index];
            }
        }

        /// <summary>True when an item equals <paramref name="item"/> (default equality), as List's Contains.</summary>
        public bool Contains(T item)
        {
            EqualityComparer<T> comparer = EqualityComparer<T>.Default;
            for (int i = 0; i < _count; i++)
            {
                if (comparer.Equals(_items[i], item))
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
                if (match(_items[i]))
                {
                    found = _items[i];
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
            NodeList<T> list = ReferenceEquals(this, Empty) ? new NodeList<T>(new T[1]) : this;
            list.Append(item);
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
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }
            _items[_count++] = item;
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

            public T Current => _list._items[_index];

            object? IEnumerator.Current => Current;

            public bool MoveNext() => ++_index < _list._count;

            public void Reset() => _index = -1;

            public void Dispose()
            {
            }
        }
    }
}
