using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Tests
{
    /// <summary>Asserts that two results carry the same fixes: titles, kinds and every edit's file, span and text, in order.</summary>
    internal static class FixAssert
    {
        public static void SameFixes(Diagnostic expected, Diagnostic actual, string where = "")
        {
            string at = where.Length > 0 ? where : actual.ToString();
            Assert.AreEqual(expected.Fixes.Count, actual.Fixes.Count, at + ": fix count");
            for (int f = 0; f < expected.Fixes.Count; f++)
            {
                CodeFix e = expected.Fixes[f], a = actual.Fixes[f];
                Assert.AreEqual(e.Title, a.Title, at);
                Assert.AreEqual(e.EquivalenceKey, a.EquivalenceKey, at);
                Assert.AreEqual(e.Edits.Count, a.Edits.Count, at + ": edit count of " + e.Title);
                for (int i = 0; i < e.Edits.Count; i++)
                {
                    Assert.AreEqual(e.Edits[i].File.Path, a.Edits[i].File.Path, at);
                    Assert.AreEqual(e.Edits[i].Span, a.Edits[i].Span, at);
                    Assert.AreEqual(e.Edits[i].NewText, a.Edits[i].NewText, at);
                }
            }
        }
    }
}
