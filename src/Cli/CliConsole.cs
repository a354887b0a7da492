using System;
using System.IO;
using ReplicaGuard.Cli.Files;

namespace ReplicaGuard.Cli
{
    /// <summary>What a command may touch of its process: output streams, working directory, colour, environment, files. Tests pass their own.</summary>
    public sealed class CliConsole
    {
        public CliConsole(
            TextWriter output,
            TextWriter error,
            string workingDirectory,
            bool colorOutput,
            IFileSystem? fileSystem = null,
            Func<string, string?>? environment = null,
            bool progressAllowed = false)
        {
            Out = output;
            Error = error;
            WorkingDirectory = workingDirectory;
            ColorOutput = colorOutput;
            FileSystem = fileSystem ?? PhysicalFileSystem.Instance;
            Environment = environment ?? (_ => null);
            ProgressAllowed = progressAllowed;
        }

        public TextWriter Out { get; }
        public TextWriter Error { get; }
        public string WorkingDirectory { get; }

        /// <summary>True only when stdout is a terminal and NO_COLOR is unset.</summary>
        public bool ColorOutput { get; }

        public IFileSystem FileSystem { get; }

        /// <summary>Reads an environment variable (null when unset).</summary>
        public Func<string, string?> Environment { get; }

        /// <summary>True only when stderr is a terminal: progress lines would be noise in a log.</summary>
        public bool ProgressAllowed { get; }

        public static CliConsole FromProcess()
        {
            bool color = !Console.IsOutputRedirected
                && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"));
            // Buffered writers: a large report is written in a few large chunks, not line by line.
            var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
            var error = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false), 1 << 12) { AutoFlush = false };
            return new CliConsole(
                output,
                error,
                Directory.GetCurrentDirectory(),
                color,
                PhysicalFileSystem.Instance,
                System.Environment.GetEnvironmentVariable,
                progressAllowed: !Console.IsErrorRedirected);
        }
    }
}
