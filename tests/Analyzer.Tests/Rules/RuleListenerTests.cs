using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Model;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Tests
{
    /// <summary>The replayer skips rules that say they do not judge statements: none of them may override BeforeStatement.</summary>
    [TestClass]
    public sealed class RuleListenerTests
    {
        [TestMethod]
        public void EveryRuleThatJudgesStatementsSaysSo()
        {
            var rules = RuleRegistry.CreateEnabled(new RuleContext(RuleTestHost.Settings()));
            Assert.IsTrue(rules.Count > 4, "rules: " + rules.Count);
            int skipped = 0;
            foreach (Rule rule in rules)
            {
                MethodInfo before = rule.GetType().GetMethod(nameof(Rule.BeforeStatement), new[] { typeof(StatementRef), typeof(Catalog) })!;
                bool overrides = before.DeclaringType != typeof(Rule);
                Assert.IsTrue(rule.JudgesStatements || !overrides, rule.Descriptor.Id + " overrides BeforeStatement but would not be called");
                skipped += rule.JudgesStatements ? 0 : 1;
            }
            Assert.IsTrue(skipped > 0, "no rule is skipped: the check above tested nothing");
        }
    }
}
