using System.Collections.Generic;
using System.Text;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>One fuzz input: a migration history (files in order) plus the settings it is analysed with.</summary>
    internal sealed class FuzzCase
    {
        public FuzzCase(int index, List<FuzzFile> files)
        {
            Index = index;
            Files = files;
        }

        public int Index { get; }
        public List<FuzzFile> Files { get; }
        public int PostgresVersion { get; set; } = AnalysisSettings.DefaultPostgresVersion;
        public string Profile { get; set; } = "postgres";
        public Dictionary<string, string> Placeholders { get; } = new Dictionary<string, string>();

        /// <summary>Adds a configured FOR ALL TABLES publication, so RG1001 has something to judge.</summary>
        public bool DeclareAllTablesPublication { get; set; }

        /// <summary>The mutations applied, for the failure report.</summary>
        public List<string> Mutations { get; } = new List<string>();

        public int TotalChars
        {
            get
            {
                int n = 0;
                foreach (FuzzFile f in Files) n += f.Text.Length;
                return n;
            }
        }

        public AnalysisSettings CreateSettings()
        {
            var settings = new AnalysisSettings { PostgresVersion = PostgresVersion, Profile = Profile };
            foreach (var pair in Placeholders) settings.Placeholders[pair.Key] = pair.Value;
            if (DeclareAllTablesPublication) settings.Publications.Add(new PublicationDeclaration("fuzz_all") { AllTables = true });
            return settings;
        }

        /// <summary>A readable dump that reproduces the case by hand (the texts are C#-escaped).</summary>
        public string Describe()
        {
            var b = new StringBuilder();
            b.Append("case ").Append(Index).Append(": pg").Append(PostgresVersion).Append(" profile=").Append(Profile)
             .Append(" allTablesPublication=").Append(DeclareAllTablesPublication).AppendLine();
            foreach (var pair in Placeholders) b.Append("placeholder ").Append(Escape(pair.Key)).Append(" = ").AppendLine(Escape(pair.Value));
            b.Append("mutations: ").AppendLine(string.Join(", ", Mutations));
            foreach (FuzzFile f in Files)
            {
                b.Append("--- ").Append(f.Name).Append(" (").Append(f.Text.Length).AppendLine(" chars)");
                b.AppendLine(f.Text.Length <= 4000 ? Escape(f.Text) : Escape(f.Text.Substring(0, 4000)) + "...");
            }
            return b.ToString();
        }

        public static string Escape(string s)
        {
            var b = new StringBuilder(s.Length + 2);
            b.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': b.Append("\\\""); break;
                    case '\\': b.Append("\\\\"); break;
                    case '\n': b.Append("\\n"); break;
                    case '\r': b.Append("\\r"); break;
                    case '\t': b.Append("\\t"); break;
                    default:
                        if (c < ' ' || c >= 0x7f) b.Append("\\u").Append(((int)c).ToString("x4"));
                        else b.Append(c);
                        break;
                }
            }
            return b.Append('"').ToString();
        }
    }

    internal sealed class FuzzFile
    {
        public FuzzFile(string name, string text)
        {
            Name = name;
            Text = text;
        }

        public string Name { get; }
        public string Text { get; set; }
    }
}
