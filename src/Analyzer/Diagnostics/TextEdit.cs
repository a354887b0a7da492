using ReplicaGuard.Text;

namespace ReplicaGuard.Diagnostics
{
    /// <summary>Replace <see cref="Span"/> of a file's original text with <see cref="NewText"/>.</summary>
    public sealed class TextEdit
    {
        public TextEdit(SourceFile file, TextSpan span, string newText)
        {
            File = file;
            Span = span;
            NewText = newText;
        }

        public SourceFile File { get; }
        public TextSpan Span { get; }
        public string NewText { get; }
    }
}
