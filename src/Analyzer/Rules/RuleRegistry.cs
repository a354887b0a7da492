using System.Collections.Generic;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Rules
{
    /// <summary>Creates the rules that are switched on for an analysis (RG9003 is reported by the suppression filter).</summary>
    public static class RuleRegistry
    {
        public static List<Rule> CreateEnabled(RuleContext context)
        {
            var all = new List<Rule>
            {
                new RG1001MissingReplicaIdentity(context),
                new RG1002StatementRejected(context),
                new RG1003InvalidIdentityIndex(context),
                new RG1004FilterOrColumnListOutsideIdentity(context),
                new RG2001NoKeyForConsumers(context),
                new RG2002FullIdentityWithKey(context),
                new RG3001TableWithoutPrimaryKey(context),
                new RG9001NotUnderstood(context),
                new RG9002UnknownReference(context),
            };
            all.RemoveAll(rule => context.SeverityOf(rule.Descriptor) == Severity.None);
            return all;
        }
    }
}
