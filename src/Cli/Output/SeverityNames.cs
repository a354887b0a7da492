using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Cli.Output
{
    public static class SeverityNames
    {
        /// <summary>The word the text report uses.</summary>
        public static string Text(Severity severity)
        {
            switch (severity)
            {
                case Severity.Error: return "error";
                case Severity.Warning: return "warning";
                case Severity.Suggestion: return "suggestion";
                default: return "none";
            }
        }

        /// <summary>SARIF 2.1.0 level: error, warning, note (suggestion), none.</summary>
        public static string Sarif(Severity severity)
        {
            switch (severity)
            {
                case Severity.Error: return "error";
                case Severity.Warning: return "warning";
                case Severity.Suggestion: return "note";
                default: return "none";
            }
        }
    }
}
