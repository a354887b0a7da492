using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static ReplicaGuard.Tests.EngineTestHelper;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The engine predicts what the committed catalog does. Inside the transaction that created a table, PostgreSQL 15
    /// keeps the publication info cached at an earlier DELETE across CREATE PUBLICATION ... FOR ALL TABLES, so there the
    /// second DELETE below passes (checked on the server; AutocommitOracleTests in Postgres.Tests). The engine reports
    /// it all the same: in production, where the table already exists, and in any later session, it fails.
    /// </summary>
    [TestClass]
    public sealed class CommittedCatalogTests
    {
        private const string History = "CREATE TABLE t (a int);\nDELETE FROM t;\nCREATE PUBLICATION p FOR ALL TABLES;\nDELETE FROM t;\n";

        [TestMethod]
        [DataRow("", 3)]
        [DataRow("BEGIN;\n", 4)]
        public void ADeleteAfterForAllTablesIsReportedEvenInTheTransactionThatCreatedTheTable(string prefix, int line)
        {
            AnalysisResult result = Run(15, new string[0], prefix + History + (prefix.Length > 0 ? "COMMIT;\n" : ""));
            var rg1002 = Of(result, "RG1002").ToList();
            Assert.AreEqual(1, rg1002.Count, string.Join(" | ", rg1002));
            Assert.AreEqual(line, rg1002[0].Location.LineSpan.Start.Line, "the second DELETE");
        }
    }
}
