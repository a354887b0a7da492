using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>
    /// Settings for the analyzer and the MSBuild task: replicaguard.json first, then the MSBuild properties
    /// ReplicaGuardProfile and ReplicaGuardPostgresVersion when set (like the CLI's --profile and
    /// --postgres-version, the property is the more specific choice and wins).
    /// </summary>
    internal static class FrontEndSettings
    {
        /// <summary>Never throws: an invalid value is left out and described in <paramref name="problems"/>.</summary>
        public static AnalysisSettings Build(ReplicaGuardConfig? config, string? profile, string? postgresVersion, List<string> problems)
        {
            AnalysisSettings settings = config != null ? config.ToSettings() : new AnalysisSettings();
            if (!string.IsNullOrWhiteSpace(profile))
            {
                string value = profile!.Trim();
                if (Validate("ReplicaGuardProfile", "{\"profile\": " + Quote(value) + "}", problems))
                {
                    settings.Profile = value;
                }
            }
            if (!string.IsNullOrWhiteSpace(postgresVersion))
            {
                string value = postgresVersion!.Trim();
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int version))
                {
                    problems.Add($"ReplicaGuardPostgresVersion: \"{value}\" is not a PostgreSQL major version; expected a whole number from {AnalysisSettings.MinPostgresVersion} to {AnalysisSettings.MaxPostgresVersion}");
                }
                else if (Validate("ReplicaGuardPostgresVersion", "{\"postgresVersion\": " + version.ToString(CultureInfo.InvariantCulture) + "}", problems))
                {
                    settings.PostgresVersion = version;
                }
            }
            return settings;
        }

        /// <summary>Reuses the engine's replicaguard.json validation so a property accepts exactly what the file accepts.</summary>
        private static bool Validate(string property, string json, List<string> problems)
        {
            try
            {
                ReplicaGuardConfig.Parse(json, property);
                return true;
            }
            catch (ConfigException e)
            {
                problems.Add(e.Message.Replace("\"profile\"", "the value").Replace("\"postgresVersion\"", "the value"));
                return false;
            }
        }

        private static string Quote(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                if (c == '"' || c == '\\') builder.Append('\\').Append(c);
                else if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else builder.Append(c);
            }
            return builder.Append('"').ToString();
        }
    }
}
