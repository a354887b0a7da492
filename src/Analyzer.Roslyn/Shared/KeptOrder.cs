using System;
using System.Collections.Generic;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>
    /// A project's migration order from the last compilation. The IDE hands over the same paths in the same order
    /// after most edits, and nothing else the order depends on can have changed: the history this belongs to is
    /// kept per project folder and replaced when replicaguard.json changes (<see cref="IncrementalHistories"/>).
    /// So the ordering conventions' classification and sort (about 1.2 ms for 1,000 files) are not run again:
    /// only the texts are new.
    /// Used by one compilation at a time (under the history's lock).
    /// </summary>
    internal sealed class KeptOrder
    {
        private string[] _paths = Array.Empty<string>();

        /// <summary>The applied migrations as positions in the inputs of the last call, in their order.</summary>
        private int[] _applied = Array.Empty<int>();

        /// <param name="order">Orders the inputs when their paths are not the last call's (<see cref="MigrationHistory.Order"/>).</param>
        public List<MigrationInput> Order(IReadOnlyList<MigrationInput> inputs, Func<IReadOnlyList<MigrationInput>, List<MigrationInput>> order)
        {
            if (SamePaths(inputs))
            {
                var kept = new List<MigrationInput>(_applied.Length);
                foreach (int position in _applied)
                {
                    kept.Add(inputs[position]);
                }
                return kept;
            }
            List<MigrationInput> ordered = order(inputs);
            var positions = new Dictionary<MigrationInput, int>(inputs.Count); // by reference: MigrationInput has no equality of its own
            var paths = new string[inputs.Count];
            for (int i = 0; i < inputs.Count; i++)
            {
                positions[inputs[i]] = i;
                paths[i] = inputs[i].FullPath;
            }
            var applied = new int[ordered.Count];
            for (int i = 0; i < ordered.Count; i++)
            {
                applied[i] = positions[ordered[i]];
            }
            _paths = paths;
            _applied = applied;
            return ordered;
        }

        private bool SamePaths(IReadOnlyList<MigrationInput> inputs)
        {
            if (inputs.Count != _paths.Length)
            {
                return false;
            }
            for (int i = 0; i < _paths.Length; i++)
            {
                if (!string.Equals(inputs[i].FullPath, _paths[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
