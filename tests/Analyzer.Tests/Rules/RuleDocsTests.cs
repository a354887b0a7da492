using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;

namespace ReplicaGuard.Tests
{
    /// <summary>Every rule has its page under docs/rules, and its help link points at it.</summary>
    [TestClass]
    public sealed class RuleDocsTests
    {
        internal static string RepoRoot()
        {
            string? folder = AppContext.BaseDirectory;
            while (folder != null)
            {
                if (File.Exists(Path.Combine(folder, "Analyzer.sln")))
                {
                    return folder;
                }
                folder = Path.GetDirectoryName(folder);
            }
            Assert.Fail("Analyzer.sln not found above " + AppContext.BaseDirectory + ": run the tests from a checkout.");
            return "";
        }

        [TestMethod]
        public void EveryRuleHasAPageWithTheSections()
        {
            string docs = Path.Combine(RepoRoot(), "docs", "rules");
            foreach (RuleDescriptor rule in RuleCatalog.All)
            {
                string page = Path.Combine(docs, rule.Id + ".md");
                Assert.IsTrue(File.Exists(page), "no documentation page " + page + " for " + rule.Id);
                string text = File.ReadAllText(page);
                StringAssert.StartsWith(text, "# " + rule.Id + ": " + rule.Title, "page title of " + rule.Id + " must be its ID and title");
                foreach (string section in new[] { "## Example", "## Fixes", "## Suppress", "## Profiles" })
                {
                    StringAssert.Contains(text, section, rule.Id + ".md lacks " + section);
                }
            }
        }

        [TestMethod]
        public void EveryHelpLinkEndsWithItsPage()
        {
            foreach (RuleDescriptor rule in RuleCatalog.All)
            {
                StringAssert.EndsWith(rule.HelpUri, "docs/rules/" + rule.Id + ".md");
            }
        }

        [TestMethod]
        public void EveryRuleIdIsInTheCatalog()
        {
            foreach (var field in typeof(RuleIds).GetFields())
            {
                string id = (string)field.GetValue(null)!;
                Assert.IsNotNull(RuleCatalog.Find(id), id + " is in RuleIds but not in RuleCatalog.All");
            }
        }

        [TestMethod]
        public void SuppressionAndProfilePagesExist()
        {
            Assert.IsTrue(File.Exists(Path.Combine(RepoRoot(), "docs", "suppressions.md")));
            Assert.IsTrue(File.Exists(Path.Combine(RepoRoot(), "docs", "profiles.md")));
        }
    }
}
