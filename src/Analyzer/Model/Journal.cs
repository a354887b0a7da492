using System;
using System.Collections.Generic;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// Undo log of catalog changes. A statement that PostgreSQL rejects part-way (one bad ALTER TABLE action, one
    /// missing table in a DROP list) leaves no trace, and ROLLBACK undoes a transaction, as on the server.
    /// </summary>
    /// <remarks>
    /// Nearly every statement records a few steps and then forgets them, so a step is a struct holding a static
    /// (non-capturing) undo method and its arguments: recording allocates nothing. Closures are still accepted
    /// for the rare changes where that reads better.
    /// </remarks>
    internal sealed class Journal
    {
        private readonly List<UndoStep> _undo = new List<UndoStep>();

        public int Mark => _undo.Count;

        /// <summary>Counts rollbacks (anything may have changed back).</summary>
        public int Rollbacks { get; private set; }

        public void Record(UndoStep step) => _undo.Add(step);

        public void Record(Action undo) => Record(new UndoStep(RunClosure, undo));

        public void RollbackTo(int mark)
        {
            Rollbacks++;
            for (int i = _undo.Count - 1; i >= mark; i--)
            {
                UndoStep step = _undo[i];
                step.Undo(step);
            }
            if (mark < _undo.Count)
            {
                _undo.RemoveRange(mark, _undo.Count - mark);
            }
        }

        /// <summary>Forgets undo entries once nothing can roll them back (outside a transaction block).</summary>
        public void Clear()
        {
            if (!KeepAll)
            {
                _undo.Clear();
            }
        }

        /// <summary>An incremental analysis keeps every entry, to roll the catalog back to a file boundary.</summary>
        public bool KeepAll { get; set; }

        private static readonly Action<UndoStep> RunClosure = step => ((Action)step.Target)();
    }

    /// <summary>One undo step: <see cref="Undo"/> is called with the step itself, whose fields carry its arguments.</summary>
    internal readonly struct UndoStep
    {
        public UndoStep(Action<UndoStep> undo, object target, object? value = null, object? extra = null, int number = 0)
        {
            Undo = undo;
            Target = target;
            Value = value;
            Extra = extra;
            Number = number;
        }

        public Action<UndoStep> Undo { get; }

        /// <summary>The object changed.</summary>
        public object Target { get; }

        /// <summary>The value to restore, or the item to put back or take out.</summary>
        public object? Value { get; }

        public object? Extra { get; }

        public int Number { get; }
    }
}
