using System.Globalization;
using ReplicaGuard.Cli.Fixing;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>`replicaguard fix`: apply the recommended fix of every result (or of --rule IDs) in place, atomically.</summary>
    public static class FixCommand
    {
        public const string Help =
            "Usage: replicaguard fix [options] [<folder>|<file>]...\n" +
            "\n" +
            "Applies the recommended fix of every result (the same edits the IDE and SARIF offer) to the migration\n" +
            "files, in place. Each file is written to a temporary file and renamed over the original, keeping its\n" +
            "encoding, byte-order mark and line endings; on any error no file is changed. One fix per table is\n" +
            "applied per run (its other results usually disappear with it); fixes that overlap an earlier fix\n" +
            "are left for a second run.\n" +
            "\n" +
            "Options:\n" +
            "  --dry-run                 Print a unified diff of the changes; write nothing\n" +
            "  --rule <ID>[,<ID>...]     Fix only results of these rules (repeatable)\n" +
            "  --config <file>           Configuration file (as for check)\n" +
            "  --postgres-version <N>    Target PostgreSQL major version, 13 to 18\n" +
            "  --profile <name>          Consumer profile (as for check)\n" +
            "  -h, --help                Show this help\n" +
            "\n" +
            "Exit codes: 0 done (or nothing to fix), 2 usage, input or write error (nothing written).\n";

        public static int Run(CheckOptions options, CliConsole console)
        {
            if (options.ShowHelp)
            {
                console.Out.Write(Help);
                return ExitCodes.Success;
            }

            Analysis analysis = Analysis.Run(options, console, FixBuilding.DuringAnalysis);
            FixPlan plan = FixPlan.Create(analysis.Diagnostics, analysis.Input.Files);

            if (options.DryRun)
            {
                foreach (FileChange change in plan.Changes)
                {
                    console.Out.Write(UnifiedDiff.Format(change.File.Path, change.File.OriginalText, change.Edits));
                }
            }
            else
            {
                AtomicWriter.WriteAll(plan.Changes, console.FileSystem);
            }

            string verb = options.DryRun ? "would fix" : "fixed";
            string summary = string.Format(CultureInfo.InvariantCulture, "{0} {1} of {2} results in {3} files", verb, plan.AppliedFixes, analysis.Diagnostics.Count, plan.Changes.Count);
            if (plan.SkippedFixes > 0 && options.DryRun)
            {
                summary += string.Format(CultureInfo.InvariantCulture, "; {0} fixes on tables already changed (or overlapping) wait for another run", plan.SkippedFixes);
            }
            else if (plan.SkippedFixes > 0)
            {
                // Most deferred results disappear with the first fix of their table; say how many really remain.
                int remaining = 0;
                foreach (ReplicaGuard.Diagnostics.Diagnostic diagnostic in Analysis.Run(options, console, FixBuilding.DuringAnalysis).Diagnostics)
                {
                    if (diagnostic.Fixes.Count > 0) remaining++;
                }
                summary += remaining == 0
                    ? "; no fixable result remains"
                    : string.Format(CultureInfo.InvariantCulture, "; {0} fixable results remain: run fix again", remaining);
            }
            console.Error.Write(summary + (options.DryRun ? " (dry run: nothing written)" : "") + "\n");
            return ExitCodes.Success;
        }
    }
}
