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

        // The helpers record struct steps with static undo methods (as the catalog does): no closure per entry, and
        // nothing extra for the garbage collector to keep alive across the whole history.

        /// <summary>Call just before adding one item to <paramref name="list"/>.</summary>
        public void ListAdd<T>(List<T> list) => _journal.Record(new UndoStep(Steps<T>.RemoveLast, list));

        /// <summary>Call just before setting or adding <paramref name="key"/>: restores its value or its absence.</summary>
        public void DictionaryEntry<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key)
            where TKey : notnull
        {
            if (dictionary.TryGetValue(key, out TValue? previous))
            {
                _journal.Record(new UndoStep(Entries<TKey, TValue>.Restore, dictionary, key, previous));
            }
            else
            {
                _journal.Record(new UndoStep(Entries<TKey, TValue>.Remove, dictionary, key));
            }
        }

        /// <summary>Call after <paramref name="item"/> was added to <paramref name="set"/> (and was not there before).</summary>
        public void SetAdded<T>(HashSet<T> set, T item) => _journal.Record(new UndoStep(Steps<T>.SetRemove, set, item));

        /// <summary>Records the current value of a counter, to be restored through <paramref name="restore"/>.</summary>
        public void Counter(int value, Action<int> restore) => _journal.Record(new UndoStep(RestoreCounter, restore, number: value));

        private static readonly Action<UndoStep> RestoreCounter = step => ((Action<int>)step.Target)(step.Number);

        private static class Steps<T>
        {
            public static readonly Action<UndoStep> RemoveLast = step =>
            {
                var list = (List<T>)step.Target;
                list.RemoveAt(list.Count - 1);
            };

            public static readonly Action<UndoStep> SetRemove = step => ((HashSet<T>)step.Target).Remove((T)step.Value!);
        }

        private static class Entries<TKey, TValue>
            where TKey : notnull
        {
            public static readonly Action<UndoStep> Remove = step => ((Dictionary<TKey, TValue>)step.Target).Remove((TKey)step.Value!);

            public static readonly Action<UndoStep> Restore = step => ((Dictionary<TKey, TValue>)step.Target)[(TKey)step.Value!] = (TValue)step.Extra!;
        }
    }
}
