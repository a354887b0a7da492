using System;

namespace ReplicaGuard.Text
{
    /// <summary>
    /// One migration file. <see cref="Text"/> is what the engine lexes and replays (placeholders substituted,
    /// sections that are never applied blanked); <see cref="OriginalText"/> is the file as the user has it.
    /// Every location the engine reports and every edit it offers is in original coordinates.
    /// </summary>
    public sealed class SourceFile
    {
        private LineMap? _lines;

        public SourceFile(string path, string text)
            : this(path, text, text, OffsetMap.Identity)
        {
        }

        public SourceFile(string path, string originalText, string text, OffsetMap map)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            OriginalText = originalText ?? throw new ArgumentNullException(nameof(originalText));
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Map = map ?? OffsetMap.Identity;
        }

        /// <summary>The path as users should see it (relative to the folder checked or the config file).</summary>
        public string Path { get; }

        public string OriginalText { get; }

        public string Text { get; }

        public OffsetMap Map { get; }

        /// <summary>Line map of the original text, built on first use.</summary>
        public LineMap Lines => _lines ??= new LineMap(OriginalText);

        /// <summary>Maps a span of <see cref="Text"/> to the original text.</summary>
        public TextSpan ToOriginal(TextSpan span)
        {
            if (Map.IsIdentity)
            {
                return span;
            }
            int start = Map.ToOriginal(span.Start);
            int end = Map.ToOriginal(span.End);
            return TextSpan.FromBounds(start, Math.Max(start, end));
        }

        public override string ToString() => Path;
    }
}
