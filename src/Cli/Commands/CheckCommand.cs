using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Cli.Output;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>`replicaguard check`: load the histories, analyse each, write the report, return the exit code.</summary>
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
            "  --format <text|sarif>     Report format (default: text)\n" +
            "  --output <file>           Write the report to a file; the summary still goes to the terminal\n" +
            "  --postgres-version <N>    Target PostgreSQL major version, 13 to 18 (overrides the config)\n" +
            "  --profile <name>          Consumer profile: postgres, zero, supabase, electric, debezium,\n" +
            "                            pglogical (overrides the config)\n" +
            "  -h, --help                Show this help\n" +
            "\n" +
            "Exit codes: 0 no error-level result, 1 at least one, 2 usage or input error.\n";

        public static int Run(CheckOptions options, CliConsole console)
        {
            if (options.ShowHelp)
            {
                console.Out.Write(Help);
                return ExitCodes.Success;
            }

            Stopwatch stopwatch = Stopwatch.StartNew();
            CheckInput input = HistoryLoader.Load(options, console.WorkingDirectory);

            var diagnostics = new List<ReplicaGuard.Diagnostics.Diagnostic>();
            foreach (History history in input.Histories)
            {
                AnalysisResult result = Engine.Analyze(history.Files, input.Settings);
                diagnostics.AddRange(result.Diagnostics);
            }

            bool toFile = options.OutputPath != null;
            string report = options.Format == ReportFormat.Sarif
                ? SarifReporter.Format(diagnostics, Program.Version)
                : TextReporter.Format(diagnostics, color: console.ColorOutput && !toFile);

            if (toFile)
            {
                WriteReportFile(options.OutputPath!, report, console.WorkingDirectory);
            }
            else
            {
                console.Out.Write(report);
            }

            ReportCounts counts = ReportCounts.Of(diagnostics);
            console.Error.Write(counts.Summary(input.FileCount, stopwatch.ElapsedMilliseconds) + "\n");
            return counts.Errors > 0 ? ExitCodes.ErrorsFound : ExitCodes.Success;
        }

        private static void WriteReportFile(string path, string report, string workingDirectory)
        {
            try
            {
                File.WriteAllText(Path.GetFullPath(path, workingDirectory), report, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"{path}: cannot write report: {e.Message.Replace('\n', ' ').Trim()}");
            }
        }
    }
}
