using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Migrations;
using ReplicaGuard.Model;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>Runs one fuzz case through SourcePreparation + Engine.Analyze and renders the result canonically.</summary>
    internal static class FuzzHarness
    {
        /// <summary>
        /// The time an input of <paramref name="chars"/> characters may take: generous, but linear. Dense DDL (100,000
        /// CREATE TABLEs on one line) measured about 1.5 us/char on the 2-core CI machine; 4 us/char leaves room for noise.
        /// </summary>
        public static double BoundMs(int chars) => 50.0 + 0.004 * chars;

        /// <summary>Analyses the case once. Returns the canonical rendering; throws whatever the engine throws.</summary>
        public static string Analyze(FuzzCase fuzzCase, out double elapsedMs)
        {
            AnalysisSettings settings = fuzzCase.CreateSettings();
            var stopwatch = Stopwatch.StartNew();
            var files = new List<SourceFile>(fuzzCase.Files.Count);
            foreach (FuzzFile f in fuzzCase.Files)
            {
                files.Add(SourcePreparation.Prepare(f.Name, f.Text, settings.Placeholders));
            }
            AnalysisResult result = Engine.Analyze(files, settings);
            string rendering = Render(result);
            elapsedMs = stopwatch.Elapsed.TotalMilliseconds;
            return rendering;
        }

        /// <summary>
        /// Every diagnostic, related location, fix edit and rejected statement with its file, span, line span and
        /// text. Also checks that every span lies inside its file's original text (a span outside would corrupt a
        /// fix or crash a front end).
        /// </summary>
        public static string Render(AnalysisResult result)
        {
            var b = new StringBuilder();
            foreach (Diagnostic d in result.Diagnostics)
            {
                b.Append(d.Id).Append(' ').Append(d.Severity).Append(' ').Append(Where(d.Location))
                 .Append(" [").Append(d.ObjectName ?? "").Append("] ").AppendLine(d.Message);
                foreach (Location related in d.RelatedLocations)
                {
                    b.Append("  related ").AppendLine(Where(related));
                }
                foreach (CodeFix fix in d.Fixes)
                {
                    b.Append("  fix ").Append(fix.Title).Append(" {").Append(fix.EquivalenceKey).AppendLine("}");
                    foreach (TextEdit edit in fix.Edits)
                    {
                        CheckSpan(edit.File, edit.Span, "fix edit of " + d.Id);
                        b.Append("    edit ").Append(edit.File.Path).Append(' ').Append(edit.Span.Start).Append('+')
                         .Append(edit.Span.Length).Append(' ').AppendLine(FuzzCase.Escape(edit.NewText));
                    }
                }
            }
            foreach (RejectedStatement rejected in result.Rejected)
            {
                b.Append("rejected ").Append(Where(rejected.Statement.HeadLocation)).Append(' ').AppendLine(rejected.Message);
            }
            return b.ToString();
        }

        private static string Where(Location location)
        {
            CheckSpan(location.File, location.Span, "location");
            LinePositionSpan lines = location.LineSpan;
            return location.File.Path + "@" + location.Span.Start + "+" + location.Span.Length
                   + "(" + (lines.Start.Line + 1) + "," + (lines.Start.Character + 1) + "-"
                   + (lines.End.Line + 1) + "," + (lines.End.Character + 1) + ")";
        }

        private static void CheckSpan(SourceFile file, TextSpan span, string what)
        {
            if (span.Start < 0 || span.Length < 0 || span.End > file.OriginalText.Length)
            {
                throw new InvalidOperationException($"{what} span {span.Start}+{span.Length} lies outside {file.Path} ({file.OriginalText.Length} chars)");
            }
        }
    }
}
