using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using ReplicaGuard.Cli.Filters;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Cli.Output;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>`replicaguard check`: load the histories, analyse each, filter, write the report, return the exit code.</summary>
    public static class CheckCommand
    {
        public const string Help =
            "Usage: replicaguard check [options] [<folder>|<file>]...\n" +
            "\n" +
            "Replays PostgreSQL migrations and reports tables whose UPDATE/DELETE will fail under logical replication.\n" +
            "Each folder is a separate migration history (files found and ordered by their naming convention);\n" +
            "files named explicitly form one history, applied in the order given. With no paths, the `files` list\n" +
            "of replicaguard.json (or its folder) is checked.\n" +
            "\n" +
            "Options:\n" +
            "  --config <file>           Configuration file (default: replicaguard.json found by walking up\n" +
            "                            from the first path checked)\n" +
            "  --format <text|json|sarif|github>\n" +
            "                            Report format (default: text)\n" +
            "  --output <file>           Write the report to a file; the summary still goes to the terminal\n" +
            "  --postgres-version <N>    Target PostgreSQL major version, 13 to 18 (overrides the config)\n" +
            "  --profile <name>          Consumer profile: postgres, zero, supabase, electric, debezium,\n" +
            "                            pglogical (overrides the config)\n" +
            "  --rule <ID>[,<ID>...]     Report only these rules (repeatable)\n" +
            "  --changed-since <ref>     Report only results caused by files changed since the git ref\n" +
            "                            (working tree, untracked files included); the whole history is replayed\n" +
            "  --baseline <file>         Leave out results recorded in a baseline ('replicaguard baseline')\n" +
            "  -h, --help                Show this help\n" +
            "\n" +
            "Exit codes: 0 no error-level result, 1 at least one, 2 usage or input error.\n";

        /// <summary>JSON and SARIF reports carry every result's fixes; text and GitHub annotations show none.</summary>
        public static FixBuilding FixBuildingFor(ReportFormat format)
        {
            return format == ReportFormat.Json || format == ReportFormat.Sarif ? FixBuilding.DuringAnalysis : FixBuilding.OnFirstRead;
        }

        public static int Run(CheckOptions options, CliConsole console)
        {
            if (options.ShowHelp)
            {
                console.Out.Write(Help);
                return ExitCodes.Success;
            }

            Stopwatch stopwatch = Stopwatch.StartNew();
            // Filters first: a bad ref or baseline is reported before any work.
            GitChanges? changes = options.ChangedSince != null ? GitChanges.Since(options.ChangedSince, console.WorkingDirectory) : null;
            BaselineFile? baseline = options.BaselinePath != null
                ? BaselineFile.Load(Path.GetFullPath(options.BaselinePath, console.WorkingDirectory), options.BaselinePath)
                : null;

            Analysis analysis = Analysis.Run(options, console, FixBuildingFor(options.Format));
            var diagnostics = new List<Diagnostic>();
            foreach (Diagnostic diagnostic in analysis.Diagnostics)
            {
                if (changes != null && !changes.Touches(diagnostic, analysis.Input))
                {
                    continue;
                }
                if (baseline != null && baseline.Absorbs(diagnostic, analysis.Input))
                {
                    continue;
                }
                diagnostics.Add(diagnostic);
            }

            bool toFile = options.OutputPath != null;
            string report = Format(options.Format, diagnostics, analysis.Input.FileCount, console.ColorOutput && !toFile);
            if (toFile)
            {
                WriteReportFile(options.OutputPath!, report, console.WorkingDirectory);
            }
            else
            {
                console.Out.Write(report);
            }

            ReportCounts counts = ReportCounts.Of(diagnostics);
            string summary = counts.Summary(analysis.Input.FileCount, stopwatch.ElapsedMilliseconds);
            if (baseline != null)
            {
                summary += $"; {baseline.Count} in the baseline not shown";
            }
            if (changes != null)
            {
                summary += $"; {analysis.Diagnostics.Count - diagnostics.Count - (baseline?.Count ?? 0)} outside the files changed since {options.ChangedSince} not shown";
            }
            console.Error.Write(summary + "\n");
            return counts.Errors > 0 ? ExitCodes.ErrorsFound : ExitCodes.Success;
        }

        public static string Format(ReportFormat format, IReadOnlyList<Diagnostic> diagnostics, int fileCount, bool color)
        {
            switch (format)
            {
                case ReportFormat.Sarif: return SarifReporter.Format(diagnostics, Program.Version);
                case ReportFormat.Json: return JsonReporter.Format(diagnostics, fileCount, Program.Version);
                case ReportFormat.Github: return GithubReporter.Format(diagnostics);
                default: return TextReporter.Format(diagnostics, color);
            }
        }

        internal static void WriteReportFile(string path, string report, string workingDirectory)
        {
            try
            {
                File.WriteAllText(Path.GetFullPath(path, workingDirectory), report, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"{path}: cannot write report: {HistoryLoader.OneLine(e.Message)}; check the folder exists and you may write there");
            }
        }
    }
}
