using System.Collections.Generic;
using System.IO;
using ReplicaGuard.Cli;
using ReplicaGuard.Cli.Files;

namespace ReplicaGuard.Tests
{
    /// <summary>Runs the tool in-process with captured streams (fast); CliProcessTests run the built tool for real.</summary>
    internal static class CliRunner
    {
        public sealed class Result
        {
            public int ExitCode;
            public string Out = "";
            public string Err = "";
        }

        public static Result Run(string workingDirectory, IFileSystem? fileSystem, Dictionary<string, string>? environment, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var console = new CliConsole(output, error, workingDirectory, colorOutput: false, fileSystem,
                name => environment != null && environment.TryGetValue(name, out string? value) ? value : null);
            int exitCode = Program.Run(args, console);
            return new Result { ExitCode = exitCode, Out = output.ToString(), Err = error.ToString() };
        }

        public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, null, args);
    }
}
