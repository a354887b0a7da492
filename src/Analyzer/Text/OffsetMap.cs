using System.Collections.Generic;

namespace ReplicaGuard.Text
{
    /// <summary>
    /// Maps offsets of a substituted text back to the original text. Each entry records one replaced region:
    /// where it starts in the new text, how long it is there, and where and how long it was in the original.
    /// Offsets inside a replaced region map to the region's start, so a location never points into the middle
    /// of a placeholder.
    /// </summary>
    public sealed class OffsetMap
    {
        public static readonly OffsetMap Identity = new OffsetMap(new List<Replacement>());

        private readonly List<Replacement> _replacements;

        public OffsetMap(List<Replacement> replacementsInOrder)
        {
            _replacements = replacementsInOrder;
        }

        public bool IsIdentity => _replacements.Count == 0;

        public IReadOnlyList<Replacement> Replacements => _replacements;

        public int ToOriginal(int offset)
        {
            // Binary search for the last replacement starting at or before offset.
            int lo = 0, hi = _replacements.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                if (_replacements[mid].NewStart <= offset)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            if (found < 0)
            {
                return offset;
            }

            Replacement r = _replacements[found];
            if (offset < r.NewStart + r.NewLength)
            {
                return r.OriginalStart;
            }
            return offset - (r.NewStart + r.NewLength) + r.OriginalStart + r.OriginalLength;
        }

        public readonly struct Replacement
        {
            public Replacement(int originalStart, int originalLength, int newStart, int newLength)
            {
                OriginalStart = originalStart;
                OriginalLength = originalLength;
                NewStart = newStart;
                NewLength = newLength;
            }

            public int OriginalStart { get; }
            public int OriginalLength { get; }
            public int NewStart { get; }
            public int NewLength { get; }
        }
    }
}
