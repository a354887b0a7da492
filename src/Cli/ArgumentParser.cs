using System;
using System.Collections.Generic;
using System.Globalization;
using ReplicaGuard.Cli.Commands;

namespace ReplicaGuard.Cli
{
    /// <summary>
    /// The command line parser: `--name value`, `--name=value`, `-h`, and `--` to end options.
    /// Hand-written rather than System.CommandLine because start-up time is a requirement.
    /// </summary>
    public static class ArgumentParser
    {
        /// <summary>Consumer profiles the engine knows (see AnalysisSettings.Profile).</summary>
        public static readonly string[] Profiles = { "postgres", "zero", "supabase", "electric", "debezium", "pglogical" };

        /// <summary>Parses the arguments after `check`. Throws <see cref="UsageException"/> on anything it does not accept.</summary>
        public static CheckOptions ParseCheck(IReadOnlyList<string> args)
        {
            var options = new CheckOptions();
            bool optionsEnded = false;
            for (int i = 0; i < args.Count; i++)
            {
                string arg = args[i];
                if (optionsEnded || arg.Length == 0 || arg[0] != '-' || arg == "-")
                {
                    options.Paths.Add(arg);
                    continue;
                }
                if (arg == "--")
                {
                    optionsEnded = true;
                    continue;
                }

                SplitOption(arg, out string name, out string? inlineValue);
                switch (name)
                {
                    case "-h":
                    case "--help":
                        RejectInlineValue(name, inlineValue);
                        options.ShowHelp = true;
                        break;
                    case "--config":
                        options.ConfigPath = TakeValue(args, ref i, name, inlineValue);
                        break;
                    case "--output":
                    case "-o":
                        options.OutputPath = TakeValue(args, ref i, name, inlineValue);
                        break;
                    case "--format":
                    case "-f":
                        options.Format = ParseFormat(TakeValue(args, ref i, name, inlineValue));
                        break;
                    case "--postgres-version":
                        options.PostgresVersion = ParsePostgresVersion(TakeValue(args, ref i, name, inlineValue));
                        break;
                    case "--profile":
                        options.Profile = ParseProfile(TakeValue(args, ref i, name, inlineValue));
                        break;
                    default:
                        throw new UsageException($"unknown option '{name}' (see 'replicaguard check --help')");
                }
            }
            return options;
        }

        private static void SplitOption(string arg, out string name, out string? inlineValue)
        {
            int equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                name = arg.Substring(0, equals);
                inlineValue = arg.Substring(equals + 1);
            }
            else
            {
                name = arg;
                inlineValue = null;
            }
        }

        private static void RejectInlineValue(string name, string? inlineValue)
        {
            if (inlineValue != null)
            {
                throw new UsageException($"option '{name}' takes no value");
            }
        }

        private static string TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue)
        {
            if (inlineValue != null)
            {
                if (inlineValue.Length == 0)
                {
                    throw new UsageException($"option '{name}' needs a value");
                }
                return inlineValue;
            }
            if (i + 1 >= args.Count || args[i + 1].Length == 0)
            {
                throw new UsageException($"option '{name}' needs a value");
            }
            i++;
            return args[i];
        }

        private static ReportFormat ParseFormat(string value)
        {
            switch (value.ToLowerInvariant())
            {
                case "text": return ReportFormat.Text;
                case "sarif": return ReportFormat.Sarif;
                default: throw new UsageException($"bad value '{value}' for --format (expected text or sarif)");
            }
        }

        private static int ParsePostgresVersion(string value)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int version)
                || version < AnalysisSettings.MinPostgresVersion
                || version > AnalysisSettings.MaxPostgresVersion)
            {
                throw new UsageException(
                    $"bad value '{value}' for --postgres-version (expected {AnalysisSettings.MinPostgresVersion} to {AnalysisSettings.MaxPostgresVersion})");
            }
            return version;
        }

        private static string ParseProfile(string value)
        {
            foreach (string profile in Profiles)
            {
                if (string.Equals(profile, value, StringComparison.OrdinalIgnoreCase))
                {
                    return profile;
                }
            }
            throw new UsageException($"bad value '{value}' for --profile (expected {string.Join(", ", Profiles)})");
        }
    }
}
