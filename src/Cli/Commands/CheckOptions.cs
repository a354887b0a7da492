using System.Collections.Generic;

namespace ReplicaGuard.Cli.Commands
{
    public enum ReportFormat
    {
        Text,
        Sarif,
    }

    /// <summary>The parsed arguments of `replicaguard check`.</summary>
    public sealed class CheckOptions
    {
        /// <summary>Folders and files, as given.</summary>
        public List<string> Paths { get; } = new List<string>();

        public string? ConfigPath { get; set; }
        public ReportFormat Format { get; set; } = ReportFormat.Text;
        public string? OutputPath { get; set; }
        public int? PostgresVersion { get; set; }
        public string? Profile { get; set; }
        public bool ShowHelp { get; set; }
    }
}
