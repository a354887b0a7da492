using System.Collections.Generic;

namespace ReplicaGuard.Diagnostics
{
    /// <summary>A fix the engine computed from the model: a title for the light bulb and the edits it makes.</summary>
    public sealed class CodeFix
    {
        public CodeFix(string title, IReadOnlyList<TextEdit> edits, string equivalenceKey)
        {
            Title = title;
            Edits = edits;
            EquivalenceKey = equivalenceKey;
        }

        public string Title { get; }

        public IReadOnlyList<TextEdit> Edits { get; }

        /// <summary>Identifies the kind of fix (for "fix all of this kind").</summary>
        public string EquivalenceKey { get; }
    }
}
