using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Text;
using static ReplicaGuard.Tests.RuleTestHost;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Columns of a parent and a child must have the same type (MergeAttributes, MergeAttributesIntoExisting,
    /// ATExecAddColumn, ATPrepAlterColumnType). Each expected rejection was checked on PostgreSQL 15.
    /// </summary>
    [TestClass]
    public sealed class ColumnTypeConflictTests
    {
        private const string History =
            "CREATE TABLE p (id int NOT NULL, c int) PARTITION BY LIST (id);\n"
            + "CREATE TABLE f (id int NOT NULL, c bigint);\n"
            + "ALTER TABLE p ATTACH PARTITION f FOR VALUES IN (1);\n"
            + "CREATE TABLE g (id integer NOT NULL, c int4);\n"
            + "ALTER TABLE p ATTACH PARTITION g FOR VALUES IN (2);\n"
            + "CREATE TABLE h (id serial NOT NULL, c varchar(3));\n"
            + "CREATE TABLE q (a int, b text);\n"
            + "CREATE TABLE r (a bigint);\n"
            + "CREATE TABLE c1 (a bigint) INHERITS (q);\n"
            + "CREATE TABLE c2 () INHERITS (q, r);\n"
            + "CREATE TABLE c3 (a integer, b text) INHERITS (q);\n"
            + "CREATE TABLE c4 (LIKE r) INHERITS (q);\n"
            + "ALTER TABLE c3 ALTER COLUMN a TYPE bigint;\n"
            + "ALTER TABLE ONLY q ALTER COLUMN a TYPE bigint;\n"
            + "ALTER TABLE q ALTER COLUMN a TYPE bigint;\n"
            + "CREATE TABLE c5 (d text) INHERITS (q);\n"
            + "ALTER TABLE q ADD COLUMN d int;\n"
            + "ALTER TABLE q ADD COLUMN d text;\n"
            + "ALTER TABLE ONLY c3 ALTER COLUMN b TYPE varchar;\n";

        [TestMethod]
        public void RejectedWhereTheServerRejectsThem()
        {
            AnalysisResult result = Engine.Analyze(new[] { new SourceFile("m.sql", History) }, Settings());
            string rejected = string.Join("\n", result.Rejected.Select(r => (r.Statement.HeadLocation.LineSpan.Start.Line + 1) + ": " + r.Message));
            Assert.AreEqual(
                "3: child table \"f\" has different type for column \"c\"\n"
                + "9: column \"a\" has a type conflict\n"
                + "10: inherited column \"a\" has a type conflict\n"
                + "12: column \"a\" has a type conflict\n"
                + "13: cannot alter inherited column \"a\"\n"
                + "14: type of inherited column \"a\" must be changed in child tables too\n"
                + "17: child table \"c5\" has different type for column \"d\"\n"
                + "19: cannot alter inherited column \"b\"",
                rejected);
        }

        [TestMethod]
        public void OtherSpellingsOfOneTypeAreNotConflicts()
        {
            // Accepted by the server; the model knows only one-word types and calls no unknown type different.
            string history = "CREATE TABLE p (id int NOT NULL, c varchar(3), d double precision, e float) PARTITION BY LIST (id);\n"
                + "CREATE TABLE f (id int4 NOT NULL, c character varying(3), d float8, e double precision);\nALTER TABLE p ATTACH PARTITION f FOR VALUES IN (1);\n"
                + "CREATE TABLE t AS SELECT 1 AS id, 2 AS c;\nCREATE TABLE u (id int, c integer) INHERITS (t);\n"
                + "CREATE TABLE v (n numeric, b bool, s serial);\nCREATE TABLE w (n decimal, b boolean, s integer) INHERITS (v);\n";
            AnalysisResult result = Engine.Analyze(new[] { new SourceFile("m.sql", history) }, Settings());
            Assert.AreEqual(0, result.Rejected.Count, string.Join("\n", result.Rejected));
        }
    }
}
