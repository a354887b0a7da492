using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax
{
    /// <summary>One token: a kind and where it lies in the text. Small and copyable; the text is read on demand.</summary>
    public readonly struct Token
    {
        public Token(SyntaxKind kind, int start, int length)
        {
            Kind = kind;
            Start = start;
            Length = length;
        }

        public SyntaxKind Kind { get; }
        public int Start { get; }
        public int Length { get; }
        public int End => Start + Length;
        public TextSpan Span => new TextSpan(Start, Length);

        public bool IsTrivia => Kind == SyntaxKind.Whitespace || Kind == SyntaxKind.LineComment || Kind == SyntaxKind.BlockComment;

        public override string ToString() => $"{Kind}{Span}";
    }
}
