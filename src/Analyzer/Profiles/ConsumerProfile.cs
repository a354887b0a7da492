using System;
using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Profiles
{
    /// <summary>
    /// A replication consumer's needs beyond PostgreSQL's (postgres-semantics.md section 6): the publications its
    /// tool creates at run time and the rule severities it changes. Applied once, by <see cref="Apply"/>.
    /// </summary>
    public sealed class ConsumerProfile
    {
        public const string Postgres = "postgres";
        public const string Zero = "zero";
        public const string Supabase = "supabase";
        public const string Electric = "electric";
        public const string Debezium = "debezium";
        public const string Pglogical = "pglogical";

        private readonly Dictionary<string, Severity> _severities;

        private ConsumerProfile(string name, bool fullIsEnough, Dictionary<string, Severity> severities)
        {
            Name = name;
            FullIsEnough = fullIsEnough;
            _severities = severities;
        }

        public string Name { get; }

        /// <summary>False when the consumer cannot replicate a table whose only identity is REPLICA IDENTITY FULL.</summary>
        public bool FullIsEnough { get; }

        public static IReadOnlyList<string> Names { get; } = new[] { Postgres, Zero, Supabase, Electric, Debezium, Pglogical };

        // One immutable instance per profile: Find runs for every SeverityOf (every diagnostic reported), and building
        // a profile and its dictionary there was ~190 KiB per IDE re-analysis.
        private static readonly ConsumerProfile PostgresProfile = new ConsumerProfile(Postgres, true, new Dictionary<string, Severity>());
        private static readonly ConsumerProfile ZeroProfile =
            new ConsumerProfile(Zero, false, new Dictionary<string, Severity> { [RuleIds.NoKeyForConsumers] = Severity.Error });
        private static readonly ConsumerProfile PglogicalProfile =
            new ConsumerProfile(Pglogical, false, new Dictionary<string, Severity> { [RuleIds.NoKeyForConsumers] = Severity.Error });

        // Supabase Realtime sends old row values only with FULL: FULL is a choice there, not waste.
        private static readonly ConsumerProfile SupabaseProfile =
            new ConsumerProfile(Supabase, true, new Dictionary<string, Severity> { [RuleIds.FullIdentityWithKey] = Severity.None });

        // Electric sets FULL on every table it syncs.
        private static readonly ConsumerProfile ElectricProfile =
            new ConsumerProfile(Electric, true, new Dictionary<string, Severity> { [RuleIds.FullIdentityWithKey] = Severity.None });
        private static readonly ConsumerProfile DebeziumProfile = new ConsumerProfile(Debezium, true, new Dictionary<string, Severity>());

        /// <summary>The profile of that name (case-insensitive), or null when there is none.</summary>
        public static ConsumerProfile? Find(string? name)
        {
            switch ((name ?? Postgres).Trim().ToLowerInvariant())
            {
                case "":
                case Postgres:
                    return PostgresProfile;
                case Zero:
                    return ZeroProfile;
                case Pglogical:
                    return PglogicalProfile;
                case Supabase:
                    return SupabaseProfile;
                case Electric:
                    return ElectricProfile;
                case Debezium:
                    return DebeziumProfile;
                default:
                    return null;
            }
        }

        /// <summary>The profile the settings name; an unknown name analyses as plain PostgreSQL (the config loader reports it).</summary>
        public static ConsumerProfile Of(AnalysisSettings settings) => Find(settings.Profile) ?? Find(Postgres)!;

        /// <summary>A rule's default severity under this profile (before the user's own per-rule settings).</summary>
        public Severity DefaultSeverity(RuleDescriptor rule) => _severities.TryGetValue(rule.Id, out Severity s) ? s : rule.DefaultSeverity;

        /// <summary>A rule's severity under a profile and the user's overrides (what the CLI's `rules` command shows).</summary>
        public static Severity EffectiveSeverity(RuleDescriptor rule, AnalysisSettings settings)
        {
            if (settings.RuleSeverities.TryGetValue(rule.Id, out Severity own))
            {
                return own;
            }
            return Of(settings).DefaultSeverity(rule);
        }

        /// <summary>
        /// The settings an analysis really runs with: the profile's publications declared (unless the user declared
        /// them or, for Zero, app publications) and the profile's severities under the user's own. The input is not changed.
        /// </summary>
        public static AnalysisSettings Apply(AnalysisSettings settings)
        {
            ConsumerProfile profile = Of(settings);
            var effective = new AnalysisSettings
            {
                PostgresVersion = settings.PostgresVersion,
                Profile = profile.Name,
                UserName = settings.UserName,
            };
            effective.SearchPath.Clear();
            effective.SearchPath.AddRange(settings.SearchPath);
            foreach (KeyValuePair<string, string> placeholder in settings.Placeholders)
            {
                effective.Placeholders[placeholder.Key] = placeholder.Value;
            }
            effective.Publications.AddRange(settings.Publications);
            foreach (RuleDescriptor rule in RuleCatalog.All)
            {
                Severity severity = EffectiveSeverity(rule, settings);
                if (severity != rule.DefaultSeverity || settings.RuleSeverities.ContainsKey(rule.Id))
                {
                    effective.RuleSeverities[rule.Id] = severity;
                }
            }
            foreach (KeyValuePair<string, Severity> own in settings.RuleSeverities)
            {
                effective.RuleSeverities[own.Key] = own.Value;
            }
            foreach (PublicationDeclaration declaration in profile.ImpliedPublications(settings))
            {
                effective.Publications.Add(declaration);
            }
            return effective;
        }

        /// <summary>The publications the consumer's tool creates at run time and the files therefore never do.</summary>
        private IEnumerable<PublicationDeclaration> ImpliedPublications(AnalysisSettings settings)
        {
            switch (Name)
            {
                case Zero:
                    // Zero creates _zero_public_0 only when no app publications are configured.
                    if (settings.Publications.Count == 0)
                    {
                        var zero = new PublicationDeclaration("_zero_public_0") { PublishViaPartitionRoot = true };
                        zero.TablesInSchema.Add("public");
                        yield return zero;
                    }
                    break;
                case Supabase:
                    if (!Declares(settings, "supabase_realtime"))
                    {
                        yield return new PublicationDeclaration("supabase_realtime");
                    }
                    break;
                case Electric:
                    if (!Declares(settings, "electric_publication_default"))
                    {
                        yield return new PublicationDeclaration("electric_publication_default");
                    }
                    break;
                case Debezium:
                    if (!Declares(settings, "dbz_publication"))
                    {
                        yield return new PublicationDeclaration("dbz_publication") { AllTables = true };
                    }
                    break;
            }
        }

        private static bool Declares(AnalysisSettings settings, string name)
        {
            return settings.Publications.Exists(p => string.Equals(p.Name.Trim().Trim('"'), name, StringComparison.Ordinal));
        }
    }
}
