using System;
using System.Collections.Generic;
using System.Linq;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>Runs the engine on a history and reads off its RG1001 (missing replica identity) results.</summary>
    public static class EngineOracle
    {
        public const string MissingIdentityRule = "RG1001";

        public static AnalysisSettings Settings(bool assumeAllTablesPublication = false)
        {
            var settings = new AnalysisSettings { PostgresVersion = 15 };
            if (assumeAllTablesPublication)
            {
                settings.Publications.Add(new PublicationDeclaration("p") { AllTables = true });
            }
            return settings;
        }

        public static AnalysisResult Analyze(History history, AnalysisSettings settings)
        {
            var files = history.Files.Select(f => new SourceFile(f.Name, f.Text)).ToList();
            return Engine.Analyze(files, settings);
        }

        public static SortedSet<string> MissingIdentity(IReadOnlyList<Diagnostic> diagnostics) =>
            new SortedSet<string>(
                diagnostics.Where(d => d.Id == MissingIdentityRule).Select(d => d.ObjectName ?? "(no object name: " + d + ")"),
                StringComparer.Ordinal);

        /// <summary>The engine's RG1001 results and the statements it predicts the server rejects.</summary>
        public static string Describe(AnalysisResult result)
        {
            string rejected = result.Rejected.Count == 0
                ? "  (none)"
                : string.Join(Environment.NewLine, result.Rejected.Select(r => "  " + r));
            return Describe(result.Diagnostics) + Environment.NewLine + "-- statements the engine predicts the server rejects:" + Environment.NewLine + rejected;
        }

        public static string Describe(IReadOnlyList<Diagnostic> diagnostics)
        {
            var relevant = diagnostics.Where(d => d.Id == MissingIdentityRule).ToList();
            return relevant.Count == 0
                ? "  (no RG1001)"
                : string.Join(Environment.NewLine, relevant.Select(d => "  " + d.ObjectName + " at " + d.Location + ": " + d.Message));
        }

        /// <summary>Both sets and their differences, for failure messages.</summary>
        public static string CompareText(SortedSet<string> server, SortedSet<string> engine)
        {
            var onlyServer = server.Where(t => !engine.Contains(t)).ToList();
            var onlyEngine = engine.Where(t => !server.Contains(t)).ToList();
            return "server missing-identity set (" + server.Count + "): " + string.Join(", ", server) + Environment.NewLine
                + "engine RG1001 set (" + engine.Count + "): " + string.Join(", ", engine) + Environment.NewLine
                + "only on server (engine misses): " + string.Join(", ", onlyServer) + Environment.NewLine
                + "only in engine (false alarms): " + string.Join(", ", onlyEngine);
        }
    }
}
