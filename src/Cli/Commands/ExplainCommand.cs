using System.IO;
using System.Reflection;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>`replicaguard explain RGxxxx`: the rule's page (docs/rules/RGxxxx.md, embedded at build time).</summary>
    public static class ExplainCommand
    {
        public const string Help =
            "Usage: replicaguard explain <rule ID>\n" +
            "\n" +
            "Prints the rule's documentation (what it reports, why, how to fix it). 'replicaguard rules' lists the IDs.\n";

        public static int Run(CheckOptions options, CliConsole console)
        {
            if (options.ShowHelp)
            {
                console.Out.Write(Help);
                return ExitCodes.Success;
            }
            if (options.Paths.Count != 1)
            {
                throw new UsageException("explain needs exactly one rule ID, e.g. 'replicaguard explain RG1001' (see 'replicaguard rules')");
            }
            RuleDescriptor? rule = RuleCatalog.Find(options.Paths[0]);
            if (rule == null)
            {
                throw new UsageException($"unknown rule ID '{options.Paths[0]}' (see 'replicaguard rules' for the list)");
            }
            string? page = Page(rule.Id);
            if (page != null)
            {
                console.Out.Write(page.Replace("\r\n", "\n"));
                if (!page.EndsWith("\n", System.StringComparison.Ordinal)) console.Out.Write("\n");
            }
            else
            {
                console.Out.Write($"# {rule.Id}: {rule.Title}\n\n{rule.Description}\n\nDefault severity: {Output.SeverityNames.Text(rule.DefaultSeverity)}\nMore: {rule.HelpUri}\n");
            }
            return ExitCodes.Success;
        }

        /// <summary>The embedded docs/rules/&lt;id&gt;.md, or null when the build had no such page.</summary>
        public static string? Page(string id)
        {
            using Stream? stream = typeof(ExplainCommand).Assembly.GetManifestResourceStream("rules/" + id + ".md");
            if (stream == null)
            {
                return null;
            }
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
