using System;
using System.Collections.Generic;

namespace ReplicaGuard
{
    /// <summary>
    /// Undo log of the rules' own state (their results so far, pending reports, bookkeeping). An incremental
    /// analysis keeps one so that it can roll the rules back to a file boundary together with the catalog; a
    /// one-shot analysis has none, and the rules then record nothing (hence the null-conditional calls).
    /// Entries are undone in reverse order, so each one sees the state it was recorded in.
    /// </summary>
    internal sealed class UndoLog
    {
        private readonly List<Action> _undo = new List<Action>();

        public int Mark => _undo.Count;

        public void Record(Action undo) => _undo.Add(undo);

        public void RollbackTo(int mark)
        {
            for (int i = _undo.Count - 1; i >= mark; i--)
            {
                _undo[i]();
            }
            if (mark < _undo.Count)
            {
                _undo.RemoveRange(mark, _undo.Count - mark);
            }
        }

        /// <summary>Call just before adding one item to <paramref name="list"/>.</summary>
        public void ListAdd<T>(List<T> list) => Record(() => list.RemoveAt(list.Count - 1));

        /// <summary>Call just before setting or adding <paramref name="key"/>: restores its value or its absence.</summary>
        public void DictionaryEntry<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key)
            where TKey : notnull
        {
            if (dictionary.TryGetValue(key, out TValue? previous))
            {
                Record(() => dictionary[key] = previous);
            }
            else
            {
                Record(() => dictionary.Remove(key));
            }
        }

        /// <summary>Call after <paramref name="item"/> was added to <paramref name="set"/> (and was not there before).</summary>
        public void SetAdded<T>(HashSet<T> set, T item) => Record(() => set.Remove(item));

        /// <summary>Records the current value of a counter, to be restored through <paramref name="restore"/>.</summary>
        public void Counter(int value, Action<int> restore) => Record(() => restore(value));
    }
}
