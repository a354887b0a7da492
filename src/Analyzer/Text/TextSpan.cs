using System;

namespace ReplicaGuard.Text
{
    /// <summary>A range of UTF-16 code units in a text: [Start, Start + Length).</summary>
    public readonly struct TextSpan : IEquatable<TextSpan>
    {
        public TextSpan(int start, int length)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }
        public int Length { get; }
        public int End => Start + Length;

        public static TextSpan FromBounds(int start, int end) => new TextSpan(start, end - start);

        public bool Contains(int position) => position >= Start && position < End;

        public bool Equals(TextSpan other) => Start == other.Start && Length == other.Length;
        public override bool Equals(object? obj) => obj is TextSpan other && Equals(other);
        public override int GetHashCode() => unchecked(Start * 397 ^ Length);
        public override string ToString() => $"[{Start}..{End})";
    }
}
