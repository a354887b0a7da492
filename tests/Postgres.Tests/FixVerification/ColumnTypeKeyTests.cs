using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// A key fix is offered on a column exactly when the server accepts a primary key on the column's type (json, xml
    /// and the geometric types have no default btree operator class).
    /// </summary>
    [TestClass]
    public sealed class ColumnTypeKeyTests
    {
        [TestMethod]
        [DataRow("json")]
        [DataRow("json[]")]
        [DataRow("json ARRAY")]
        [DataRow("xml")]
        [DataRow("point")]
        [DataRow("line")]
        [DataRow("lseg")]
        [DataRow("box")]
        [DataRow("path")]
        [DataRow("polygon")]
        [DataRow("circle")]
        [DataRow("txid_snapshot")]
        [DataRow("pg_snapshot")]
        [DataRow("jsonb")]
        [DataRow("int")]
        [DataRow("text")]
        [DataRow("uuid")]
        [DataRow("numeric(10, 2)")]
        [DataRow("timestamptz")]
        [DataRow("bytea")]
        [DataRow("inet")]
        [DataRow("tsvector")]
        [DataRow("int[]")]
        public void KeyFixIsOfferedExactlyWhenTheServerAcceptsTheKey(string type)
        {
            string[] statements = { "CREATE TABLE public.t (c " + type + ")", "CREATE PUBLICATION p FOR TABLE public.t" };
            var history = new History(new[] { HistoryFile.FromStatements("V1__t.sql", statements) }.ToList());
            Diagnostic d = EngineOracle.Analyze(history, EngineOracle.Settings()).Diagnostics.Single(x => x.Id == "RG1001");
            bool offered = d.Fixes.Any(f => f.EquivalenceKey == FixKinds.AddPrimaryKey);

            var withKey = new History(new[] { HistoryFile.FromStatements("V1__t.sql", statements.Append("ALTER TABLE public.t ADD PRIMARY KEY (c)").ToArray()) }.ToList());
            using var oracle = new ServerOracle(PgServer.Get());
            OracleResult result = oracle.Run(withKey);
            bool accepted = result.Failed.Count == 0;
            Assert.AreEqual(accepted, offered, type + ": server " + (accepted ? "accepts the key" : "rejects the key: " + result.FailedText()));
        }
    }
}
