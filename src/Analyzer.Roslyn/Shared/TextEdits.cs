using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>
    /// Edits to text for the code fixes, through the engine's <see cref="TextEditApplier"/> — the same applier
    /// `replicaguard fix` uses — so the IDE and the CLI write the same text.
    /// </summary>
    internal static class TextEdits
    {
        /// <summary>
        /// All or nothing: false, leaving <paramref name="result"/> as the input, when any edit is out of range or
        /// overlaps another (a bad fix must change nothing rather than corrupt the file).
        /// </summary>
        public static bool TryApply(string text, IReadOnlyList<TextEdit> edits, out string result)
        {
            TextEditResult applied = TextEditApplier.Apply(text, edits);
            bool whole = applied.Conflicts.Count == 0;
            result = whole ? applied.Text : text;
            return whole;
        }

        /// <summary>The edits of <paramref name="fix"/> grouped by file path, each group in the order given.</summary>
        public static Dictionary<string, List<TextEdit>> ByFile(CodeFix fix)
        {
            var byFile = new Dictionary<string, List<TextEdit>>();
            foreach (TextEdit edit in fix.Edits)
            {
                if (!byFile.TryGetValue(edit.File.Path, out List<TextEdit>? list))
                {
                    list = new List<TextEdit>();
                    byFile.Add(edit.File.Path, list);
                }
                list.Add(edit);
            }
            return byFile;
        }
    }
}
