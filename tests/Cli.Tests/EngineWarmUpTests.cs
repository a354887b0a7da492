using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Commands;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The warm-up history must stay something the engine fully understands: a statement it rejects or does not
    /// understand would warm a side path instead of the replay every real history takes.
    /// </summary>
    [TestClass]
    public sealed class EngineWarmUpTests
    {
        [TestMethod]
        public void SampleHistoryIsUnderstoodAndAccepted()
        {
            AnalysisResult result = Engine.Analyze(
                new List<SourceFile> { new SourceFile("warm-up.sql", EngineWarmUp.SampleHistory) }, new AnalysisSettings());

            Assert.AreEqual(0, result.Rejected.Count, "rejected statements in the warm-up history");
            foreach (Diagnostic diagnostic in result.Diagnostics)
            {
                Assert.AreNotEqual(RuleIds.NotUnderstood, diagnostic.Id, diagnostic.Message);
                Assert.AreNotEqual(RuleIds.UnknownReference, diagnostic.Id, diagnostic.Message);
            }
            int publications = 0;
            foreach (var publication in result.Catalog.Publications)
            {
                publications++;
            }
            Assert.AreEqual(1, publications, "the history declares a publication, so that the rules judge its tables");
        }
    }
}
