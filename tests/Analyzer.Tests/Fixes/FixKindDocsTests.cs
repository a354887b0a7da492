using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Fixes;

namespace ReplicaGuard.Tests
{
    /// <summary>The fix kinds (equivalence keys) that JSON reports carry are the ones docs/json-format.md lists.</summary>
    [TestClass]
    public sealed class FixKindDocsTests
    {
        [TestMethod]
        public void EveryFixKindIsDocumentedAndEveryDocumentedKindExists()
        {
            string docs = File.ReadAllText(Path.Combine(RuleDocsTests.RepoRoot(), "docs", "json-format.md"));
            int start = docs.IndexOf("Fix kinds (", StringComparison.Ordinal);
            Assert.IsTrue(start >= 0, "docs/json-format.md has no \"Fix kinds\" table");
            int end = docs.IndexOf("\n\n", docs.IndexOf("| key |", start, StringComparison.Ordinal), StringComparison.Ordinal);
            var documented = new SortedSet<string>(Regex.Matches(docs.Substring(start, end - start), "`(ReplicaGuard\\.[A-Za-z]+)`").Cast<Match>().Select(m => m.Groups[1].Value));
            var kinds = new SortedSet<string>(typeof(FixKinds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!));
            Assert.AreEqual(string.Join(", ", kinds), string.Join(", ", documented));
        }
    }
}
