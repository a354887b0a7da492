using System;
using System.Collections.Generic;
using ReplicaGuard.Cli.Commands;

namespace ReplicaGuard.Cli
{
    /// <summary>Entry point: dispatches to a command; turns usage and input problems into one line and exit code 2.</summary>
    public static class Program
    {
        public const string Help =
            "Usage: replicaguard <command> [options]\n" +
            "\n" +
            "Commands:\n" +
            "  check     Check migration folders or files for tables that logical replication will refuse\n" +
            "  fix       Apply the recommended fixes to the files (--dry-run prints a diff)\n" +
            "  baseline  Record the current results so that 'check --baseline' reports only new ones\n" +
            "  rules     List the rules and their severities under the active profile\n" +
            "  explain   Print a rule's documentation: replicaguard explain RG1001\n" +
            "\n" +
            "Options:\n" +
            "  -h, --help    Show this help ('replicaguard <command> --help' for the command's options)\n" +
            "  --version     Show the version\n";

        public static string Version { get; } = ReadVersion();

        /// <summary>
        /// How much the process may allocate before its first garbage collection. Checking GitLab's structure.sql
        /// allocates ~46 MiB, nearly all of it live to the end (tokens, syntax trees, the catalog), so collections
        /// during a run free almost nothing; skipping them took ~12% of the process's CPU time (docs/performance.md).
        /// Larger inputs just collect as usual once past it. Touched memory, not the budget, is what counts in RSS.
        /// </summary>
        private const long NoCollectionBudget = 96L << 20;

        public static int Main(string[] args)
        {
            StartWithoutCollections();
            CliConsole console = CliConsole.FromProcess();
            int exitCode = Run(args, console);
            try
            {
                console.Out.Flush();
                console.Error.Flush();
            }
            catch (System.IO.IOException)
            {
                // The reader went away (`replicaguard check | head`): nothing left to tell it.
            }
            return exitCode;
        }

        /// <summary>The runtime reads no gen0 budget from runtimeconfig.json (tried), so the process asks for it here.</summary>
        private static void StartWithoutCollections()
        {
            try
            {
                GC.TryStartNoGCRegion(NoCollectionBudget);
            }
            catch (ArgumentOutOfRangeException)
            {
                // A GC configured with a smaller segment than the budget: run with the default budget.
            }
            catch (InvalidOperationException)
            {
                // Already in such a region (a host that called it first): nothing to do.
            }
        }

        public const string IssuesUri = "https://github.com/replicaguard/replicaguard/issues";

        public static int Run(IReadOnlyList<string> args, CliConsole console)
        {
            try
            {
                return Dispatch(args, console);
            }
            catch (UsageException e)
            {
                console.Error.Write("replicaguard: error: " + e.Message + "\n");
                return ExitCodes.UsageOrInput;
            }
            catch (Exception e)
            {
                // A bug, not the user's input: one line, no stack trace unless asked for.
                bool debug = console.Environment("REPLICAGUARD_DEBUG") is string value && value.Length > 0 && value != "0";
                string oneLine = e.Message.Replace("\r", " ").Replace("\n", " ").Trim();
                console.Error.Write($"replicaguard: internal error: {e.GetType().Name}: {oneLine}; please report it at {IssuesUri}"
                    + (debug ? "\n" + e + "\n" : " (set REPLICAGUARD_DEBUG=1 for details)\n"));
                return ExitCodes.UsageOrInput;
            }
        }

        private static int Dispatch(IReadOnlyList<string> args, CliConsole console)
        {
            if (args.Count == 0)
            {
                throw new UsageException("no command given (see 'replicaguard --help')");
            }

            string command = args[0];
            var rest = new List<string>();
            for (int i = 1; i < args.Count; i++)
            {
                rest.Add(args[i]);
            }

            switch (command)
            {
                case "-h":
                case "--help":
                    console.Out.Write(Help);
                    return ExitCodes.Success;
                case "help":
                    if (rest.Count == 0)
                    {
                        console.Out.Write(Help);
                        return ExitCodes.Success;
                    }
                    string? help = CommandHelp(rest[0]);
                    if (help != null)
                    {
                        console.Out.Write(help);
                        return ExitCodes.Success;
                    }
                    throw new UsageException($"unknown command '{rest[0]}' (see 'replicaguard --help')");
                case "--version":
                    console.Out.Write(Version + "\n");
                    return ExitCodes.Success;
                case "check":
                    return CheckCommand.Run(ArgumentParser.Parse(command, rest), console);
                case "fix":
                    return FixCommand.Run(ArgumentParser.Parse(command, rest), console);
                case "baseline":
                    return BaselineCommand.Run(ArgumentParser.Parse(command, rest), console);
                case "rules":
                    return RulesCommand.Run(ArgumentParser.Parse(command, rest), console);
                case "explain":
                    return ExplainCommand.Run(ArgumentParser.Parse(command, rest), console);
                default:
                    string kind = command.StartsWith("-", StringComparison.Ordinal) ? "option" : "command";
                    throw new UsageException($"unknown {kind} '{command}' (see 'replicaguard --help')");
            }
        }

        private static string? CommandHelp(string command)
        {
            switch (command)
            {
                case "check": return CheckCommand.Help;
                case "fix": return FixCommand.Help;
                case "baseline": return BaselineCommand.Help;
                case "rules": return RulesCommand.Help;
                case "explain": return ExplainCommand.Help;
                default: return null;
            }
        }

        private static string ReadVersion()
        {
            string informational = ToolVersion.Informational;
            int plus = informational.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }
    }
}
