using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// The order in which a repair takes one result per table (`replicaguard fix` applies one fix per table per run):
    /// of a table's results, the one whose recommended fix lands earliest in the history goes first; the rest keep
    /// their order. A fix placed early also repairs what follows it: a key placed before a failing UPDATE (RG1002) also
    /// gives the table its identity at the end, while an end-of-history fix (RG1001) lands after the table's last
    /// change, cannot repair an earlier statement, and would then rule out that statement's own key fix.
    /// </summary>
    public static class RepairOrder
    {
        /// <summary>The diagnostics (in history order) with each table's earliest-landing result moved to that table's first place.</summary>
        public static List<Diagnostic> ForRepair(IEnumerable<Diagnostic> diagnostics)
        {
            var ordered = new List<Diagnostic>(diagnostics);
            // Files in history order, as the results meet them; a file no result is in counts as last (unknown).
            var fileRank = new Dictionary<SourceFile, int>();
            var slots = new Dictionary<string, List<int>>();
            for (int i = 0; i < ordered.Count; i++)
            {
                Diagnostic d = ordered[i];
                if (!fileRank.ContainsKey(d.Location.File))
                {
                    fileRank[d.Location.File] = fileRank.Count;
                }
                if (d.ObjectName != null)
                {
                    if (!slots.TryGetValue(d.ObjectName, out List<int>? list))
                    {
                        list = new List<int>();
                        slots[d.ObjectName] = list;
                    }
                    list.Add(i);
                }
            }
            foreach (List<int> list in slots.Values)
            {
                int best = 0;
                for (int k = 1; k < list.Count; k++)
                {
                    if (Compare(Landing(ordered[list[k]], fileRank), Landing(ordered[list[best]], fileRank)) < 0)
                    {
                        best = k;
                    }
                }
                // Move the best to the table's first slot; the others shift back one slot, keeping their order.
                Diagnostic first = ordered[list[best]];
                for (int k = best; k > 0; k--)
                {
                    ordered[list[k]] = ordered[list[k - 1]];
                }
                ordered[list[0]] = first;
            }
            return ordered;
        }

        /// <summary>
        /// Where the recommended fix lands: its first insertion (the statement that gives the identity; deleting a
        /// rejected statement on the way gives none), or its first edit when it only deletes; (file rank, offset),
        /// last when there is no fix.
        /// </summary>
        private static (int File, int Offset) Landing(Diagnostic d, Dictionary<SourceFile, int> fileRank)
        {
            (int File, int Offset) firstEdit = (int.MaxValue, int.MaxValue);
            (int File, int Offset) firstInsertion = (int.MaxValue, int.MaxValue);
            if (d.Fixes.Count == 0)
            {
                return firstEdit;
            }
            foreach (TextEdit edit in d.Fixes[0].Edits)
            {
                (int, int) at = (fileRank.TryGetValue(edit.File, out int rank) ? rank : int.MaxValue, edit.Span.Start);
                if (Compare(at, firstEdit) < 0)
                {
                    firstEdit = at;
                }
                if (!string.IsNullOrEmpty(edit.NewText) && Compare(at, firstInsertion) < 0)
                {
                    firstInsertion = at;
                }
            }
            return firstInsertion.File == int.MaxValue && firstInsertion.Offset == int.MaxValue ? firstEdit : firstInsertion;
        }

        private static int Compare((int File, int Offset) a, (int File, int Offset) b)
        {
            return a.File != b.File ? a.File.CompareTo(b.File) : a.Offset.CompareTo(b.Offset);
        }
    }
}
