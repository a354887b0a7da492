using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ReplicaGuard.FrontEnds;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.Roslyn
{
    /// <summary>
    /// What a project's options say about its migrations: which AdditionalFiles are migrations, the
    /// replicaguard.json among them, and the compiler-visible MSBuild properties. Shared by the analyzer and
    /// the code fixes so both replay exactly the same history.
    /// </summary>
    internal sealed class ProjectMigrations
    {
        public const string MigrationMetadata = "build_metadata.AdditionalFiles.ReplicaGuardMigration";
        public const string ProfileProperty = "build_property.ReplicaGuardProfile";
        public const string PostgresVersionProperty = "build_property.ReplicaGuardPostgresVersion";
        public const string ReporterProperty = "build_property.ReplicaGuardReporter";
        public const string ProjectDirProperty = "build_property.ReplicaGuardProjectDir";

        private ProjectMigrations(IReadOnlyList<AdditionalText> files, AdditionalText? configFile, string? projectDir, string? profile, string? postgresVersion)
        {
            Files = files;
            ConfigFile = configFile;
            ProjectDir = projectDir;
            Profile = profile;
            PostgresVersion = postgresVersion;
        }

        public IReadOnlyList<AdditionalText> Files { get; }
        public AdditionalText? ConfigFile { get; }
        public string? ProjectDir { get; }
        public string? Profile { get; }
        public string? PostgresVersion { get; }

        /// <summary>
        /// Migrations are the AdditionalFiles the package's targets mark with ReplicaGuardMigration=true; when none
        /// is marked (the analyzer used without the targets), every AdditionalFile whose name ends in .sql or
        /// .sql.postgres. The ordering conventions then drop what is never applied (down and undo files).
        /// </summary>
        public static ProjectMigrations From(ImmutableArray<AdditionalText> additionalFiles, AnalyzerConfigOptionsProvider options)
        {
            var marked = new List<AdditionalText>();
            var sql = new List<AdditionalText>();
            AdditionalText? config = null;
            foreach (AdditionalText file in additionalFiles)
            {
                string name = FileName(file.Path);
                if (string.Equals(name, ReplicaGuardConfig.FileName, StringComparison.OrdinalIgnoreCase))
                {
                    config ??= file;
                    continue;
                }
                options.GetOptions(file).TryGetValue(MigrationMetadata, out string? metadata);
                if (string.Equals(metadata, "true", StringComparison.OrdinalIgnoreCase))
                {
                    marked.Add(file);
                }
                else if (!string.Equals(metadata, "false", StringComparison.OrdinalIgnoreCase) && IsSqlName(name))
                {
                    sql.Add(file);
                }
            }
            AnalyzerConfigOptions global = options.GlobalOptions;
            return new ProjectMigrations(
                marked.Count > 0 ? marked : sql,
                config,
                Value(global, ProjectDirProperty),
                Value(global, ProfileProperty),
                Value(global, PostgresVersionProperty));
        }

        /// <summary>Reads the texts, the configuration and the settings, and runs the engine. Never throws except for cancellation.</summary>
        public ProjectAnalysis Analyze(ParseCache cache, CancellationToken cancellationToken) => Analyze(cache, null, cancellationToken);

        /// <param name="histories">
        /// Where the analyzer keeps each project's replay between compilations; null for a one-shot analysis, which
        /// builds the results' fixes at once: its caller is the code fix provider, which reads them.
        /// </param>
        public ProjectAnalysis Analyze(ParseCache cache, IncrementalHistories? histories, CancellationToken cancellationToken)
        {
            string? json = null;
            var problems = new List<ConfigProblem>();
            ReplicaGuardConfig? config = null;
            if (ConfigFile != null)
            {
                json = ConfigFile.GetText(cancellationToken)?.ToString();
                if (json == null)
                {
                    problems.Add(new ConfigProblem(ConfigFile.Path, $"{ConfigFile.Path}: cannot read the configuration file"));
                }
                else
                {
                    try
                    {
                        config = ReplicaGuardConfig.Parse(json, ConfigFile.Path);
                        config.Path = ConfigFile.Path;
                    }
                    catch (ConfigException e)
                    {
                        problems.Add(new ConfigProblem(ConfigFile.Path, e.Message));
                    }
                }
            }

            var messages = new List<string>();
            AnalysisSettings settings = FrontEndSettings.Build(config, Profile, PostgresVersion, messages);
            foreach (string message in messages)
            {
                problems.Add(new ConfigProblem(null, message));
            }

            var inputs = new List<MigrationInput>(Files.Count);
            var byPath = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
            foreach (AdditionalText file in Files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SourceText? source = file.GetText(cancellationToken);
                string? text = source == null ? null : TextOf(source);
                if (text == null || byPath.ContainsKey(file.Path))
                {
                    continue; // an unreadable file is the compiler's to report (CS8034 or similar)
                }
                byPath.Add(file.Path, file);
                inputs.Add(new MigrationInput(file.Path, text));
            }

            if (problems.Count > 0 && config == null && ConfigFile != null)
            {
                // With a broken replicaguard.json the publications are unknown: results would mislead.
                return new ProjectAnalysis(null, problems, byPath);
            }
            Func<IReadOnlyList<MigrationInput>, List<MigrationInput>> order = files => MigrationHistory.Order(files, ProjectDir, config);
            HistoryOutcome outcome = histories == null
                ? HistoryAnalysis.Run(order(inputs), settings, cache, FixBuilding.DuringAnalysis, cancellationToken)
                : histories.Run(ProjectDir ?? ConfigFile?.Path ?? (Files.Count > 0 ? Files[0].Path : ""), SettingsSource(json), settings, (kept, incremental) => HistoryAnalysis.Run(kept.Order(inputs, order), settings, cache, incremental, cancellationToken));
            return new ProjectAnalysis(outcome, problems, byPath);
        }

        /// <summary>The string of each text the host gave us, kept as long as the host keeps that text.</summary>
        private static readonly ConditionalWeakTable<SourceText, string> Texts = new ConditionalWeakTable<SourceText, string>();

        /// <summary>
        /// The file's text as a string. The IDE hands out the same SourceText for a file until it changes: reusing the
        /// string spares a copy of every migration per compilation (1,000 files: megabytes), and the parse cache then
        /// recognises an unchanged file by reference instead of comparing its whole text.
        /// </summary>
        internal static string TextOf(SourceText source) => Texts.GetValue(source, text => text.ToString());

        /// <summary>What the settings are built from: equal sources give equal settings.</summary>
        private string SettingsSource(string? json)
        {
            return ConfigFile?.Path + "\0" + (json == null ? "-" : "+" + json) + "\0" + Profile + "\0" + PostgresVersion;
        }

        private static string? Value(AnalyzerConfigOptions options, string key)
        {
            return options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        }

        private static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return path.Substring(slash + 1);
        }

        private static bool IsSqlName(string name)
        {
            return name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".sql.postgres", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A problem with the settings: a broken replicaguard.json (File set) or an invalid MSBuild property.</summary>
    internal sealed class ConfigProblem
    {
        public ConfigProblem(string? file, string message)
        {
            File = file;
            Message = message;
        }

        public string? File { get; }
        public string Message { get; }
    }

    internal sealed class ProjectAnalysis
    {
        public ProjectAnalysis(HistoryOutcome? outcome, IReadOnlyList<ConfigProblem> problems, IReadOnlyDictionary<string, AdditionalText> files)
        {
            Outcome = outcome;
            Problems = problems;
            Files = files;
        }

        /// <summary>Null when the configuration was too broken to analyse.</summary>
        public HistoryOutcome? Outcome { get; }

        public IReadOnlyList<ConfigProblem> Problems { get; }

        /// <summary>The migration files read, by path.</summary>
        public IReadOnlyDictionary<string, AdditionalText> Files { get; }
    }
}
