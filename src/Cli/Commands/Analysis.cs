using System.Collections.Generic;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Cli.Output;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>The shared first half of check, fix and baseline: load the histories, analyse each, keep the requested rules.</summary>
    public sealed class Analysis
    {
        private Analysis(CheckInput input, List<Diagnostic> diagnostics)
        {
            Input = input;
            Diagnostics = diagnostics;
        }

        public CheckInput Input { get; }

        /// <summary>Every reported result (severity other than none) of the rules asked for, in history order.</summary>
        public List<Diagnostic> Diagnostics { get; }

        /// <param name="fixes">
        /// When the results' fixes are built: during the analysis for a caller that reads every result's fixes (fix,
        /// JSON, SARIF); on the first read otherwise, so that a check that shows none keeps no fix history.
        /// </param>
        public static Analysis Run(CheckOptions options, CliConsole console, FixBuilding fixes)
        {
            CheckInput input = HistoryLoader.Load(options, console.WorkingDirectory, console.FileSystem);
            EngineWarmUp.StartIfWorthIt(input);
            var diagnostics = new List<Diagnostic>();
            using (var progress = new Progress(console))
            {
                for (int i = 0; i < input.Histories.Count; i++)
                {
                    History history = input.Histories[i];
                    progress.Report($"analysing {history.Name} ({i + 1}/{input.Histories.Count}, {history.Files.Count} files)");
                    AnalysisResult result = Engine.AnalyzePrepared(history.Files, input.Settings, fixes);
                    foreach (Diagnostic diagnostic in result.Diagnostics)
                    {
                        if (diagnostic.Severity != Severity.None
                            && (options.Rules.Count == 0 || options.Rules.Contains(diagnostic.Id)))
                        {
                            diagnostics.Add(diagnostic);
                        }
                    }
                }
            }
            return new Analysis(input, diagnostics);
        }
    }
}
