namespace ReplicaGuard.Text
{
    /// <summary>A 0-based line and UTF-16 column. Front ends add 1 where their host counts from 1.</summary>
    public readonly struct LinePosition
    {
        public LinePosition(int line, int character)
        {
            Line = line;
            Character = character;
        }

        public int Line { get; }
        public int Character { get; }
        public override string ToString() => $"{Line + 1}:{Character + 1}";
    }

    public readonly struct LinePositionSpan
    {
        public LinePositionSpan(LinePosition start, LinePosition end)
        {
            Start = start;
            End = end;
        }

        public LinePosition Start { get; }
        public LinePosition End { get; }
    }
}
