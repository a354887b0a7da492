using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Commands;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The warm-up history must stay something the engine fully understands and finds clean: a statement it rejects or
    /// does not understand, or a result to build, would warm a side path instead of the replay real histories take.
    /// </summary>
    [TestClass]
    public sealed class EngineWarmUpTests
    {
        [TestMethod]
        public void SampleHistoryIsUnderstoodAcceptedAndClean()
        {
            AnalysisResult result = Engine.Analyze(
                new List<SourceFile> { new SourceFile("warm-up.sql", EngineWarmUp.SampleHistory) }, new AnalysisSettings());

            Assert.AreEqual(0, result.Rejected.Count, "rejected statements in the warm-up history");
            // Clean (no result of any rule, RG9001 "not understood" included): it warms the paths clean histories take.
            foreach (Diagnostic diagnostic in result.Diagnostics)
            {
                Assert.Fail($"{diagnostic.Id} on the warm-up history: {diagnostic.Message}");
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
