using System.Collections.Generic;
using ReplicaGuard.Migrations;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Input
{
    /// <summary>One migration history: files applied in order, analysed with one Engine.Analyze call.</summary>
    public sealed class History
    {
        public History(string name, IReadOnlyList<SourceFile> files)
        {
            Name = name;
            Files = files;
        }

        /// <summary>What the history came from (a folder, "files", or the config), for messages.</summary>
        public string Name { get; }

        public IReadOnlyList<SourceFile> Files { get; }
    }

    /// <summary>Everything `check` analyses: the settings and the histories.</summary>
    public sealed class CheckInput
    {
        public CheckInput(AnalysisSettings settings, IReadOnlyList<History> histories, IReadOnlyDictionary<SourceFile, LoadedFile> files, ReplicaGuardConfig? config)
        {
            Settings = settings;
            Histories = histories;
            Files = files;
            Config = config;
        }

        /// <summary>Where each analysed file came from and how it was encoded.</summary>
        public IReadOnlyDictionary<SourceFile, LoadedFile> Files { get; }

        public ReplicaGuardConfig? Config { get; }

        public AnalysisSettings Settings { get; }
        public IReadOnlyList<History> Histories { get; }

        public int FileCount
        {
            get
            {
                int count = 0;
                foreach (History history in Histories)
                {
                    count += history.Files.Count;
                }
                return count;
            }
        }
    }

    /// <summary>A migration file as read: its full path, its bytes (to notice changes before writing) and decoded text.</summary>
    public sealed class LoadedFile
    {
        public LoadedFile(string fullPath, byte[] bytes, MigrationText text)
        {
            FullPath = fullPath;
            Bytes = bytes;
            Text = text;
        }

        public string FullPath { get; }
        public byte[] Bytes { get; }
        public MigrationText Text { get; }
    }
}
