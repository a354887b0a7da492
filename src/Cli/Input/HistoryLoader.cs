using System;
using System.Collections.Generic;
using System.IO;
using ReplicaGuard.Cli.Commands;
using ReplicaGuard.Cli.Files;
using ReplicaGuard.Migrations;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Input
{
    /// <summary>
    /// Turns the paths and options of `check` into settings and histories. Each folder argument is a history
    /// of its own; files named explicitly form one history in the order given; with no paths, the config's
    /// `files` list (or its folder) is the history. Every problem becomes a <see cref="UsageException"/>
    /// naming the file, before anything is analysed or written.
    /// </summary>
    public static class HistoryLoader
    {
        public static CheckInput Load(CheckOptions options, string workingDirectory, IFileSystem? fileSystem = null)
        {
            var reader = new FileReader(fileSystem ?? PhysicalFileSystem.Instance, workingDirectory);
            var fullPaths = new List<string>();
            foreach (string path in options.Paths)
            {
                string full = Path.GetFullPath(path, workingDirectory);
                if (!Directory.Exists(full) && !File.Exists(full))
                {
                    throw new UsageException($"{path}: no such file or folder");
                }
                fullPaths.Add(full);
            }

            ReplicaGuardConfig? config = LoadConfig(options, fullPaths, workingDirectory);
            AnalysisSettings settings = ToSettings(config, options);

            var histories = new List<History>();
            if (fullPaths.Count == 0)
            {
                histories.Add(HistoryFromConfig(config, settings, reader));
            }
            else
            {
                AddHistoriesFromPaths(fullPaths, settings, reader, histories);
            }
            return new CheckInput(settings, histories, reader.Loaded, config);
        }

        /// <summary>Only the settings (config found from the working directory, or --config, then the options): for `rules`.</summary>
        public static AnalysisSettings LoadSettings(CheckOptions options, string workingDirectory)
        {
            return ToSettings(LoadConfig(options, new List<string>(), workingDirectory), options);
        }

        private static AnalysisSettings ToSettings(ReplicaGuardConfig? config, CheckOptions options)
        {
            AnalysisSettings settings = config != null ? config.ToSettings() : new AnalysisSettings();
            if (options.PostgresVersion.HasValue)
            {
                settings.PostgresVersion = options.PostgresVersion.Value;
            }
            if (options.Profile != null)
            {
                settings.Profile = options.Profile;
            }
            return settings;
        }

        private static ReplicaGuardConfig? LoadConfig(CheckOptions options, List<string> fullPaths, string workingDirectory)
        {
            string? configPath;
            if (options.ConfigPath != null)
            {
                configPath = Path.GetFullPath(options.ConfigPath, workingDirectory);
                if (!File.Exists(configPath))
                {
                    throw new UsageException($"{options.ConfigPath}: config file not found");
                }
            }
            else
            {
                configPath = ReplicaGuardConfig.Find(fullPaths.Count > 0 ? fullPaths[0] : workingDirectory);
            }
            if (configPath == null)
            {
                return null;
            }

            string shown = DisplayPath.For(configPath, workingDirectory);
            try
            {
                return ReplicaGuardConfig.Load(configPath);
            }
            catch (ConfigException e)
            {
                string key = string.IsNullOrEmpty(e.Key) ? "" : $"'{e.Key}': ";
                throw new UsageException($"{shown}: {key}{OneLine(e.Message)}");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"{shown}: cannot read config: {OneLine(e.Message)}");
            }
        }

        private static History HistoryFromConfig(ReplicaGuardConfig? config, AnalysisSettings settings, FileReader reader)
        {
            string workingDirectory = reader.WorkingDirectory;
            if (config == null)
            {
                throw new UsageException("no folder or file to check, and no replicaguard.json here or above (see 'replicaguard check --help')");
            }
            string configFolder = Path.GetDirectoryName(config.Path) ?? workingDirectory;
            if (config.Files.Count == 0)
            {
                return FolderHistory(configFolder, settings, reader);
            }

            var files = new List<SourceFile>();
            foreach (string relative in config.Files)
            {
                string full = Path.GetFullPath(relative, configFolder);
                if (!File.Exists(full))
                {
                    throw new UsageException($"{DisplayPath.For(config.Path, workingDirectory)}: 'files': {relative}: no such file");
                }
                files.Add(reader.Prepare(full, settings));
            }
            return new History(DisplayPath.For(config.Path, workingDirectory), files);
        }

        private static void AddHistoriesFromPaths(List<string> fullPaths, AnalysisSettings settings, FileReader reader, List<History> histories)
        {
            List<SourceFile>? explicitFiles = null;
            foreach (string full in fullPaths)
            {
                if (Directory.Exists(full))
                {
                    histories.Add(FolderHistory(full, settings, reader));
                }
                else if (explicitFiles == null)
                {
                    // The explicit files form one history, placed where the first of them was named.
                    explicitFiles = new List<SourceFile> { reader.Prepare(full, settings) };
                    histories.Add(new History("files", explicitFiles));
                }
                else
                {
                    explicitFiles.Add(reader.Prepare(full, settings));
                }
            }
        }

        private static History FolderHistory(string folder, AnalysisSettings settings, FileReader reader)
        {
            string workingDirectory = reader.WorkingDirectory;
            IReadOnlyList<string> ordered;
            try
            {
                var loop = SymlinkLoops.Find(folder);
                if (loop != null)
                {
                    throw new UsageException(
                        $"{DisplayPath.For(loop.Value.Link, workingDirectory)}: symbolic link loop (it leads back to {DisplayPath.For(loop.Value.Target, workingDirectory)}); remove the link or check a folder inside it");
                }
                ordered = MigrationDiscovery.Discover(folder);
            }
            catch (MigrationInputException e)
            {
                throw new UsageException(WithDisplayPath(e, workingDirectory));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"{DisplayPath.For(folder, workingDirectory)}: cannot read folder: {OneLine(e.Message)}");
            }

            var files = new List<SourceFile>(ordered.Count);
            foreach (string path in ordered)
            {
                files.Add(reader.Prepare(Path.GetFullPath(path, folder), settings));
            }
            return new History(DisplayPath.For(folder, workingDirectory), files);
        }

        /// <summary>The engine's message names the full path first; users see the path as they typed it.</summary>
        private static string WithDisplayPath(MigrationInputException e, string workingDirectory)
        {
            string message = OneLine(e.Message);
            string shown = DisplayPath.For(e.PathName, workingDirectory);
            string prefix = e.PathName + ": ";
            return message.StartsWith(prefix, StringComparison.Ordinal)
                ? shown + ": " + message.Substring(prefix.Length)
                : shown + ": " + message;
        }

        internal static string OneLine(string message) => message.Replace("\r", " ").Replace("\n", " ").Trim();

        /// <summary>Reads and decodes migration files through the file system, remembering each one for `fix` and `--changed-since`.</summary>
        private sealed class FileReader
        {
            private readonly IFileSystem _fileSystem;

            public FileReader(IFileSystem fileSystem, string workingDirectory)
            {
                _fileSystem = fileSystem;
                WorkingDirectory = workingDirectory;
            }

            public string WorkingDirectory { get; }

            public Dictionary<SourceFile, LoadedFile> Loaded { get; } = new Dictionary<SourceFile, LoadedFile>();

            public SourceFile Prepare(string fullPath, AnalysisSettings settings)
            {
                string shown = DisplayPath.For(fullPath, WorkingDirectory);
                byte[] bytes;
                MigrationText text;
                try
                {
                    bytes = _fileSystem.ReadAllBytes(fullPath);
                    text = MigrationDecoder.Decode(bytes, shown);
                }
                catch (MigrationInputException e)
                {
                    // The reader's message already starts with the path.
                    throw new UsageException(OneLine(e.Message));
                }
                catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
                {
                    throw new UsageException($"{shown}: the file disappeared while it was being checked; run again once nothing else is changing the folder");
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new UsageException($"{shown}: cannot read file: {OneLine(e.Message)}; check that you may read it");
                }
                SourceFile file = SourcePreparation.Prepare(shown, text.Text, settings.Placeholders);
                Loaded[file] = new LoadedFile(fullPath, bytes, text);
                return file;
            }
        }
    }
}
