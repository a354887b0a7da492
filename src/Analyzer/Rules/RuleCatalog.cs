using System.Collections.Generic;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Rules
{
    /// <summary>The descriptor of every rule, in ID order. Front ends list rules from here (SARIF, docs, `rules`).</summary>
    public static class RuleCatalog
    {
        public static readonly RuleDescriptor RG1001 = new RuleDescriptor(
            RuleIds.MissingReplicaIdentity,
            "Published table has no replica identity",
            Severity.Error,
            "Replication",
            "A table covered by a publication that publishes UPDATE or DELETE has no usable replica identity: every UPDATE and DELETE on it will fail.");

        public static readonly RuleDescriptor RG1002 = new RuleDescriptor(
            RuleIds.StatementRejected,
            "Statement will fail for lack of a replica identity",
            Severity.Error,
            "Replication",
            "An UPDATE, DELETE, MERGE or INSERT ... ON CONFLICT DO UPDATE in the migrations that PostgreSQL will reject at that point of the history.");

        public static readonly RuleDescriptor RG1003 = new RuleDescriptor(
            RuleIds.InvalidIdentityIndex,
            "Index cannot be the replica identity",
            Severity.Error,
            "Replication",
            "REPLICA IDENTITY USING INDEX or PRIMARY KEY USING INDEX that PostgreSQL rejects.");

        public static readonly RuleDescriptor RG1004 = new RuleDescriptor(
            RuleIds.FilterOrColumnListOutsideIdentity,
            "Row filter or column list does not fit the replica identity",
            Severity.Error,
            "Replication",
            "A publication row filter or column list that does not fit the table's replica identity: UPDATE/DELETE will fail.");

        public static readonly RuleDescriptor RG2001 = new RuleDescriptor(
            RuleIds.NoKeyForConsumers,
            "Published table has no primary key or unique key",
            Severity.Warning,
            "Consumers",
            "A published table that PostgreSQL accepts (FULL, or an identity index) but that has no primary key and no unique, immediate, non-partial, non-expression index on NOT NULL columns: Zero, pglogical and AWS DMS cannot replicate it.");

        public static readonly RuleDescriptor RG2002 = new RuleDescriptor(
            RuleIds.FullIdentityWithKey,
            "REPLICA IDENTITY FULL on a table with a key",
            Severity.Suggestion,
            "Performance",
            "REPLICA IDENTITY FULL on a table that has a usable key: every UPDATE logs the whole old row.");

        public static readonly RuleDescriptor RG3001 = new RuleDescriptor(
            RuleIds.TableWithoutPrimaryKey,
            "Table without a primary key",
            Severity.None,
            "Design",
            "A permanent table without a primary key (a house rule some teams want; off by default).");

        public static readonly RuleDescriptor RG9001 = new RuleDescriptor(
            RuleIds.NotUnderstood,
            "Statement not understood",
            Severity.Warning,
            "Analysis",
            "A statement that could change the result but was not understood: the analysis may be incomplete.");

        public static readonly RuleDescriptor RG9002 = new RuleDescriptor(
            RuleIds.UnknownReference,
            "Reference to an unknown object",
            Severity.Suggestion,
            "Analysis",
            "A reference to a table, index, schema or publication that the files never create and the settings do not declare.");

        public static readonly RuleDescriptor RG9003 = new RuleDescriptor(
            RuleIds.UnusedSuppression,
            "Unused suppression",
            Severity.Suggestion,
            "Analysis",
            "A replicaguard-ignore comment that suppresses nothing (no such rule, nothing reported there any more, or not attached to a statement).");

        public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
        {
            RG1001, RG1002, RG1003, RG1004, RG2001, RG2002, RG3001, RG9001, RG9002, RG9003,
        };

        public static RuleDescriptor? Find(string id)
        {
            foreach (RuleDescriptor rule in All)
            {
                if (string.Equals(rule.Id, id, System.StringComparison.OrdinalIgnoreCase))
                {
                    return rule;
                }
            }
            return null;
        }
    }
}
