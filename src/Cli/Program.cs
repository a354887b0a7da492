using System;
using System.Collections.Generic;
using System.Reflection;
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
            "  check    Check migration folders or files for tables that logical replication will refuse\n" +
            "\n" +
            "Options:\n" +
            "  -h, --help    Show this help ('replicaguard check --help' for the command's options)\n" +
            "  --version     Show the version\n";

        public static string Version { get; } = ReadVersion();

        public static int Main(string[] args)
        {
            CliConsole console = CliConsole.FromProcess();
            int exitCode = Run(args, console);
            console.Out.Flush();
            console.Error.Flush();
            return exitCode;
        }

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
                    if (rest[0] == "check")
                    {
                        console.Out.Write(CheckCommand.Help);
                        return ExitCodes.Success;
                    }
                    throw new UsageException($"unknown command '{rest[0]}' (see 'replicaguard --help')");
                case "--version":
                    console.Out.Write(Version + "\n");
                    return ExitCodes.Success;
                case "check":
                    return CheckCommand.Run(ArgumentParser.ParseCheck(rest), console);
                default:
                    string kind = command.StartsWith("-", StringComparison.Ordinal) ? "option" : "command";
                    throw new UsageException($"unknown {kind} '{command}' (see 'replicaguard --help')");
            }
        }

        private static string ReadVersion()
        {
            Assembly assembly = typeof(Program).Assembly;
            string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(informational))
            {
                return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            }
            int plus = informational!.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }
    }
}
