using System.Collections.Generic;
using System.Globalization;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Cli.Output
{
    /// <summary>How many results of each severity a run produced; decides the exit code and the summary line.</summary>
    public sealed class ReportCounts
    {
        public int Errors { get; private set; }
        public int Warnings { get; private set; }
        public int Suggestions { get; private set; }

        public static ReportCounts Of(IEnumerable<Diagnostic> diagnostics)
        {
            var counts = new ReportCounts();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                switch (diagnostic.Severity)
                {
                    case Severity.Error: counts.Errors++; break;
                    case Severity.Warning: counts.Warnings++; break;
                    case Severity.Suggestion: counts.Suggestions++; break;
                }
            }
            return counts;
        }

        public string Summary(int fileCount, long elapsedMilliseconds) => string.Format(
            CultureInfo.InvariantCulture,
            "{0} errors, {1} warnings, {2} suggestions in {3} files ({4} ms)",
            Errors, Warnings, Suggestions, fileCount, elapsedMilliseconds);
    }
}
