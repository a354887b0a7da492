using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Real histories with an assumed FOR ALL TABLES publication (as CorpusTests): the recommended fix of every
    /// RG1001 is applied at once (FixAll), the history replayed on a fresh database, and the server must show no
    /// missing identity for the fixed tables and no newly failing statement; re-analysis reports no RG1001.
    /// </summary>
    [TestClass]
    public sealed class CorpusFixVerificationTests
    {
        private static readonly string[] AssumedPublication = { "CREATE PUBLICATION p FOR ALL TABLES" };

        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public void Synapse()
        {
            var placeholders = new Dictionary<string, string> { [Corpus.AutoIncrementPlaceholder] = Corpus.AutoIncrementValue };
            Verify(Corpus.Load(Corpus.SynapseOrder(), placeholders), placeholders, expectAtLeast: 100);
        }

        [TestMethod]
        public void EdFiDms() => Verify(Corpus.Load(Corpus.SortedSql("migrations/edfi-dms/Deploy/Scripts")), expectAtLeast: 1);

        private void Verify(History history, IReadOnlyDictionary<string, string>? placeholders = null, int expectAtLeast = 0)
        {
            AnalysisSettings settings = EngineOracle.Settings(assumeAllTablesPublication: true);
            foreach (KeyValuePair<string, string> p in placeholders ?? new Dictionary<string, string>())
            {
                settings.Placeholders[p.Key] = p.Value;
            }
            List<Diagnostic> diagnostics = EngineOracle.Analyze(history, settings).Diagnostics.Where(d => d.Id == "RG1001").ToList();
            Assert.IsTrue(diagnostics.Count >= expectAtLeast, "expected at least " + expectAtLeast + " RG1001, got " + diagnostics.Count);
            var edits = new List<TextEdit>();
            foreach (Diagnostic d in diagnostics)
            {
                CodeFix? fix = d.Fixes.FirstOrDefault(f => !FixVerifier.IsSuppression(f));
                Assert.IsNotNull(fix, "no fix but suppression for " + d);
                edits.AddRange(fix.Edits);
            }
            History fixedHistory = FixVerifier.Apply(history, edits, placeholders);

            OracleResult before, after;
            using (var oracle = new ServerOracle(PgServer.Get()))
            {
                before = oracle.Run(history, AssumedPublication, ownDatabase: true);
                after = oracle.Run(fixedHistory, AssumedPublication, ownDatabase: true);
            }
            var problems = new List<string>();
            foreach (Diagnostic d in diagnostics.Where(d => after.MissingIdentity.Contains(d.ObjectName ?? "")))
            {
                problems.Add("still missing an identity on the server: " + d.ObjectName);
            }
            var previous = before.Failed.Select(f => f.FileName + "|" + FixVerifier.Normalize(f.Sql)).ToList();
            foreach (FailedStatement failure in after.Failed)
            {
                if (!previous.Remove(failure.FileName + "|" + FixVerifier.Normalize(failure.Sql)))
                {
                    problems.Add("newly failing statement: " + failure);
                }
            }
            foreach (Diagnostic still in EngineOracle.Analyze(fixedHistory, settings).Diagnostics.Where(d => d.Id == "RG1001"))
            {
                problems.Add("re-analysis still reports " + still);
            }
            TestContext.WriteLine(diagnostics.Count + " RG1001 fixed at once; server missing identity before " + before.MissingIdentity.Count + ", after " + after.MissingIdentity.Count);
            if (problems.Count > 0)
            {
                Assert.Fail(problems.Count + " problem(s) after applying every recommended fix:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Take(20)));
            }
        }
    }
}
