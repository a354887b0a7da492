using System;
using System.Collections.Generic;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// Undo log of catalog changes. A statement that PostgreSQL rejects part-way (one bad ALTER TABLE action, one
    /// missing table in a DROP list) leaves no trace, and ROLLBACK undoes a transaction, as on the server.
    /// </summary>
    internal sealed class Journal
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
    }
}
