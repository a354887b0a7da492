using System.Collections.Generic;

namespace ReplicaGuard.Migrations
{
    /// <summary>The project's replicaguard.json. Parsed without package dependencies (the engine has none).</summary>
    public sealed class ReplicaGuardConfig
    {
        public const string FileName = "replicaguard.json";

        /// <summary>Full path of the file it was read from.</summary>
        public string Path { get; set; } = "";

        public int? PostgresVersion { get; set; }
        public string? Profile { get; set; }
        public List<PublicationDeclaration> Publications { get; } = new List<PublicationDeclaration>();
        public Dictionary<string, string> Placeholders { get; } = new Dictionary<string, string>();

        /// <summary>Explicit ordered file list, relative to the config file's folder.</summary>
        public List<string> Files { get; } = new List<string>();

        public List<string>? SearchPath { get; set; }
        public Dictionary<string, Diagnostics.Severity> Rules { get; } = new Dictionary<string, Diagnostics.Severity>();

        /// <summary>Parses the JSON text; throws <see cref="ConfigException"/> naming the key and the file.</summary>
        public static ReplicaGuardConfig Parse(string json, string path)
        {
            // Stub: filled in by the configuration work.
            return new ReplicaGuardConfig { Path = path };
        }

        /// <summary>Reads and parses a file; throws <see cref="ConfigException"/>.</summary>
        public static ReplicaGuardConfig Load(string path) => Parse(System.IO.File.ReadAllText(path), path);

        /// <summary>Walks up from <paramref name="startPath"/> (a file or folder) to find replicaguard.json; null if none.</summary>
        public static string? Find(string startPath) => null;

        public AnalysisSettings ToSettings()
        {
            var settings = new AnalysisSettings();
            if (PostgresVersion.HasValue) settings.PostgresVersion = PostgresVersion.Value;
            if (Profile != null) settings.Profile = Profile;
            settings.Publications.AddRange(Publications);
            foreach (var p in Placeholders) settings.Placeholders[p.Key] = p.Value;
            if (SearchPath != null) { settings.SearchPath.Clear(); settings.SearchPath.AddRange(SearchPath); }
            foreach (var r in Rules) settings.RuleSeverities[r.Key] = r.Value;
            return settings;
        }
    }

    public sealed class ConfigException : System.Exception
    {
        public ConfigException(string path, string key, string message)
            : base(message)
        {
            PathName = path;
            Key = key;
        }

        public string PathName { get; }
        public string Key { get; }
    }
}
