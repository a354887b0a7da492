using System;
using System.Collections.Generic;

namespace ReplicaGuard.Migrations
{
    /// <summary>
    /// Natural order of names: runs of digits compare as numbers (2_x before 10_x; leading zeros do not
    /// matter), other characters compare ordinally. Equal keys fall back to ordinal order so the result is total.
    /// </summary>
    internal sealed class NaturalComparer : IComparer<string>
    {
        public static readonly NaturalComparer Instance = new NaturalComparer();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x == null) return -1;
            if (y == null) return 1;
            int natural = CompareNatural(x, y);
            return natural != 0 ? natural : string.CompareOrdinal(x, y);
        }

        /// <summary>Natural comparison only; 0 when the names differ only in leading zeros.</summary>
        public static int CompareNatural(string x, string y)
        {
            int i = 0, j = 0;
            while (i < x.Length && j < y.Length)
            {
                if (IsDigit(x[i]) && IsDigit(y[j]))
                {
                    int endX = EndOfDigits(x, i);
                    int endY = EndOfDigits(y, j);
                    int byNumber = CompareDigitRuns(x, i, endX, y, j, endY);
                    if (byNumber != 0) return byNumber;
                    i = endX;
                    j = endY;
                    continue;
                }
                if (x[i] != y[j]) return x[i] < y[j] ? -1 : 1;
                i++;
                j++;
            }
            return (x.Length - i).CompareTo(y.Length - j);
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static int EndOfDigits(string s, int start)
        {
            int end = start;
            while (end < s.Length && IsDigit(s[end])) end++;
            return end;
        }

        // Compares as numbers of any length (timestamps overflow long): skip leading zeros, longer is bigger.
        private static int CompareDigitRuns(string x, int startX, int endX, string y, int startY, int endY)
        {
            while (startX < endX - 1 && x[startX] == '0') startX++;
            while (startY < endY - 1 && y[startY] == '0') startY++;
            int lengthX = endX - startX, lengthY = endY - startY;
            if (lengthX != lengthY) return lengthX < lengthY ? -1 : 1;
            for (int k = 0; k < lengthX; k++)
            {
                char a = x[startX + k], b = y[startY + k];
                if (a != b) return a < b ? -1 : 1;
            }
            return 0;
        }

        /// <summary>Compares '/'-separated relative paths segment by segment, each segment in natural order.</summary>
        public static int ComparePaths(IReadOnlyList<string> x, IReadOnlyList<string> y)
        {
            int count = Math.Min(x.Count, y.Count);
            for (int k = 0; k < count; k++)
            {
                int c = CompareNatural(x[k], y[k]);
                if (c != 0) return c;
            }
            return x.Count.CompareTo(y.Count);
        }
    }
}
