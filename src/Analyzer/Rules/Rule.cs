using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// A rule: one class per rule ID. It may judge statements as the history is replayed (the catalog is as the
    /// server sees it when the statement starts) and the final catalog after the last statement.
    /// </summary>
    public abstract class Rule : IReplayListener
    {
        protected Rule(RuleContext context)
        {
            Context = context;
        }

        public abstract RuleDescriptor Descriptor { get; }

        protected RuleContext Context { get; }

        /// <summary>
        /// False for a rule that only judges the final catalog: the replayer then does not call it for each of the
        /// history's statements (GitLab has 14,600). A rule that overrides <see cref="BeforeStatement"/> keeps true.
        /// </summary>
        public virtual bool JudgesStatements => true;

        public virtual void BeforeStatement(StatementRef statement, Catalog catalog)
        {
        }

        public virtual void AfterHistory(Catalog catalog)
        {
        }
    }
}
