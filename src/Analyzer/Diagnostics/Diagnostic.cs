using System.Collections.Generic;

namespace ReplicaGuard.Diagnostics
{
    /// <summary>One result of an analysis, with everything a front end needs to show and fix it.</summary>
    public sealed class Diagnostic
    {
        public Diagnostic(
            RuleDescriptor rule,
            Severity severity,
            string message,
            Location location,
            string? objectName,
            IReadOnlyList<Location> relatedLocations,
            IReadOnlyList<CodeFix> fixes)
        {
            Rule = rule;
            Severity = severity;
            Message = message;
            Location = location;
            ObjectName = objectName;
            RelatedLocations = relatedLocations;
            Fixes = fixes;
        }

        public RuleDescriptor Rule { get; }
        public string Id => Rule.Id;
        public Severity Severity { get; }
        public string Message { get; }
        public Location Location { get; }

        /// <summary>The object concerned as PostgreSQL stores it, unquoted: <c>schema.table</c>. Null when none.</summary>
        public string? ObjectName { get; }

        public IReadOnlyList<Location> RelatedLocations { get; }

        /// <summary>Fixes, best first.</summary>
        public IReadOnlyList<CodeFix> Fixes { get; }

        public override string ToString() => $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
    }
}
