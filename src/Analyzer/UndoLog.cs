using System;
using System.Collections.Generic;
using ReplicaGuard.Model;

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
        // The catalog's journal does the recording and the reverse-order rollback; this class only adds the
        // helpers for the shapes of state the rules keep. Nothing here is ever forgotten (no Clear).
        private readonly Journal _journal = new Journal { KeepAll = true };

        public int Mark => _journal.Mark;

        public void Record(Action undo) => _journal.Record(undo);

        public void RollbackTo(int mark) => _journal.RollbackTo(mark);

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
