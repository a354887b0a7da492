using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>RG9001: a statement that could change the result but was not understood; the analysis may be incomplete.</summary>
    public sealed class RG9001NotUnderstood : Rule
    {
        public RG9001NotUnderstood(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG9001;

        public override void BeforeStatement(StatementRef statement, Catalog catalog)
        {
            if (statement.Statement is UnparsedStatement unparsed)
            {
                Context.Report(
                    Descriptor,
                    "This statement was not understood (" + unparsed.Reason + "); tables, keys or publications it changes are not in the analysis, which may be incomplete. Rewrite it as plain DDL, or suppress RG9001 here if it cannot matter.",
                    statement.ToLocation(unparsed.ErrorSpan.Length > 0 ? unparsed.ErrorSpan : statement.Statement.HeadSpan),
                    objectName: null);
            }
        }
    }
}
