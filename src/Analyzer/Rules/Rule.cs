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

        public virtual void BeforeStatement(StatementRef statement, Catalog catalog)
        {
        }

        public virtual void AfterHistory(Catalog catalog)
        {
        }
    }
}
