using System.Collections.Generic;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Rules
{
    /// <summary>What a rule needs besides the catalog: the settings, and where to put its results.</summary>
    public sealed class RuleContext
    {
        private readonly List<Diagnostic> _diagnostics = new List<Diagnostic>();

        public RuleContext(AnalysisSettings settings)
        {
            Settings = settings;
        }

        public AnalysisSettings Settings { get; }

        public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

        /// <summary>The effective severity of a rule: the settings' override, else its default.</summary>
        public Severity SeverityOf(RuleDescriptor rule)
        {
            return Settings.RuleSeverities.TryGetValue(rule.Id, out Severity severity) ? severity : rule.DefaultSeverity;
        }

        public void Report(RuleDescriptor rule, string message, Location location, string? objectName, IReadOnlyList<Location>? related = null, IReadOnlyList<CodeFix>? fixes = null)
        {
            Severity severity = SeverityOf(rule);
            if (severity == Severity.None)
            {
                return;
            }
            _diagnostics.Add(new Diagnostic(rule, severity, message, location, objectName, related ?? new Location[0], fixes ?? new CodeFix[0]));
        }
    }
}
