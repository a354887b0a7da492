using ReplicaGuard.Text;

namespace ReplicaGuard.Diagnostics
{
    /// <summary>A place in a migration file, in the file's original text.</summary>
    public sealed class Location
    {
        public Location(SourceFile file, TextSpan span)
        {
            File = file;
            Span = span;
        }

        public SourceFile File { get; }

        public TextSpan Span { get; }

        public LinePositionSpan LineSpan => File.Lines.GetSpan(Span);

        public override string ToString() => $"{File.Path}({LineSpan.Start.Line + 1},{LineSpan.Start.Character + 1})";
    }
}
