using System;
using System.Collections.Generic;
using System.IO;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Migrations.Json;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Migrations
{
    /// <summary>
    /// The project's replicaguard.json. Parsed without package dependencies (the engine has none).
    /// </summary>
    /// <remarks>
    /// Keys are camelCase and case-sensitive; an unknown key is an error (a typo must not be silently ignored);
    /// <c>$schema</c> is allowed and ignored. As in tsconfig.json, <c>//</c> and <c>/* */</c> comments and a trailing
    /// comma after the last member or item are accepted. Placeholder keys follow <see cref="SourcePreparation"/>: a
    /// bare name such as <c>schema</c> stands for <c>${schema}</c>, any other key is literal text.
    /// </remarks>
    public sealed class ReplicaGuardConfig
    {
        public const string FileName = "replicaguard.json";

        private static readonly string[] Profiles = { "postgres", "zero", "supabase", "electric", "debezium", "pglogical" };
        private static readonly string[] PublishActions = { "insert", "update", "delete", "truncate" };

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

        /// <summary><see cref="Files"/> as full paths, resolved against the config file's folder.</summary>
        public IReadOnlyList<string> ResolveFiles()
        {
            string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? "";
            var result = new List<string>(Files.Count);
            foreach (string file in Files)
            {
                result.Add(System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, file.Replace('/', System.IO.Path.DirectorySeparatorChar))));
            }
            return result;
        }

        /// <summary>Parses the JSON text; throws <see cref="ConfigException"/> naming the key and the file.</summary>
        public static ReplicaGuardConfig Parse(string json, string path)
        {
            JsonValue root;
            try
            {
                root = JsonReader.Parse(json);
            }
            catch (JsonException e)
            {
                throw new ConfigException(path, "", $"{path}({e.Line},{e.Column}): invalid JSON: {e.Message}");
            }
            return new ConfigParser(path).Read(root);
        }

        /// <summary>Reads and parses a file; throws <see cref="ConfigException"/>.</summary>
        public static ReplicaGuardConfig Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException
                                      || e is NotSupportedException || e is System.Security.SecurityException)
            {
                throw new ConfigException(path ?? "", "", $"{path}: cannot read the configuration file ({e.Message}); check that it exists and that you may read it");
            }
            ReplicaGuardConfig config = Parse(text, path);
            config.Path = System.IO.Path.GetFullPath(path); // messages name the file as the user gave it; Path is full
            return config;
        }

        /// <summary>Walks up from <paramref name="startPath"/> (a file or folder) to find replicaguard.json; null if none.</summary>
        public static string? Find(string startPath)
        {
            try
            {
                string full = System.IO.Path.GetFullPath(startPath);
                string? folder = Directory.Exists(full) ? full : System.IO.Path.GetDirectoryName(full);
                while (!string.IsNullOrEmpty(folder))
                {
                    string candidate = System.IO.Path.Combine(folder, FileName);
                    if (File.Exists(candidate)) return candidate;
                    folder = System.IO.Path.GetDirectoryName(folder);
                }
                return null;
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException
                                      || e is System.Security.SecurityException || e is IOException)
            {
                return null; // a path that cannot be walked has no configuration
            }
        }

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

        /// <summary>Checks each key of the parsed JSON and fills a config; every problem is one ConfigException.</summary>
        private sealed class ConfigParser
        {
            private readonly string _path;

            public ConfigParser(string path)
            {
                _path = path;
            }

            public ReplicaGuardConfig Read(JsonValue root)
            {
                if (root.Kind != JsonKind.Object) throw Fail(root, "", $"the file must hold a JSON object {{ ... }}, found {root.Describe()}");
                var config = new ReplicaGuardConfig { Path = _path };
                foreach (JsonMember member in root.Members)
                {
                    JsonValue value = member.Value;
                    switch (member.Name)
                    {
                        case "$schema":
                            break;
                        case "postgresVersion":
                            config.PostgresVersion = ReadPostgresVersion(value);
                            break;
                        case "profile":
                            config.Profile = ReadOneOf(value, "profile", Profiles);
                            break;
                        case "publications":
                            ReadPublications(value, config.Publications);
                            break;
                        case "placeholders":
                            ReadPlaceholders(value, config.Placeholders);
                            break;
                        case "files":
                            config.Files.AddRange(ReadStringArray(value, "files", "relative file paths"));
                            break;
                        case "searchPath":
                            config.SearchPath = ReadSearchPath(value);
                            break;
                        case "rules":
                            ReadRules(value, config.Rules);
                            break;
                        default:
                            throw new ConfigException(_path, member.Name, $"{_path}({member.Line},{member.Column}): \"{member.Name}\" is not a known key; expected one of $schema, postgresVersion, profile, publications, placeholders, files, searchPath, rules (keys are case-sensitive)");
                    }
                }
                if (config.Profile == "zero")
                {
                    CheckZeroAppPublications(config);
                }
                return config;
            }

            /// <summary>Publications as read, with where each was written (for checks that need the whole file).</summary>
            private readonly List<KeyValuePair<PublicationDeclaration, JsonValue>> _publicationValues = new List<KeyValuePair<PublicationDeclaration, JsonValue>>();

            /// <summary>
            /// Zero refuses app publications that do not publish all four actions or whose name starts with '_'
            /// (reserved for its own, like _zero_public_0, which may be declared as it is).
            /// </summary>
            private void CheckZeroAppPublications(ReplicaGuardConfig config)
            {
                for (int i = 0; i < _publicationValues.Count; i++)
                {
                    PublicationDeclaration publication = _publicationValues[i].Key;
                    JsonValue at = _publicationValues[i].Value;
                    string key = $"publications[{i}]";
                    if (publication.Name.StartsWith("_zero_", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    if (publication.Name.StartsWith("_", StringComparison.Ordinal))
                    {
                        throw Fail(at, key + ".name", $"\"{key}.name\" is \"{publication.Name}\": Zero does not accept app publications whose name starts with '_'; rename the publication");
                    }
                    if (publication.Publish != null)
                    {
                        var actions = new HashSet<string>(StringComparer.Ordinal);
                        foreach (string part in publication.Publish.Split(','))
                        {
                            actions.Add(part.Trim().ToLowerInvariant());
                        }
                        if (!(actions.Contains("insert") && actions.Contains("update") && actions.Contains("delete") && actions.Contains("truncate")))
                        {
                            throw Fail(at, key + ".publish", $"\"{key}.publish\" is \"{publication.Publish}\": Zero requires app publications to publish insert, update, delete and truncate; remove \"publish\" or list all four");
                        }
                    }
                }
            }

            private ConfigException Fail(JsonValue at, string key, string message)
            {
                return new ConfigException(_path, key, $"{_path}({at.Line},{at.Column}): {message}");
            }

            private ConfigException Expected(JsonValue at, string key, string expected)
            {
                return Fail(at, key, $"\"{key}\" must be {expected}, found {at.Describe()}");
            }

            private int ReadPostgresVersion(JsonValue value)
            {
                const string key = "postgresVersion";
                string expected = $"a whole number from {AnalysisSettings.MinPostgresVersion} to {AnalysisSettings.MaxPostgresVersion}";
                if (value.Kind != JsonKind.Number || !int.TryParse(value.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int version)
                    || version < AnalysisSettings.MinPostgresVersion || version > AnalysisSettings.MaxPostgresVersion)
                {
                    throw Expected(value, key, expected);
                }
                return version;
            }

            private string ReadOneOf(JsonValue value, string key, string[] allowed)
            {
                string expected = "one of " + string.Join(", ", allowed);
                if (value.Kind != JsonKind.String || Array.IndexOf(allowed, value.Text) < 0) throw Expected(value, key, expected);
                return value.Text;
            }

            private string ReadString(JsonValue value, string key, string expected)
            {
                if (value.Kind != JsonKind.String || value.Text.Trim().Length == 0) throw Expected(value, key, expected);
                return value.Text;
            }

            private bool ReadBoolean(JsonValue value, string key)
            {
                if (value.Kind != JsonKind.Boolean) throw Expected(value, key, "true or false");
                return value.Boolean;
            }

            private List<string> ReadStringArray(JsonValue value, string key, string what)
            {
                if (value.Kind != JsonKind.Array) throw Expected(value, key, $"an array of {what}");
                var result = new List<string>(value.Items.Count);
                for (int i = 0; i < value.Items.Count; i++)
                {
                    result.Add(ReadString(value.Items[i], $"{key}[{i}]", $"a non-empty string (one of the {what})"));
                }
                return result;
            }

            private void ReadPublications(JsonValue value, List<PublicationDeclaration> publications)
            {
                if (value.Kind != JsonKind.Array) throw Expected(value, "publications", "an array of publication objects");
                var names = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < value.Items.Count; i++)
                {
                    PublicationDeclaration publication = ReadPublication(value.Items[i], $"publications[{i}]");
                    if (!names.Add(publication.Name))
                    {
                        throw Fail(value.Items[i], $"publications[{i}]", $"\"publications[{i}]\" declares publication \"{publication.Name}\" a second time; each name must be declared once");
                    }
                    publications.Add(publication);
                    _publicationValues.Add(new KeyValuePair<PublicationDeclaration, JsonValue>(publication, value.Items[i]));
                }
            }

            private PublicationDeclaration ReadPublication(JsonValue value, string key)
            {
                if (value.Kind != JsonKind.Object) throw Expected(value, key, "an object with \"name\" and optionally allTables, tablesInSchema, tables, publish, publishViaPartitionRoot");
                JsonMember? nameMember = value.Members.Find(m => m.Name == "name");
                if (nameMember == null) throw Fail(value, key + ".name", $"\"{key}\" has no \"name\"; every publication needs a name (a string)");
                var publication = new PublicationDeclaration(ReadString(nameMember.Value, key + ".name", "the publication's name (a non-empty string)"));

                JsonMember? allTablesMember = null, listMember = null;
                foreach (JsonMember member in value.Members)
                {
                    string memberKey = key + "." + member.Name;
                    switch (member.Name)
                    {
                        case "name":
                            break;
                        case "allTables":
                            publication.AllTables = ReadBoolean(member.Value, memberKey);
                            if (publication.AllTables) allTablesMember = member;
                            break;
                        case "tablesInSchema":
                            publication.TablesInSchema.AddRange(ReadStringArray(member.Value, memberKey, "schema names"));
                            if (publication.TablesInSchema.Count > 0) listMember ??= member;
                            break;
                        case "tables":
                            publication.Tables.AddRange(ReadStringArray(member.Value, memberKey, "table names, optionally schema-qualified"));
                            if (publication.Tables.Count > 0) listMember ??= member;
                            break;
                        case "publish":
                            publication.Publish = ReadPublish(member.Value, memberKey);
                            break;
                        case "publishViaPartitionRoot":
                            publication.PublishViaPartitionRoot = ReadBoolean(member.Value, memberKey);
                            break;
                        default:
                            throw new ConfigException(_path, memberKey, $"{_path}({member.Line},{member.Column}): \"{memberKey}\" is not a known key; expected name, allTables, tablesInSchema, tables, publish, publishViaPartitionRoot");
                    }
                }

                // As in PostgreSQL, FOR ALL TABLES cannot be combined with a table or schema list.
                if (allTablesMember != null && listMember != null)
                {
                    string listKey = key + "." + listMember.Name;
                    throw new ConfigException(_path, listKey, $"{_path}({listMember.Line},{listMember.Column}): \"{listKey}\" cannot be combined with \"allTables\": true; use either allTables or tables/tablesInSchema");
                }
                return publication;
            }

            private string ReadPublish(JsonValue value, string key)
            {
                const string expected = "a comma-separated list of insert, update, delete, truncate (e.g. \"insert, update\")";
                if (value.Kind != JsonKind.String) throw Expected(value, key, expected);
                foreach (string part in value.Text.Split(','))
                {
                    string action = part.Trim().ToLowerInvariant();
                    if (action.Length == 0 && value.Text.Trim().Length == 0) continue; // "" publishes nothing, as in PostgreSQL
                    if (Array.IndexOf(PublishActions, action) < 0) throw Expected(value, key, expected);
                }
                return value.Text;
            }

            private void ReadPlaceholders(JsonValue value, Dictionary<string, string> placeholders)
            {
                if (value.Kind != JsonKind.Object) throw Expected(value, "placeholders", "an object of \"placeholder\": \"value\" strings");
                foreach (JsonMember member in value.Members)
                {
                    string key = "placeholders." + member.Name;
                    if (member.Name.Length == 0)
                    {
                        throw new ConfigException(_path, key, $"{_path}({member.Line},{member.Column}): \"placeholders\" has an empty key; a key is the text to replace, such as ${{schema}} or schema");
                    }
                    if (member.Value.Kind != JsonKind.String) throw Expected(member.Value, key, "a string (the replacement text)");
                    placeholders[member.Name] = member.Value.Text;
                }
            }

            private List<string> ReadSearchPath(JsonValue value)
            {
                const string key = "searchPath";
                List<string> items;
                if (value.Kind == JsonKind.String)
                {
                    items = new List<string>();
                    foreach (string part in value.Text.Split(','))
                    {
                        if (part.Trim().Length == 0) throw Expected(value, key, "schema names separated by commas, with none empty");
                        items.Add(part);
                    }
                }
                else if (value.Kind == JsonKind.Array)
                {
                    items = ReadStringArray(value, key, "schema names");
                }
                else
                {
                    throw Expected(value, key, "an array of schema names, or one string such as \"\\\"$user\\\", public\"");
                }

                // As in SET search_path, a name may be double-quoted ("$user"); the settings hold it unquoted.
                var result = new List<string>(items.Count);
                foreach (string item in items)
                {
                    string name = item.Trim();
                    if (name.Length >= 2 && name[0] == '"' && name[name.Length - 1] == '"') name = name.Substring(1, name.Length - 2).Replace("\"\"", "\"");
                    result.Add(name);
                }
                return result;
            }

            private void ReadRules(JsonValue value, Dictionary<string, Severity> rules)
            {
                if (value.Kind != JsonKind.Object) throw Expected(value, "rules", "an object of \"RGxxxx\": \"error\" | \"warning\" | \"suggestion\" | \"none\"");
                foreach (JsonMember member in value.Members)
                {
                    string key = "rules." + member.Name;
                    RuleDescriptor? rule = RuleCatalog.Find(member.Name);
                    if (rule != null && rule.Id != member.Name)
                    {
                        throw new ConfigException(_path, key, $"{_path}({member.Line},{member.Column}): \"{member.Name}\" must be written \"{rule.Id}\" (rule IDs are case-sensitive)");
                    }
                    if (rule == null)
                    {
                        var ids = new List<string>();
                        foreach (RuleDescriptor known in RuleCatalog.All) ids.Add(known.Id);
                        throw new ConfigException(_path, key, $"{_path}({member.Line},{member.Column}): \"{member.Name}\" is not a rule ID; expected one of {string.Join(", ", ids)}");
                    }
                    rules[rule.Id] = ReadSeverity(member.Value, key);
                }
            }

            private Severity ReadSeverity(JsonValue value, string key)
            {
                const string expected = "one of \"error\", \"warning\", \"suggestion\", \"none\"";
                if (value.Kind != JsonKind.String) throw Expected(value, key, expected);
                switch (value.Text)
                {
                    case "error": return Severity.Error;
                    case "warning": return Severity.Warning;
                    case "suggestion": return Severity.Suggestion;
                    case "none": return Severity.None;
                    default: throw Expected(value, key, expected);
                }
            }
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
