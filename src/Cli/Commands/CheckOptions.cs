using System.Collections.Generic;

namespace ReplicaGuard.Cli.Commands
{
    public enum ReportFormat
    {
        Text,
        Json,
        Sarif,
        Github,
    }

    /// <summary>The parsed arguments of `check`, `fix`, `baseline` and `rules` (each accepts its own subset).</summary>
    public sealed class CheckOptions
    {
        /// <summary>Folders and files, as given (for `explain`, the rule ID).</summary>
        public List<string> Paths { get; } = new List<string>();

        public string? ConfigPath { get; set; }
        public ReportFormat Format { get; set; } = ReportFormat.Text;
        public string? OutputPath { get; set; }
        public int? PostgresVersion { get; set; }
        public string? Profile { get; set; }
        public bool ShowHelp { get; set; }

        /// <summary>Rule IDs from --rule (canonical case); empty means every rule.</summary>
        public List<string> Rules { get; } = new List<string>();

        /// <summary>--changed-since: report only results whose cause is in a file changed since this git ref.</summary>
        public string? ChangedSince { get; set; }

        /// <summary>--baseline: drop results whose fingerprint is in this file.</summary>
        public string? BaselinePath { get; set; }

        /// <summary>fix --dry-run: print a unified diff, write nothing.</summary>
        public bool DryRun { get; set; }
    }
}
