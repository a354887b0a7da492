using System.Text;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Cli.Output;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>`replicaguard rules`: every rule with its severity under the active profile and config.</summary>
    public static class RulesCommand
    {
        public const string Help =
            "Usage: replicaguard rules [--profile <name>] [--config <file>]\n" +
            "\n" +
            "Lists every rule: ID, severity under the active profile and configuration (replicaguard.json found\n" +
            "from the current folder, or --config), and title. 'replicaguard explain <ID>' shows a rule's page.\n";

        public static int Run(CheckOptions options, CliConsole console)
        {
            if (options.ShowHelp)
            {
                console.Out.Write(Help);
                return ExitCodes.Success;
            }
            if (options.Paths.Count > 0)
            {
                throw new UsageException($"rules takes no path ('{options.Paths[0]}'); use --config to choose a configuration");
            }
            AnalysisSettings settings = HistoryLoader.LoadSettings(options, console.WorkingDirectory);
            // The engine decides the effective severity (profile and config overrides): ask it, do not guess.
            var context = new RuleContext(settings);
            var output = new StringBuilder();
            output.Append("profile: ").Append(settings.Profile).Append('\n');
            foreach (RuleDescriptor rule in RuleCatalog.All)
            {
                Severity severity = context.SeverityOf(rule);
                string name = severity == Severity.None ? "off" : SeverityNames.Text(severity);
                output.Append(rule.Id).Append("  ").Append(name.PadRight(10)).Append(' ').Append(rule.Title).Append('\n');
            }
            console.Out.Write(output.ToString());
            return ExitCodes.Success;
        }
    }
}
