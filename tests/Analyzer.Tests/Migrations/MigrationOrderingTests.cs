using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Migrations;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class MigrationOrderingTests
    {
        private static string[] Applied(params string[] paths) => MigrationOrdering.Order(paths).Applied.ToArray();

        private static void AssertOrder(string[] expected)
        {
            // Every permutation we try gives the same order: reversed and rotated inputs.
            CollectionAssert.AreEqual(expected, Applied(expected.Reverse().ToArray()));
            CollectionAssert.AreEqual(expected, Applied(expected.Skip(1).Concat(expected.Take(1)).ToArray()));
        }

        [TestMethod]
        public void NumericPrefixesCompareAsNumbers()
        {
            AssertOrder(new[] { "1_a.sql", "2_b.sql", "10_c.sql", "100_d.sql" });
        }

        [TestMethod]
        public void LeadingZerosDoNotMatter()
        {
            AssertOrder(new[] { "1_a.sql", "002_b.sql", "03_c.sql", "0010_d.sql" });
        }

        [TestMethod]
        public void TimestampsLongerThanALongCompareAsNumbers()
        {
            AssertOrder(new[] { "20240101120000_a.sql", "20240101120001_b.sql", "99999999999999999999_c.sql", "100000000000000000000_d.sql" });
        }

        [TestMethod]
        public void SameNumberSortsByTheRestOfTheName()
        {
            AssertOrder(new[] { "01_a.sql", "01_b.sql", "1_c.sql", "2_a.sql" });
        }

        [TestMethod]
        public void SqlAndSqlPostgresOfTheSameStemSortTogether()
        {
            AssertOrder(new[] { "09_x.sql", "09_x.sql.postgres", "09_x_y.sql", "10_a.sql" });
        }

        [TestMethod]
        public void NestedFoldersCompareSegmentBySegmentNaturally()
        {
            AssertOrder(new[] { "2/1_a.sql", "2/10_b.sql", "9/1_a.sql", "10/1_a.sql", "10/sub/1_a.sql", "100/1_a.sql" });
        }

        [TestMethod]
        public void FlywayVersionsCompareNumericallyPartByPart()
        {
            AssertOrder(new[]
            {
                "V1__init.sql", "V1.1__a.sql", "V1_1_1__b.sql", "V1.2__c.sql", "V1.9__d.sql", "V1.10__e.sql", "V2__f.sql", "V10__g.sql",
            });
        }

        [TestMethod]
        public void FlywayUnderscoreAndDotSeparatorsAreTheSameVersion()
        {
            // V1_1 == 1.1: the tie is broken by the path, and neither sorts after 1.2.
            string[] applied = Applied("V1.2__c.sql", "V1_1__b.sql", "V1.1__a.sql");
            Assert.AreEqual("V1.2__c.sql", applied[2]);
        }

        [TestMethod]
        public void FlywayVersionedIgnoresFoldersAndRepeatablesComeLastByDescription()
        {
            CollectionAssert.AreEqual(
                new[] { "z/V1__a.sql", "a/V2__b.sql", "V3__c.sql", "a/R__alpha.sql", "z/R__beta.sql", "R__gamma.sql" },
                Applied("R__gamma.sql", "z/R__beta.sql", "a/R__alpha.sql", "V3__c.sql", "a/V2__b.sql", "z/V1__a.sql"));
        }

        [TestMethod]
        public void LowerCaseVIsNotFlyway()
        {
            // Flyway's prefixes are upper-case; v2__x is a plain file and so comes before V1__ (plain files first).
            CollectionAssert.AreEqual(new[] { "v2__x.sql", "V1__y.sql" }, Applied("V1__y.sql", "v2__x.sql"));
        }

        [TestMethod]
        public void PlainFilesComeBeforeFlywayFiles()
        {
            CollectionAssert.AreEqual(
                new[] { "001_setup.sql", "V1__a.sql", "V2__b.sql", "R__views.sql" },
                Applied("R__views.sql", "V2__b.sql", "V1__a.sql", "001_setup.sql"));
        }

        [TestMethod]
        public void FlywayUndoIsSkippedWithReason()
        {
            OrderedMigrations result = MigrationOrdering.Order(new[] { "V1__a.sql", "U1__a.sql" });
            CollectionAssert.AreEqual(new[] { "V1__a.sql" }, result.Applied.ToArray());
            Assert.AreEqual(1, result.Skipped.Count);
            Assert.AreEqual("U1__a.sql", result.Skipped[0].Path);
            Assert.AreEqual("Flyway undo migration: never applied on upgrade", result.Skipped[0].Reason);
        }

        [TestMethod]
        public void UsersSqlIsNotAnUndoFile()
        {
            CollectionAssert.AreEqual(new[] { "Users.sql" }, Applied("Users.sql"));
        }

        [TestMethod]
        public void GolangMigrateDownIsSkipped()
        {
            OrderedMigrations result = MigrationOrdering.Order(new[] { "2_b.down.sql", "10_c.up.sql", "2_b.up.sql", "1_a.down.sql", "1_a.up.sql" });
            CollectionAssert.AreEqual(new[] { "1_a.up.sql", "2_b.up.sql", "10_c.up.sql" }, result.Applied.ToArray());
            CollectionAssert.AreEqual(new[] { "1_a.down.sql", "2_b.down.sql" }, result.Skipped.Select(s => s.Path).ToArray());
            Assert.IsTrue(result.Skipped.All(s => s.Reason.StartsWith("down migration")), result.Skipped[0].Reason);
        }

        [TestMethod]
        public void SqliteFilesAreSkippedAndPostgresFilesApplied()
        {
            OrderedMigrations result = MigrationOrdering.Order(new[] { "73/01_a.sql.sqlite", "73/01_a.sql.postgres", "73/02_b.sql" });
            CollectionAssert.AreEqual(new[] { "73/01_a.sql.postgres", "73/02_b.sql" }, result.Applied.ToArray());
            Assert.AreEqual(1, result.Skipped.Count);
            Assert.AreEqual("73/01_a.sql.sqlite", result.Skipped[0].Path);
            StringAssert.Contains(result.Skipped[0].Reason, "SQLite-only");
        }

        [TestMethod]
        public void OtherFilesAreIgnoredSilently()
        {
            OrderedMigrations result = MigrationOrdering.Order(new[] { "README.md", "1_a.sql", "notes.txt", "x.sql.bak", "schema.py" });
            CollectionAssert.AreEqual(new[] { "1_a.sql" }, result.Applied.ToArray());
            Assert.AreEqual(0, result.Skipped.Count);
        }

        [TestMethod]
        public void ExtensionIsMatchedWithoutRegardToCase()
        {
            CollectionAssert.AreEqual(new[] { "1_a.SQL", "2_b.sql" }, Applied("2_b.sql", "1_a.SQL"));
        }

        [TestMethod]
        public void DbmateTimestampsOrderNaturally()
        {
            AssertOrder(new[] { "20151129054053_create_users.sql", "20160101000000_add_index.sql", "20231231235959_last.sql" });
        }

        [TestMethod]
        public void EmptyInputGivesEmptyResult()
        {
            OrderedMigrations result = MigrationOrdering.Order(new List<string>());
            Assert.AreEqual(0, result.Applied.Count);
            Assert.AreEqual(0, result.Skipped.Count);
        }
    }
}
