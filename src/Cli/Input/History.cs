using System.Collections.Generic;
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
        public CheckInput(AnalysisSettings settings, IReadOnlyList<History> histories)
        {
            Settings = settings;
            Histories = histories;
        }

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
}
