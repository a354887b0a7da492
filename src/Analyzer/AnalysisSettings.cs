using System.Collections.Generic;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard
{
    /// <summary>Everything an analysis depends on besides the files themselves.</summary>
    public sealed class AnalysisSettings
    {
        public const int DefaultPostgresVersion = 16;
        public const int MinPostgresVersion = 13;
        public const int MaxPostgresVersion = 18;

        /// <summary>Target PostgreSQL major version, 13 to 18.</summary>
        public int PostgresVersion { get; set; } = DefaultPostgresVersion;

        /// <summary>Consumer profile: postgres (default), zero, supabase, electric, debezium, pglogical.</summary>
        public string Profile { get; set; } = "postgres";

        /// <summary>Publications that exist outside the files (created by a tool at run time).</summary>
        public List<PublicationDeclaration> Publications { get; } = new List<PublicationDeclaration>();

        /// <summary>Literal text replaced before parsing (Flyway's ${name}, or any token a project uses).</summary>
        public Dictionary<string, string> Placeholders { get; } = new Dictionary<string, string>();

        /// <summary>The initial search_path, as PostgreSQL's default: "$user", public.</summary>
        public List<string> SearchPath { get; } = new List<string> { "$user", "public" };

        /// <summary>The role name that "$user" stands for in search_path.</summary>
        public string UserName { get; set; } = "postgres";

        /// <summary>Per-rule severities that override the defaults (Severity.None turns a rule off).</summary>
        public Dictionary<string, Severity> RuleSeverities { get; } = new Dictionary<string, Severity>();
    }

    /// <summary>A publication declared in the configuration rather than created by the files.</summary>
    public sealed class PublicationDeclaration
    {
        public PublicationDeclaration(string name)
        {
            Name = name;
        }

        public string Name { get; }
        public bool AllTables { get; set; }
        public List<string> TablesInSchema { get; } = new List<string>();

        /// <summary>Table names, optionally schema-qualified (unqualified names resolve in the initial search_path).</summary>
        public List<string> Tables { get; } = new List<string>();

        /// <summary>The publish list, as in WITH (publish = '...'); null for the default (all four actions).</summary>
        public string? Publish { get; set; }

        public bool PublishViaPartitionRoot { get; set; }
    }
}
