using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ReplicaGuard.Rules;
using EngineDescriptor = ReplicaGuard.Diagnostics.RuleDescriptor;
using EngineSeverity = ReplicaGuard.Diagnostics.Severity;

namespace ReplicaGuard.Roslyn
{
    /// <summary>
    /// One Roslyn descriptor per rule of <see cref="RuleCatalog"/>. IDs, categories and default severities are
    /// written as constants so the release-tracking analyzers (AnalyzerReleases.*.md) can read them; a test checks
    /// they agree with the catalog. Titles, descriptions and help links come from the catalog.
    /// </summary>
    internal static class RoslynDescriptors
    {
        public static readonly DiagnosticDescriptor RG1001 = new DiagnosticDescriptor(RuleIds.MissingReplicaIdentity, Title(RuleCatalog.RG1001), "{0}", "Replication", DiagnosticSeverity.Error, true, Description(RuleCatalog.RG1001), RuleCatalog.RG1001.HelpUri);
        public static readonly DiagnosticDescriptor RG1002 = new DiagnosticDescriptor(RuleIds.StatementRejected, Title(RuleCatalog.RG1002), "{0}", "Replication", DiagnosticSeverity.Error, true, Description(RuleCatalog.RG1002), RuleCatalog.RG1002.HelpUri);
        public static readonly DiagnosticDescriptor RG1003 = new DiagnosticDescriptor(RuleIds.InvalidIdentityIndex, Title(RuleCatalog.RG1003), "{0}", "Replication", DiagnosticSeverity.Error, true, Description(RuleCatalog.RG1003), RuleCatalog.RG1003.HelpUri);
        public static readonly DiagnosticDescriptor RG1004 = new DiagnosticDescriptor(RuleIds.FilterOrColumnListOutsideIdentity, Title(RuleCatalog.RG1004), "{0}", "Replication", DiagnosticSeverity.Error, true, Description(RuleCatalog.RG1004), RuleCatalog.RG1004.HelpUri);
        public static readonly DiagnosticDescriptor RG2001 = new DiagnosticDescriptor(RuleIds.NoKeyForConsumers, Title(RuleCatalog.RG2001), "{0}", "Consumers", DiagnosticSeverity.Warning, true, Description(RuleCatalog.RG2001), RuleCatalog.RG2001.HelpUri);
        public static readonly DiagnosticDescriptor RG2002 = new DiagnosticDescriptor(RuleIds.FullIdentityWithKey, Title(RuleCatalog.RG2002), "{0}", "Performance", DiagnosticSeverity.Info, true, Description(RuleCatalog.RG2002), RuleCatalog.RG2002.HelpUri);
        public static readonly DiagnosticDescriptor RG3001 = new DiagnosticDescriptor(RuleIds.TableWithoutPrimaryKey, Title(RuleCatalog.RG3001), "{0}", "Design", DiagnosticSeverity.Warning, false, Description(RuleCatalog.RG3001), RuleCatalog.RG3001.HelpUri);
        public static readonly DiagnosticDescriptor RG9001 = new DiagnosticDescriptor(RuleIds.NotUnderstood, Title(RuleCatalog.RG9001), "{0}", "Analysis", DiagnosticSeverity.Warning, true, Description(RuleCatalog.RG9001), RuleCatalog.RG9001.HelpUri);
        public static readonly DiagnosticDescriptor RG9002 = new DiagnosticDescriptor(RuleIds.UnknownReference, Title(RuleCatalog.RG9002), "{0}", "Analysis", DiagnosticSeverity.Info, true, Description(RuleCatalog.RG9002), RuleCatalog.RG9002.HelpUri);

        public static readonly DiagnosticDescriptor RG9003 = new DiagnosticDescriptor(RuleIds.UnusedSuppression, Title(RuleCatalog.RG9003), "{0}", "Analysis", DiagnosticSeverity.Info, true, Description(RuleCatalog.RG9003), RuleCatalog.RG9003.HelpUri);

        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            RG1001, RG1002, RG1003, RG1004, RG2001, RG2002, RG3001, RG9001, RG9002, RG9003);

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

        /// <summary>The descriptor for a rule ID; RG9001 for an ID the analyzer does not know (a newer engine rule).</summary>
        public static DiagnosticDescriptor For(string id) => ById.TryGetValue(id, out DiagnosticDescriptor? d) ? d : RG9001;

        public static bool IsKnown(string id) => ById.ContainsKey(id);

        /// <summary>The Roslyn severity of an engine severity (Suggestion shows as Info, None never reaches here).</summary>
        public static DiagnosticSeverity ToRoslyn(EngineSeverity severity)
        {
            switch (severity)
            {
                case EngineSeverity.Error: return DiagnosticSeverity.Error;
                case EngineSeverity.Warning: return DiagnosticSeverity.Warning;
                case EngineSeverity.Suggestion: return DiagnosticSeverity.Info;
                default: return DiagnosticSeverity.Hidden;
            }
        }

        private static string Title(EngineDescriptor rule) => rule.Title;

        private static string Description(EngineDescriptor rule) => rule.Description;

        private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
        {
            var index = new Dictionary<string, DiagnosticDescriptor>();
            foreach (DiagnosticDescriptor descriptor in All)
            {
                index[descriptor.Id] = descriptor;
            }
            return index;
        }
    }
}
