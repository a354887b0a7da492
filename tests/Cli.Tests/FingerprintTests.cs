using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Filters;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class FingerprintTests
    {
        private static Fingerprint Print(string text, string at, string objectName = "public.t")
        {
            var file = new SourceFile("a.sql", text);
            return new Fingerprints().Of(TestData.Make(TestData.At(file, at), objectName: objectName), "db/a.sql");
        }

        [TestMethod]
        public void StatementIsItsTokensWithoutCommentsOrExtraWhitespace()
        {
            var file = new SourceFile("a.sql", "SELECT 1;\n-- why\nCREATE   TABLE t\n  (a int /* c */);\nSELECT 2;");
            Assert.AreEqual("CREATE TABLE t ( a int ) ;", new Fingerprints().NormalizedStatement(TestData.At(file, "TABLE t")));
        }

        [TestMethod]
        public void LinesMovedByUnrelatedEditsKeepTheFingerprint()
        {
            Fingerprint before = Print("CREATE TABLE t (a int);\n", "t (");
            Fingerprint after = Print("-- a comment\n\nCREATE TABLE u (b int);\n\nCREATE TABLE   t\n(a int);\n", "t\n(a");
            Assert.AreEqual(before, after);
        }

        [TestMethod]
        public void ChangingTheStatementRuleObjectOrFileChangesIt()
        {
            Fingerprint print = Print("CREATE TABLE t (a int);\n", "t (");
            Assert.AreNotEqual(print, Print("CREATE TABLE t (a bigint);\n", "t ("));
            Assert.AreNotEqual(print, Print("CREATE TABLE t (a int);\n", "t (", objectName: "app.t"));
            Assert.AreNotEqual(print, new Fingerprint(print.RuleId, print.ObjectName, "db/b.sql", print.StatementHash));
            Assert.AreNotEqual(print, new Fingerprint("RG2001", print.ObjectName, print.File, print.StatementHash));
        }
    }
}
