using System.Collections.Generic;
using ReplicaGuard.Text;

namespace ReplicaGuard.Migrations
{
    /// <summary>
    /// Turns a file's text into the <see cref="SourceFile"/> the engine replays: dbmate `-- migrate:down`
    /// sections blanked (same length, line breaks kept), placeholders substituted with an offset map back.
    /// </summary>
    public static class SourcePreparation
    {
        public static SourceFile Prepare(string displayPath, string originalText, IReadOnlyDictionary<string, string> placeholders)
        {
            // Stub: filled in by the discovery work.
            return new SourceFile(displayPath, originalText);
        }
    }
}
