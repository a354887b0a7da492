using System.Collections.Generic;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Rules
{
    /// <summary>Creates the implemented rules that are switched on for an analysis.</summary>
    public static class RuleRegistry
    {
        public static List<Rule> CreateEnabled(RuleContext context)
        {
            var all = new List<Rule>
            {
                new RG1001MissingReplicaIdentity(context),
                new RG9001NotUnderstood(context),
            };
            all.RemoveAll(rule => context.SeverityOf(rule.Descriptor) == Severity.None);
            return all;
        }
    }
}
