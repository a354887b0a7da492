using System.Collections.Generic;
using System.Text.RegularExpressions;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// RG9002: a reference to a table, index, schema or publication that no earlier statement creates and the
    /// settings do not declare (e.g. ALTER PUBLICATION supabase_realtime ADD TABLE ... without the supabase profile).
    /// The replayer's "... does not exist" rejections, plus UPDATE/DELETE targets it does not know.
    /// </summary>
    public sealed class RG9002UnknownReference : Rule
    {
        private static readonly Regex Missing = new Regex("^(relation|table|index|schema|publication) \"([^\"]*)\" does not exist$", RegexOptions.CultureInvariant);

        private int _seen;

        public RG9002UnknownReference(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG9002;

        public override void BeforeStatement(StatementRef statement, Catalog catalog)
        {
            ReportNewRejections();
            if (statement.Statement is DmlStatement dml)
            {
                foreach (DmlTarget target in dml.Targets)
                {
                    if (catalog.FindRelation(target.Table) == null)
                    {
                        Report(statement, "table", target.Table.ToString(), statement.ToLocation(target.Table.Span), "This statement will fail or the analysis misses that table");
                    }
                }
            }
        }

        public override void AfterHistory(Catalog catalog) => ReportNewRejections();

        private void ReportNewRejections()
        {
            IReadOnlyList<RejectedStatement> rejected = Context.Rejected;
            if (_seen < rejected.Count)
            {
                Context.StateLog?.Counter(_seen, seen => _seen = seen);
            }
            for (; _seen < rejected.Count; _seen++)
            {
                Match match = Missing.Match(rejected[_seen].Message);
                if (match.Success)
                {
                    StatementRef statement = rejected[_seen].Statement;
                    string kind = match.Groups[1].Value == "relation" ? "table" : match.Groups[1].Value;
                    Report(statement, kind, match.Groups[2].Value, statement.HeadLocation, "PostgreSQL rejects this statement with \"" + rejected[_seen].Message + "\", so it changes nothing in the analysis");
                }
            }
        }

        private void Report(StatementRef statement, string kind, string name, Location location, string consequence)
        {
            string hint = kind == "publication"
                ? " If a tool creates it at run time, declare it under \"publications\" in replicaguard.json or choose the matching \"profile\" (supabase, zero, electric, debezium)."
                : " If it is created outside these migrations, this is expected; otherwise check the migration order and the name.";
            Context.Report(
                Descriptor,
                "The " + kind + " \"" + name + "\" is not created by any earlier migration and not declared in the settings. " + consequence + "." + hint,
                location,
                kind == "table" ? name : null);
        }
    }
}
