using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class HistoryGeneratorTests
    {
        public TestContext TestContext { get; set; } = null!;

        /// <summary>Every family the brief lists, as a pattern some generated statement must match.</summary>
        private static readonly (string Family, string Pattern)[] Families =
        {
            ("CREATE SCHEMA", @"^CREATE SCHEMA "),
            ("SET search_path to a missing first schema", @"^SET search_path( = | TO )missing_schema"),
            ("RESET search_path", @"^RESET search_path"),
            ("CREATE TABLE inline PK", @"^CREATE TABLE .*id int PRIMARY KEY"),
            ("CREATE TABLE table-level PK", @"^CREATE TABLE .*, (CONSTRAINT \S+ )?PRIMARY KEY \("),
            ("CREATE TABLE without PK", @"^CREATE TABLE [^(]*\(id int( NOT NULL)?, a int(?!.*PRIMARY KEY)"),
            ("UNIQUE constraint", @"^CREATE TABLE .*UNIQUE"),
            ("IF NOT EXISTS table", @"^CREATE TABLE IF NOT EXISTS "),
            ("UNLOGGED", @"^CREATE UNLOGGED TABLE "),
            ("quoted mixed case", "\"Foo\""),
            ("PARTITION BY LIST", @"PARTITION BY LIST"),
            ("PARTITION BY RANGE", @"PARTITION BY RANGE"),
            ("PARTITION OF", @" PARTITION OF .* FOR VALUES "),
            ("INHERITS", @" INHERITS \("),
            ("LIKE INCLUDING ALL", @"\(LIKE .* INCLUDING ALL\)"),
            ("LIKE INCLUDING INDEXES", @"\(LIKE .* INCLUDING INDEXES\)"),
            ("plain LIKE", @"\(LIKE [^ ]+\)"),
            ("CREATE TABLE AS", @"^CREATE TABLE .* AS SELECT"),
            ("SELECT INTO", @"^SELECT .* INTO "),
            ("ADD COLUMN", @" ADD COLUMN "),
            ("DROP COLUMN", @" DROP COLUMN "),
            ("ADD PRIMARY KEY", @"^ALTER TABLE .* ADD (CONSTRAINT \S+ )?PRIMARY KEY \("),
            ("ALTER TABLE ONLY ADD PRIMARY KEY", @"^ALTER TABLE ONLY .* ADD (CONSTRAINT \S+ )?PRIMARY KEY \("),
            ("ADD CONSTRAINT UNIQUE", @" ADD CONSTRAINT \S+ UNIQUE \("),
            ("DEFERRABLE", @" DEFERRABLE"),
            ("DROP CONSTRAINT", @" DROP CONSTRAINT "),
            ("SET NOT NULL", @" SET NOT NULL"),
            ("DROP NOT NULL", @" DROP NOT NULL"),
            ("REPLICA IDENTITY DEFAULT", @"REPLICA IDENTITY DEFAULT"),
            ("REPLICA IDENTITY FULL", @"REPLICA IDENTITY FULL"),
            ("REPLICA IDENTITY NOTHING", @"REPLICA IDENTITY NOTHING"),
            ("REPLICA IDENTITY USING INDEX", @"REPLICA IDENTITY USING INDEX"),
            ("ADD PRIMARY KEY USING INDEX", @"PRIMARY KEY USING INDEX"),
            ("RENAME TO", @"^ALTER TABLE .* RENAME TO "),
            ("RENAME COLUMN", @" RENAME COLUMN "),
            ("SET SCHEMA", @" SET SCHEMA "),
            ("SET LOGGED", @" SET LOGGED"),
            ("SET UNLOGGED", @" SET UNLOGGED"),
            ("ATTACH PARTITION", @" ATTACH PARTITION "),
            ("DETACH PARTITION", @" DETACH PARTITION "),
            ("CREATE UNIQUE INDEX", @"^CREATE UNIQUE INDEX "),
            ("CREATE INDEX", @"^CREATE INDEX "),
            ("partial index", @"INDEX .* WHERE "),
            ("expression index", @"INDEX .* \(\(.* IS NOT NULL\)\)"),
            ("multi-column index", @"INDEX .* \(\S+, \S+\)"),
            ("INCLUDE", @" INCLUDE \("),
            ("CREATE INDEX IF NOT EXISTS", @"INDEX (CONCURRENTLY )?IF NOT EXISTS "),
            ("CREATE INDEX CONCURRENTLY", @"INDEX CONCURRENTLY "),
            ("DROP INDEX", @"^DROP INDEX "),
            ("ALTER INDEX RENAME", @"^ALTER INDEX .* RENAME TO "),
            ("DROP TABLE", @"^DROP TABLE "),
            ("DROP SCHEMA CASCADE", @"^DROP SCHEMA .* CASCADE"),
            ("FOR ALL TABLES", @"FOR ALL TABLES"),
            ("FOR TABLE with ONLY", @"FOR TABLE .*ONLY "),
            ("FOR TABLE with *", @"FOR TABLE .*\S \*"),
            ("FOR TABLES IN SCHEMA", @"FOR TABLES IN SCHEMA "),
            ("mixed tables and schemas", @"FOR TABLE .*, TABLES IN SCHEMA "),
            ("publication without target", @"^CREATE PUBLICATION \S+( WITH .*)?$"),
            ("publish = ''", @"publish ?= ?''"),
            ("publish = 'insert'", @"publish ?= ?'insert'"),
            ("odd spacing and case in publish", @"publish ?= ?'INSERT,  UPDATE ,delete'"),
            ("publish_via_partition_root", @"publish_via_partition_root"),
            ("ALTER PUBLICATION ADD TABLE", @"^ALTER PUBLICATION \S+ ADD TABLE "),
            ("ALTER PUBLICATION DROP TABLE", @"^ALTER PUBLICATION \S+ DROP TABLE "),
            ("ALTER PUBLICATION SET TABLE", @"^ALTER PUBLICATION \S+ SET TABLE "),
            ("ALTER PUBLICATION ADD TABLES IN SCHEMA", @"^ALTER PUBLICATION \S+ ADD TABLES IN SCHEMA "),
            ("ALTER PUBLICATION DROP TABLES IN SCHEMA", @"^ALTER PUBLICATION \S+ DROP TABLES IN SCHEMA "),
            ("ALTER PUBLICATION SET TABLES IN SCHEMA", @"^ALTER PUBLICATION \S+ SET TABLES IN SCHEMA "),
            ("ALTER PUBLICATION SET (publish)", @"^ALTER PUBLICATION \S+ SET \(publish"),
            ("ALTER PUBLICATION RENAME", @"^ALTER PUBLICATION \S+ RENAME TO "),
            ("DROP PUBLICATION", @"^DROP PUBLICATION "),
        };

        private static List<History> Generate(int seed, int count, Action<HistoryGenerator>? configure = null)
        {
            var histories = new List<History>();
            for (int i = 0; i < count; i++)
            {
                var generator = new HistoryGenerator(DifferentialRun.HistorySeed(seed, i));
                configure?.Invoke(generator);
                histories.Add(generator.Next());
            }
            return histories;
        }

        [TestMethod]
        public void SameSeedGivesSameHistories()
        {
            var first = Generate(42, 50).Select(h => h.ToSql()).ToList();
            var second = Generate(42, 50).Select(h => h.ToSql()).ToList();
            var other = Generate(43, 50).Select(h => h.ToSql()).ToList();
            CollectionAssert.AreEqual(first, second);
            CollectionAssert.AreNotEqual(first, other);
        }

        [TestMethod]
        public void HistoriesHaveOneToThreeFilesAndFiveToFortyStatements()
        {
            foreach (History history in Generate(7, 500))
            {
                Assert.IsTrue(history.Files.Count >= 1 && history.Files.Count <= 3, "files: " + history.Files.Count);
                Assert.IsTrue(history.StatementCount >= 5 && history.StatementCount <= 40, "statements: " + history.StatementCount);
                for (int f = 0; f < history.Files.Count; f++)
                {
                    StringAssert.StartsWith(history.Files[f].Name, "V" + (f + 1) + "__");
                    Assert.AreEqual(string.Join(";\n", history.Files[f].Statements) + ";\n", history.Files[f].Text);
                }
            }
        }

        [TestMethod]
        public void EveryStatementFamilyIsGenerated()
        {
            var statements = Generate(11, 1000).SelectMany(h => h.Files).SelectMany(f => f.Statements).ToList();
            var missing = Families
                .Where(f => !statements.Any(s => Regex.IsMatch(s, f.Pattern, RegexOptions.CultureInvariant)))
                .Select(f => f.Family)
                .ToList();
            Assert.AreEqual(0, missing.Count, "families never generated: " + string.Join(", ", missing));
        }

        [TestMethod]
        public void RowFiltersAndColumnListsOnlyBehindTheFlag()
        {
            static bool HasFilterOrColumns(string s) =>
                s.Contains("PUBLICATION", StringComparison.Ordinal)
                && Regex.IsMatch(Regex.Replace(s, @" (WITH|SET) \(publish.*$", ""), @"( WHERE \(|[\w""] \([\w""])");
            var off = Generate(5, 500).SelectMany(h => h.Files).SelectMany(f => f.Statements).ToList();
            var on = Generate(5, 500, g => g.IncludeRowFiltersAndColumnLists = true).SelectMany(h => h.Files).SelectMany(f => f.Statements).ToList();
            Assert.IsFalse(off.Any(HasFilterOrColumns), off.FirstOrDefault(HasFilterOrColumns));
            Assert.IsTrue(on.Any(HasFilterOrColumns));
        }

        /// <summary>
        /// Runs the oracle over a full default-size sample: it must be fast, most statements must apply, and the
        /// histories must produce both failing and passing tables (otherwise the differential test proves little).
        /// </summary>
        [TestMethod]
        public void GeneratedHistoriesMostlyApplyAndExerciseTheCheck()
        {
            int seed = DifferentialRun.Seed();
            int count = DifferentialRun.Count();
            var clock = Stopwatch.StartNew();
            int statements = 0, failed = 0, histories = 0, withMissing = 0, tables = 0, missingTables = 0, okUnderPublication = 0;
            var errors = new Dictionary<string, int>();
            var examples = new Dictionary<string, string>();
            var sync = new object();
            ParallelOracle.For(PgServer.Get(), count, (oracle, i) =>
            {
                History history = new HistoryGenerator(DifferentialRun.HistorySeed(seed, i)).Next();
                OracleResult result = oracle.Run(history);
                lock (sync)
                {
                    histories++;
                    statements += history.StatementCount;
                    failed += result.Failed.Count;
                    foreach (FailedStatement f in result.Failed)
                    {
                        errors[f.SqlState] = errors.TryGetValue(f.SqlState, out int n) ? n + 1 : 1;
                        examples.TryAdd(f.SqlState, f.ToString());
                    }
                    tables += result.Tables.Count;
                    missingTables += result.MissingIdentity.Count;
                    withMissing += result.MissingIdentity.Count > 0 ? 1 : 0;
                    okUnderPublication += result.MissingIdentity.Count > 0 ? result.Tables.Count(t => !t.Fails) : 0;
                }
                return true;
            });
            TimeSpan elapsed = clock.Elapsed;
            double failRate = (double)failed / statements;
            TestContext.WriteLine($"seed {seed}: {histories} histories, {statements} statements ({failRate:P1} rejected), {tables} tables probed, "
                + $"{missingTables} missing identity in {withMissing} histories, {elapsed.TotalSeconds:F1} s");
            TestContext.WriteLine("rejections by SQLSTATE: " + string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => e.Key + "=" + e.Value)));
            foreach (string example in examples.Values)
            {
                TestContext.WriteLine("  e.g. " + example);
            }
            Assert.IsTrue(failRate < 0.35, "too many generated statements fail on the server: " + failRate.ToString("P1"));
            Assert.IsTrue(withMissing > histories / 4, "too few histories have a missing identity: " + withMissing);
            Assert.IsTrue(okUnderPublication > histories / 10, "too few published tables with a usable identity: " + okUnderPublication);
            Assert.IsTrue(elapsed < TimeSpan.FromSeconds(120) * (count / (double)DifferentialRun.DefaultCount), "oracle too slow: " + elapsed);
        }
    }
}
