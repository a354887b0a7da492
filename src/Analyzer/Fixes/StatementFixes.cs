using System.Collections.Generic;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// Fixes for one statement that PostgreSQL rejects on several tables at once (a DELETE or UPDATE through a
    /// partitioned or inheritance parent reaches every leaf): fixing one leaf leaves the statement failing on the
    /// next, so each leaf's fix also carries the other failing leaves' fix of the same kind (else their best one whose
    /// edits do not overlap it).
    /// </summary>
    public static class StatementFixes
    {
        /// <summary>
        /// The fixes of each failing leaf (same order as <paramref name="perLeaf"/>), each extended with the other
        /// leaves' edits. A fix stays alone when another leaf has no fix or the edits would overlap.
        /// </summary>
        public static List<List<CodeFix>> Together(List<List<CodeFix>> perLeaf)
        {
            var result = new List<List<CodeFix>>(perLeaf.Count);
            for (int i = 0; i < perLeaf.Count; i++)
            {
                var combined = new List<CodeFix>(perLeaf[i].Count);
                foreach (CodeFix fix in perLeaf[i])
                {
                    combined.Add(WithOthers(fix, perLeaf, i) ?? fix);
                }
                result.Add(combined);
            }
            return result;
        }

        private static CodeFix? WithOthers(CodeFix fix, List<List<CodeFix>> perLeaf, int self)
        {
            if (IsSuppression(fix))
            {
                return null; // a suppression is about the statement already
            }
            var edits = new List<TextEdit>(fix.Edits);
            var titles = new List<string> { fix.Title };
            for (int j = 0; j < perLeaf.Count; j++)
            {
                if (j == self)
                {
                    continue;
                }
                List<TextEdit>? joined = null;
                foreach (CodeFix other in SameKindFirst(perLeaf[j], fix.EquivalenceKey))
                {
                    joined = Joined(edits, other);
                    if (joined != null)
                    {
                        titles.Add(other.Title);
                        break;
                    }
                }
                if (joined == null)
                {
                    return null;
                }
                edits = joined;
            }
            return new CodeFix(string.Join("; and ", titles.ToArray()), edits, fix.EquivalenceKey);
        }

        private static bool IsSuppression(CodeFix fix) =>
            fix.EquivalenceKey == FixKinds.SuppressStatement || fix.EquivalenceKey == FixKinds.SuppressFile;

        /// <summary>A leaf's fixes other than suppressions, the one of <paramref name="kind"/> first, then best first.</summary>
        private static IEnumerable<CodeFix> SameKindFirst(List<CodeFix> fixes, string kind)
        {
            foreach (CodeFix fix in fixes)
            {
                if (fix.EquivalenceKey == kind)
                {
                    yield return fix;
                    break;
                }
            }
            foreach (CodeFix fix in fixes)
            {
                if (fix.EquivalenceKey != kind && !IsSuppression(fix))
                {
                    yield return fix;
                }
            }
        }

        /// <summary><paramref name="edits"/> with the other fix's edits, or null when one of them overlaps.</summary>
        private static List<TextEdit>? Joined(List<TextEdit> edits, CodeFix other)
        {
            var joined = new List<TextEdit>(edits);
            foreach (TextEdit edit in other.Edits)
            {
                if (!Add(joined, edit))
                {
                    return null;
                }
            }
            return joined;
        }

        /// <summary>
        /// Adds the edit; two insertions at one point (both fixes placed right before the statement) become one, in
        /// order. An edit already there is not added again: two leaves published through their parent's list item
        /// both remove that item's filter. False when it replaces text another edit touches.
        /// </summary>
        private static bool Add(List<TextEdit> edits, TextEdit edit)
        {
            for (int k = 0; k < edits.Count; k++)
            {
                TextEdit other = edits[k];
                if (other.File.Path != edit.File.Path)
                {
                    continue;
                }
                if (other.Span.Equals(edit.Span) && other.NewText == edit.NewText)
                {
                    return true;
                }
                if (other.Span.Start == edit.Span.Start && other.Span.Length == 0 && edit.Span.Length == 0)
                {
                    edits[k] = new TextEdit(other.File, other.Span, other.NewText + edit.NewText);
                    return true;
                }
                if (other.Span.Start == edit.Span.Start || (edit.Span.Start < other.Span.End && other.Span.Start < edit.Span.End))
                {
                    return false;
                }
            }
            edits.Add(edit);
            return true;
        }
    }
}
