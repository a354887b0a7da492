namespace ReplicaGuard.Diagnostics
{
    /// <summary>A rule's identity and metadata. IDs are a contract: tools, docs and users rely on them.</summary>
    public sealed class RuleDescriptor
    {
        public const string HelpBase = "https://github.com/replicaguard/replicaguard/blob/main/docs/rules/";

        public RuleDescriptor(string id, string title, Severity defaultSeverity, string category, string description)
        {
            Id = id;
            Title = title;
            DefaultSeverity = defaultSeverity;
            Category = category;
            Description = description;
        }

        public string Id { get; }
        public string Title { get; }
        public Severity DefaultSeverity { get; }
        public string Category { get; }
        public string Description { get; }

        /// <summary>The rule's page, docs/rules/&lt;ID&gt;.md.</summary>
        public string HelpUri => HelpBase + Id + ".md";
    }
}
