using System.Collections.Generic;

namespace ReplicaGuard.Text
{
    /// <summary>
    /// Line starts of a text, computed once. A line ends at "\n", "\r\n" or a lone "\r", as editors count them.
    /// Lookup is a binary search, so mapping every diagnostic of a large file stays cheap.
    /// </summary>
    public sealed class LineMap
    {
        private readonly int[] _lineStarts;
        private readonly int _length;

        public LineMap(string text)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    starts.Add(i + 1);
                }
                else if (c == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            _lineStarts = starts.ToArray();
            _length = text.Length;
        }

        public int LineCount => _lineStarts.Length;

        public int GetLineStart(int line) => _lineStarts[line];

        /// <summary>End of the line's content, before its line break.</summary>
        public int GetLineEnd(int line, string text)
        {
            int end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _length;
            while (end > _lineStarts[line] && (text[end - 1] == '\n' || text[end - 1] == '\r'))
            {
                end--;
            }
            return end;
        }

        public int GetLine(int position)
        {
            if (position <= 0)
            {
                return 0;
            }
            if (position > _length)
            {
                position = _length;
            }

            int lo = 0, hi = _lineStarts.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (_lineStarts[mid] <= position)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        public LinePosition GetPosition(int position)
        {
            int line = GetLine(position);
            if (position > _length)
            {
                position = _length;
            }
            return new LinePosition(line, position < 0 ? 0 : position - _lineStarts[line]);
        }

        public LinePositionSpan GetSpan(TextSpan span) => new LinePositionSpan(GetPosition(span.Start), GetPosition(span.End));
    }
}
