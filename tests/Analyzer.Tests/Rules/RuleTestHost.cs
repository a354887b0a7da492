using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>Runs the engine over inline SQL files and picks results; the rule and fix tests share it.</summary>
    internal static class RuleTestHost
    {
        public static AnalysisSettings Settings(string profile = "postgres", int version = 16, params (string Id, Severity Severity)[] rules)
        {
            var settings = new AnalysisSettings { Profile = profile, PostgresVersion = version };
            foreach ((string id, Severity severity) in rules)
            {
                settings.RuleSeverities[id] = severity;
            }
            return settings;
        }

        public static IReadOnlyList<Diagnostic> Analyze(params string[] sqlFiles) => Analyze(Settings(), sqlFiles);

        public static IReadOnlyList<Diagnostic> Analyze(AnalysisSettings settings, params string[] sqlFiles)
        {
            var files = new List<SourceFile>();
            for (int i = 0; i < sqlFiles.Length; i++)
            {
                files.Add(new SourceFile("m" + (i + 1) + ".sql", sqlFiles[i]));
            }
            return Engine.Analyze(files, settings).Diagnostics;
        }

        public static List<Diagnostic> Only(IReadOnlyList<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id).ToList();

        public static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string id)
        {
            List<Diagnostic> found = Only(diagnostics, id);
            Assert.AreEqual(1, found.Count, "expected one " + id + ", got: " + Describe(diagnostics));
            return found[0];
        }

        public static void None(IReadOnlyList<Diagnostic> diagnostics, string id)
        {
            Assert.AreEqual(0, Only(diagnostics, id).Count, "expected no " + id + ", got: " + Describe(diagnostics));
        }

        public static string Describe(IReadOnlyList<Diagnostic> diagnostics) => diagnostics.Count == 0 ? "(none)" : string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

        /// <summary>The text at the diagnostic's primary location.</summary>
        public static string TextAt(Diagnostic d) => d.Location.File.OriginalText.Substring(d.Location.Span.Start, d.Location.Span.Length);

        /// <summary>Applies a fix's edits to each file's original text (edits never overlap within a fix).</summary>
        public static string[] ApplyFix(CodeFix fix, string[] sqlFiles)
        {
            var result = (string[])sqlFiles.Clone();
            for (int i = 0; i < result.Length; i++)
            {
                string path = "m" + (i + 1) + ".sql";
                foreach (TextEdit edit in fix.Edits.Where(e => e.File.Path == path).OrderByDescending(e => e.Span.Start))
                {
                    result[i] = result[i].Substring(0, edit.Span.Start) + edit.NewText + result[i].Substring(edit.Span.End);
                }
            }
            return result;
        }

        public static CodeFix FixOfKind(Diagnostic d, string equivalenceKey)
        {
            CodeFix? fix = d.Fixes.FirstOrDefault(f => f.EquivalenceKey == equivalenceKey);
            Assert.IsNotNull(fix, "no fix " + equivalenceKey + " among: " + string.Join(" | ", d.Fixes.Select(f => f.EquivalenceKey + ": " + f.Title)));
            return fix;
        }
    }
}
