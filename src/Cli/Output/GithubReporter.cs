using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Output
{
    /// <summary>
    /// `--format github`: GitHub Actions workflow commands, one per result:
    /// `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RG1001::message`. Errors are `error`, warnings
    /// `warning`, suggestions `notice`. Escaping as @actions/core does it: in the message `%`, `\r`, `\n`; in
    /// property values also `:` and `,`. Related locations follow the message on lines of their own.
    /// </summary>
    public static class GithubReporter
    {
        public static string Format(IEnumerable<Diagnostic> diagnostics)
        {
            var builder = new StringBuilder();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (diagnostic.Severity == Severity.None)
                {
                    continue;
                }
                LinePositionSpan span = diagnostic.Location.LineSpan;
                builder.Append("::").Append(Command(diagnostic.Severity)).Append(' ');
                builder.Append("file=").Append(EscapeProperty(diagnostic.Location.File.Path));
                builder.Append(",line=").Append(Number(span.Start.Line + 1));
                builder.Append(",col=").Append(Number(span.Start.Character + 1));
                builder.Append(",endLine=").Append(Number(span.End.Line + 1));
                builder.Append(",endColumn=").Append(Number(span.End.Character + 1));
                builder.Append(",title=").Append(EscapeProperty(diagnostic.Id));
                builder.Append("::").Append(EscapeData(Message(diagnostic))).Append('\n');
            }
            return builder.ToString();
        }

        public static string EscapeData(string value) =>
            value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        public static string EscapeProperty(string value) =>
            EscapeData(value).Replace(":", "%3A").Replace(",", "%2C");

        private static string Message(Diagnostic diagnostic)
        {
            var message = new StringBuilder(diagnostic.Message);
            if (!string.IsNullOrEmpty(diagnostic.ObjectName))
            {
                message.Append(" [").Append(diagnostic.ObjectName).Append(']');
            }
            foreach (Location related in diagnostic.RelatedLocations)
            {
                message.Append('\n').Append("related: ").Append(related.ToString());
            }
            message.Append('\n').Append("help: ").Append(diagnostic.Rule.HelpUri);
            return message.ToString();
        }

        private static string Command(Severity severity) =>
            severity == Severity.Error ? "error" : severity == Severity.Warning ? "warning" : "notice";

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
