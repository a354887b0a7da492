using System.IO;
using ReplicaGuard.Cli.Filters;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>`replicaguard baseline`: record the current results so that `check --baseline` reports only new ones.</summary>
    public static class BaselineCommand
    {
        public const string Help =
            "Usage: replicaguard baseline [options] [<folder>|<file>]...\n" +
            "\n" +
            "Writes the fingerprints of the current results (rule, table, file and a hash of the statement, not\n" +
            "line numbers) so that 'replicaguard check --baseline <file>' reports only results not in it.\n" +
            "\n" +
            "Options:\n" +
            "  --output <file>           Baseline file to write (default: replicaguard.baseline.json)\n" +
            "  --rule <ID>[,<ID>...]     Record only these rules\n" +
            "  --config <file>           Configuration file (as for check)\n" +
            "  --postgres-version <N>    Target PostgreSQL major version, 13 to 18\n" +
            "  --profile <name>          Consumer profile (as for check)\n" +
            "  -h, --help                Show this help\n";

        public static int Run(CheckOptions options, CliConsole console)
        {
            if (options.ShowHelp)
            {
                console.Out.Write(Help);
                return ExitCodes.Success;
            }

            Analysis analysis = Analysis.Run(options, console, FixBuilding.OnFirstRead); // fingerprints only
            string shown = options.OutputPath ?? BaselineFile.DefaultName;
            string fullPath = Path.GetFullPath(shown, console.WorkingDirectory);
            string content = BaselineFile.Format(analysis.Diagnostics, analysis.Input, fullPath, Program.Version);
            CheckCommand.WriteReportFile(shown, content, console.WorkingDirectory);
            console.Error.Write($"wrote {analysis.Diagnostics.Count} results to {shown}\n");
            return ExitCodes.Success;
        }
    }
}
