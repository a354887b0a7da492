using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard
{
    /// <summary>The one entry point every front end calls: files in order plus settings in, diagnostics out.</summary>
    public static class Engine
    {
        public static AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisSettings settings, CancellationToken cancellationToken = default)
        {
            // Placeholder until the replay lands.
            return new AnalysisResult(new List<Diagnostic>());
        }
    }

    public sealed class AnalysisResult
    {
        public AnalysisResult(IReadOnlyList<Diagnostic> diagnostics)
        {
            Diagnostics = diagnostics;
        }

        /// <summary>Results ordered by file order, then position, then rule ID.</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }
    }
}
