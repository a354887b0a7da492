using System.Collections.Generic;
using System.Linq;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>Runs the engine on inline SQL files and reads off results by rule.</summary>
    internal static class EngineTestHelper
    {
        public static AnalysisResult Run(int version, string[] publicationsForAllTables, params string[] files)
        {
            var settings = new AnalysisSettings { PostgresVersion = version };
            foreach (string name in publicationsForAllTables)
            {
                settings.Publications.Add(new PublicationDeclaration(name) { AllTables = true });
            }
            var sources = files.Select((text, i) => new SourceFile("V" + (i + 1) + "__m.sql", text)).ToList();
            return Engine.Analyze(sources, settings);
        }

        public static AnalysisResult Run(params string[] files) => Run(16, new string[0], files);

        /// <summary>schema.table of every RG1001, sorted.</summary>
        public static string Missing(AnalysisResult result) =>
            string.Join(",", result.Diagnostics.Where(d => d.Id == "RG1001").Select(d => d.ObjectName).OrderBy(n => n, System.StringComparer.Ordinal));

        public static string Rejected(AnalysisResult result) => string.Join(" | ", result.Rejected.Select(r => r.Message));

        public static IEnumerable<Diagnostic> Of(AnalysisResult result, string id) => result.Diagnostics.Where(d => d.Id == id);
    }
}
