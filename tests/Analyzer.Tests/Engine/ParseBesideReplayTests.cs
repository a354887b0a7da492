using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Syntax;
using ReplicaGuard.Tests.Robustness;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>Parsing on one thread while the caller replays must give exactly the results of parsing first.</summary>
    [TestClass]
    public sealed class ParseBesideReplayTests
    {
        [TestMethod]
        public void GitLabsStructureGivesTheResultsOfParsingFirst()
        {
            string path = Path.Combine(LexerCorpus.FindRoot(), "gitlab", "db", "structure.sql");
            Assert.IsTrue(File.Exists(path), "GitLab's structure.sql is missing from the corpus: " + path);
            var files = new List<SourceFile>
            {
                new SourceFile("db/structure.sql", File.ReadAllText(path)),
                // Every table published, and three keys dropped: results whose related places and fixes point into
                // statements of the large file.
                new SourceFile("db/publication.sql", "CREATE PUBLICATION everything FOR ALL TABLES;\n"
                    + "ALTER TABLE users DROP CONSTRAINT users_pkey;\nALTER TABLE projects DROP CONSTRAINT projects_pkey;\n"
                    + "ALTER TABLE issues DROP CONSTRAINT issues_pkey;\nUPDATE users SET name = 'x';\n"),
            };
            Assert.IsTrue(ParseBesideReplay.IsWorthIt(files) || Environment.ProcessorCount < 2, "a 2.7 MB file is parsed beside the replay");
            AssertSameAnalysis(files, new AnalysisSettings(), expectResults: true);
        }

        [TestMethod]
        public void ManyFilesAroundALargeOneGiveTheResultsOfParsingFirst()
        {
            var files = new List<SourceFile>();
            for (int i = 0; i < 40; i++)
            {
                files.Add(new SourceFile(Name(i), SmallMigration(i)));
                if (i == 20)
                {
                    files.Add(new SourceFile("m/dump.sql", LargeDump(ParseBesideReplay.MinimumFileChars)));
                    files.Add(new SourceFile("m/empty.sql", "-- nothing but a comment\n"));
                }
            }
            files.Add(new SourceFile("m/zz_update.sql", "UPDATE t3 SET v = 'x';\nUPDATE dump_1 SET name = 'x';\n"));
            AssertSameAnalysis(files, new AnalysisSettings(), expectResults: true);
        }

        [TestMethod]
        public void PreparedFilesAreParsedAsTheyAre()
        {
            // A placeholder left in a prepared file stays as it is: AnalyzePrepared does not prepare again.
            var settings = new AnalysisSettings();
            settings.Placeholders["schema"] = "app";
            string dump = LargeDump(ParseBesideReplay.MinimumFileChars) + "CREATE SCHEMA app;\nCREATE TABLE ${schema}.keyless (v int);\n";
            var file = new SourceFile("m/dump.sql", dump);
            AnalysisResult prepared = Engine.Analyze(new[] { file }, settings);
            AnalysisResult asItIs = Engine.AnalyzePrepared(new[] { file }, settings, FixBuilding.OnFirstRead);
            Assert.IsTrue(Contains(prepared, "app.keyless"), "Analyze prepares: the placeholder becomes the schema");
            Assert.IsFalse(Contains(asItIs, "app.keyless"), "AnalyzePrepared reads the text as it is");
        }

        [TestMethod]
        public void ACancelledAnalysisThrowsAndLeavesNothingRunning()
        {
            var files = new[] { new SourceFile("m/dump.sql", LargeDump(16 * ParseBesideReplay.MinimumFileChars)) };
            using (var cancel = new CancellationTokenSource())
            {
                cancel.Cancel();
                Assert.ThrowsExactly<OperationCanceledException>(() => ParseBesideReplay.Analyze(files, new AnalysisSettings(), FixBuilding.OnFirstRead, prepare: true, cancel.Token));
            }
            using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(2)))
            {
                try
                {
                    ParseBesideReplay.Analyze(files, new AnalysisSettings(), FixBuilding.OnFirstRead, prepare: true, cancel.Token);
                    Assert.Fail("a 2 MB history was analysed within 2 ms: the cancellation was never seen");
                }
                catch (OperationCanceledException)
                {
                }
            }
            // Nothing left in a bad state: the same analysis right after gives the full result.
            AssertSameAnalysis(files, new AnalysisSettings(), expectResults: true);
        }

        private static void AssertSameAnalysis(IReadOnlyList<SourceFile> files, AnalysisSettings settings, bool expectResults)
        {
            AnalysisResult sequential = Engine.Analyze(Parsed(files, settings), settings, FixBuilding.DuringAnalysis);
            AnalysisResult beside = ParseBesideReplay.Analyze(files, settings, FixBuilding.DuringAnalysis, prepare: true, CancellationToken.None);
            Assert.AreEqual(!expectResults, sequential.Diagnostics.Count == 0, "the history was meant to give results");
            Assert.AreEqual(Describe(sequential), Describe(beside));
        }

        private static List<ParsedFile> Parsed(IReadOnlyList<SourceFile> files, AnalysisSettings? settings = null)
        {
            settings ??= new AnalysisSettings();
            var parsed = new List<ParsedFile>();
            foreach (SourceFile file in files)
            {
                parsed.Add(Parser.Parse(Engine.Prepare(file, settings), settings.PostgresVersion));
            }
            return parsed;
        }

        /// <summary>Every result with its places, fixes and rejected statements (the fuzzer's rendering), and the final catalog's relations per schema.</summary>
        private static string Describe(AnalysisResult result)
        {
            var text = new StringBuilder(FuzzHarness.Render(result));
            foreach (Model.SchemaObject schema in result.Catalog.Schemas)
            {
                text.Append("schema ").Append(schema.Name).Append(' ').Append(schema.Relations.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            return text.ToString();
        }

        private static bool Contains(AnalysisResult result, string objectName)
        {
            foreach (Diagnostic d in result.Diagnostics)
            {
                if (d.ObjectName == objectName)
                {
                    return true;
                }
            }
            return false;
        }

        private static string Name(int i) => "m/" + i.ToString("D3", CultureInfo.InvariantCulture) + ".sql";

        private static string SmallMigration(int i)
        {
            string n = i.ToString(CultureInfo.InvariantCulture);
            return i % 3 == 0
                ? "CREATE TABLE t" + n + " (id int NOT NULL, v text);\nCREATE UNIQUE INDEX t" + n + "_id ON t" + n + " (id);\n"
                : "CREATE TABLE t" + n + " (id bigserial PRIMARY KEY, v text);\nALTER TABLE t" + n + " ADD COLUMN w int;\n";
        }

        /// <summary>A schema dump of at least <paramref name="chars"/> chars: keyless tables, keys added later, some statements rejected.</summary>
        private static string LargeDump(int chars)
        {
            var text = new StringBuilder("CREATE PUBLICATION dump_all FOR ALL TABLES;\n\n");
            for (int i = 0; text.Length < chars; i++)
            {
                string n = i.ToString(CultureInfo.InvariantCulture);
                if (i % 5 == 1)
                {
                    // Suppressions are read when the file's parse ends, after the replay has begun on its statements.
                    text.Append("-- replicaguard-ignore RG1001: kept keyless on purpose\n");
                }
                text.Append("CREATE TABLE public.dump_").Append(n).Append(" (\n    id bigint NOT NULL,\n    name text,\n    created_at timestamp with time zone\n);\n\n");
                if (i % 2 == 0)
                {
                    text.Append("ALTER TABLE ONLY public.dump_").Append(n).Append("\n    ADD CONSTRAINT dump_").Append(n).Append("_pkey PRIMARY KEY (id);\n\n");
                }
                if (i % 7 == 0)
                {
                    text.Append("CREATE INDEX index_dump_").Append(n).Append("_on_missing ON public.dump_").Append(n).Append(" USING btree (missing);\n\n");
                }
            }
            return text.ToString();
        }
    }
}
