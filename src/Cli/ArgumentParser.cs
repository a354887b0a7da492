using System;
using System.Collections.Generic;
using System.Globalization;
using ReplicaGuard.Cli.Commands;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Cli
{
    /// <summary>
    /// The command line parser: `--name value`, `--name=value`, `-h`, and `--` to end options. Each command accepts
    /// its own options; anything else is a usage error. Hand-written rather than System.CommandLine because start-up
    /// time is a requirement.
    /// </summary>
    public static class ArgumentParser
    {
        /// <summary>Consumer profiles the engine knows (see AnalysisSettings.Profile).</summary>
        public static readonly string[] Profiles = { "postgres", "zero", "supabase", "electric", "debezium", "pglogical" };

        private static readonly Dictionary<string, string[]> OptionsByCommand = new Dictionary<string, string[]>
        {
            ["check"] = new[] { "--config", "--format", "--output", "--postgres-version", "--profile", "--rule", "--changed-since", "--baseline" },
            ["fix"] = new[] { "--config", "--postgres-version", "--profile", "--rule", "--dry-run" },
            ["baseline"] = new[] { "--config", "--output", "--postgres-version", "--profile", "--rule" },
            ["rules"] = new[] { "--config", "--profile" },
            ["explain"] = new string[0],
        };

        /// <summary>Parses the arguments after `check`.</summary>
        public static CheckOptions ParseCheck(IReadOnlyList<string> args) => Parse("check", args);

        /// <summary>Parses the arguments after <paramref name="command"/>. Throws <see cref="UsageException"/> on anything it does not accept.</summary>
        public static CheckOptions Parse(string command, IReadOnlyList<string> args)
        {
            string[] allowed = OptionsByCommand[command];
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
                name = name == "-o" ? "--output" : name == "-f" ? "--format" : name;
                if (name == "-h" || name == "--help")
                {
                    RejectInlineValue(name, inlineValue);
                    options.ShowHelp = true;
                    continue;
                }
                if (Array.IndexOf(allowed, name) < 0)
                {
                    throw new UsageException($"unknown option '{name}' for {command} (see 'replicaguard {command} --help')");
                }
                switch (name)
                {
                    case "--config":
                        options.ConfigPath = TakeValue(args, ref i, name, inlineValue);
                        break;
                    case "--output":
                        options.OutputPath = TakeValue(args, ref i, name, inlineValue);
                        break;
                    case "--format":
                        options.Format = ParseFormat(TakeValue(args, ref i, name, inlineValue));
                        break;
                    case "--postgres-version":
                        options.PostgresVersion = ParsePostgresVersion(TakeValue(args, ref i, name, inlineValue));
                        break;
                    case "--profile":
                        options.Profile = ParseProfile(TakeValue(args, ref i, name, inlineValue));
                        break;
                    case "--rule":
                        AddRules(TakeValue(args, ref i, name, inlineValue), options.Rules);
                        break;
                    case "--changed-since":
                        options.ChangedSince = TakeValue(args, ref i, name, inlineValue);
                        break;
                    case "--baseline":
                        options.BaselinePath = TakeValue(args, ref i, name, inlineValue);
                        break;
                    case "--dry-run":
                        RejectInlineValue(name, inlineValue);
                        options.DryRun = true;
                        break;
                }
            }
            return options;
        }

        /// <summary>Accepts `--rule RG1001,RG2001` and repeated `--rule`; IDs in any case; unknown IDs are a usage error.</summary>
        private static void AddRules(string value, List<string> rules)
        {
            foreach (string part in value.Split(','))
            {
                string id = part.Trim();
                if (id.Length == 0)
                {
                    continue;
                }
                RuleDescriptor? rule = RuleCatalog.Find(id);
                if (rule == null)
                {
                    var known = new List<string>();
                    foreach (RuleDescriptor descriptor in RuleCatalog.All)
                    {
                        known.Add(descriptor.Id);
                    }
                    throw new UsageException($"unknown rule ID '{id}' in --rule (known: {string.Join(", ", known)}; see 'replicaguard rules')");
                }
                if (!rules.Contains(rule.Id))
                {
                    rules.Add(rule.Id);
                }
            }
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
                case "json": return ReportFormat.Json;
                case "sarif": return ReportFormat.Sarif;
                case "github": return ReportFormat.Github;
                default: throw new UsageException($"bad value '{value}' for --format (expected text, json, sarif or github)");
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
