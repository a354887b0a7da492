using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Tests.Robustness;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// An incremental analysis must give exactly what a full analysis of the same files gives, after any edit: the
    /// first, a middle or the last file changed, files inserted or removed, nothing changed, a cancelled analysis.
    /// Compared: every diagnostic with its fixes, the rejected statements, and a summary of the final catalog.
    /// Most tests turn off the whole analysis of early edits (<see cref="Journaled"/>) so that the journal is rolled
    /// back to every position; the tests at the end cover that choice.
    /// </summary>
    [TestClass]
    public sealed class IncrementalAnalysisTests
    {
        [TestMethod]
        public void EditingTheFirstAMiddleAndTheLastFileGivesTheFullAnalysisResults()
        {
            int compared = 0;
            foreach (bool journaled in new[] { true, false })
            {
                for (int seed = 0; seed < 150; seed++)
                {
                    var random = new Random(seed);
                    AnalysisSettings settings = Settings(seed);
                    List<ParsedFile> files = GenerateHistory(random, 8 + random.Next(8));
                    IncrementalAnalysis incremental = journaled ? Journaled(settings) : new IncrementalAnalysis(settings);
                    AssertSame(seed, "initial", files, incremental.Analyze(files), settings);

                    foreach (int edited in new[] { 0, files.Count / 2, files.Count - 1, random.Next(files.Count) })
                    {
                        files[edited] = Parse(files[edited].File.Path, RandomFile(random));
                        AnalysisResult result = incremental.Analyze(files);
                        if (journaled)
                        {
                            Assert.AreEqual(edited, incremental.ReplayedFrom, $"seed {seed}: the files before the edited one must not be replayed");
                        }
                        else
                        {
                            // An early edit is analysed whole; the journal then catches up from where it differs.
                            Assert.IsTrue(incremental.ReplayedFrom <= edited, $"seed {seed}: replayed from {incremental.ReplayedFrom}, after the edited file {edited}");
                        }
                        AssertSame(seed, (journaled ? "journaled" : "default") + ", edit of file " + edited, files, result, settings);
                        compared++;
                    }
                }
            }
            Assert.AreEqual(1200, compared);
        }

        [TestMethod]
        public void AForAllTablesPublicationWhoseOptionsChangeLaterIsTheLatestCauseAgain()
        {
            // The coverage a FOR ALL TABLES publication gives is shared between tables and passes; the final pass
            // after the appended ALTER must see that statement as the latest cause, not the CREATE PUBLICATION
            // the previous pass saw.
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile>
            {
                Parse("m/0001_init.sql", "CREATE TABLE a (x int);\nCREATE PUBLICATION p FOR ALL TABLES;\n"),
            };
            var incremental = Journaled(settings);
            Diagnostic before = incremental.Analyze(files).Diagnostics.Single(d => d.Id == "RG1001");
            Assert.AreEqual("m/0001_init.sql", before.Location.File.Path);

            files.Add(Parse("m/0002_options.sql", "ALTER PUBLICATION p SET (publish = 'update');\n"));
            AnalysisResult result = incremental.Analyze(files);
            Diagnostic after = result.Diagnostics.Single(d => d.Id == "RG1001");
            Assert.AreEqual("m/0002_options.sql", after.Location.File.Path, "the options change is the latest cause");
            AssertSame(0, "options changed", files, result, settings);
        }

        [TestMethod]
        public void InsertingRemovingAndReparsingFilesGivesTheFullAnalysisResults()
        {
            for (int seed = 1000; seed < 1100; seed++)
            {
                var random = new Random(seed);
                AnalysisSettings settings = Settings(seed);
                List<ParsedFile> files = GenerateHistory(random, 6 + random.Next(6));
                var incremental = Journaled(settings);
                incremental.Analyze(files);

                files.Add(Parse("gen/9999_appended.sql", RandomFile(random)));
                AssertSame(seed, "appended", files, incremental.Analyze(files), settings);
                Assert.AreEqual(files.Count - 1, incremental.ReplayedFrom);

                files.Insert(files.Count / 2, Parse("gen/5000_inserted.sql", RandomFile(random)));
                AssertSame(seed, "inserted", files, incremental.Analyze(files), settings);

                files.RemoveAt(files.Count / 3);
                AssertSame(seed, "removed a middle file", files, incremental.Analyze(files), settings);

                files.RemoveAt(files.Count - 1);
                AssertSame(seed, "removed the last file", files, incremental.Analyze(files), settings);
                Assert.AreEqual(files.Count - 1, incremental.ReplayedFrom, "only the last file and the rules' final pass run again");

                AnalysisResult afterRemoval = incremental.Analyze(files);
                AssertSame(seed, "unchanged", files, afterRemoval, settings);
                Assert.AreEqual(files.Count, incremental.ReplayedFrom, "nothing changed: nothing is replayed");
                Assert.AreSame(afterRemoval, incremental.Analyze(new List<ParsedFile>(files)), "the same parses in the same order: the same result");

                int same = random.Next(files.Count);
                files[same] = Parse(files[same].File.Path, files[same].File.Text);
                AssertSame(seed, "re-parsed with the same text", files, incremental.Analyze(files), settings);
            }
        }

        [TestMethod]
        public void AnEditThatChangesLaterFilesOutcomeIsReflectedAndUndone()
        {
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile>
            {
                Parse("m/001.sql", "CREATE TABLE t (id int NOT NULL);\nCREATE UNIQUE INDEX t_id ON t (id);\n"),
                Parse("m/002.sql", "CREATE TABLE u (id int PRIMARY KEY);\n"),
                Parse("m/003.sql", "CREATE PUBLICATION p FOR TABLE t, u;\nUPDATE t SET id = 1;\n"),
                Parse("m/004.sql", "ALTER TABLE u REPLICA IDENTITY FULL;\n"),
            };
            var incremental = Journaled(settings);
            List<string> before = Ids(incremental.Analyze(files));
            CollectionAssert.AreEqual(new[] { "RG1001", "RG1002", "RG2002" }, before.ToArray(), string.Join(", ", before));

            // A key for t in the first file removes both t results of the third file.
            ParsedFile original = files[0];
            files[0] = Parse("m/001.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");
            AssertSame(0, "key added", files, incremental.Analyze(files), settings);
            CollectionAssert.AreEqual(new[] { "RG2002" }, Ids(incremental.Analyze(files)).ToArray());

            files[0] = original;
            AssertSame(0, "key removed again", files, incremental.Analyze(files), settings);
            CollectionAssert.AreEqual(before.ToArray(), Ids(incremental.Analyze(files)).ToArray());

            // The identity index in the second file: no results for t any more, and u's FULL identity has no key now.
            files[1] = Parse("m/002.sql", "CREATE TABLE u (id int);\nALTER TABLE t REPLICA IDENTITY USING INDEX t_id;\n");
            AssertSame(0, "identity set in a middle file", files, incremental.Analyze(files), settings);
            Assert.AreEqual(1, incremental.ReplayedFrom, "the first file is unchanged and is not replayed");
            CollectionAssert.DoesNotContain(Ids(incremental.Analyze(files)), "RG1001");

            files[1] = Parse("m/002.sql", "CREATE TABLE u (id int PRIMARY KEY);\n");
            AnalysisResult back = incremental.Analyze(files);
            AssertSame(0, "back to the start", files, back, settings);
            CollectionAssert.AreEqual(before.ToArray(), Ids(back).ToArray());
        }

        [TestMethod]
        public void AnEditOfAnEarlyFileChangesTheVerdictOnATableJudgedInALateFile()
        {
            // t is defined in the first file and only published (so judged) in the last; the files between do not
            // touch it. Each edit of the first file must change the late result exactly as a full analysis does.
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile> { Parse("m/001.sql", "CREATE TABLE t (id int NOT NULL, v text);\n") };
            for (int i = 2; i < 40; i++)
            {
                files.Add(Parse("m/" + i.ToString("D3", CultureInfo.InvariantCulture) + ".sql", "CREATE TABLE other_" + i + " (id int PRIMARY KEY);\n"));
            }
            files.Add(Parse("m/040.sql", "CREATE PUBLICATION p FOR TABLE t;\nDELETE FROM t WHERE id = 1;\n"));
            var incremental = Journaled(settings);
            AnalysisResult result = incremental.Analyze(files);
            AssertSame(0, "t without a key", files, result, settings);
            CollectionAssert.AreEqual(new[] { "RG1001", "RG1002" }, Ids(result).ToArray());
            Assert.AreEqual("m/040.sql", result.Diagnostics[0].Location.File.Path, "RG1001 is at the publication that covers t");

            string[] firstFiles =
            {
                "CREATE TABLE t (id int PRIMARY KEY, v text);\n",
                "CREATE TABLE t (id int NOT NULL, v text);\nCREATE UNIQUE INDEX t_id ON t (id);\nALTER TABLE t REPLICA IDENTITY USING INDEX t_id;\n",
                "CREATE TABLE t (id int, v text);\nCREATE UNIQUE INDEX t_id ON t (id);\nALTER TABLE t REPLICA IDENTITY USING INDEX t_id;\n",
                "CREATE TABLE t (id int NOT NULL, v text);\nALTER TABLE t REPLICA IDENTITY FULL;\n",
                "CREATE TABLE t (id int NOT NULL, v text);\n",
            };
            string[][] expected =
            {
                new string[0],
                new string[0],
                new[] { "RG1003", "RG1001", "RG1002" },
                new[] { "RG2001" },
                new[] { "RG1001", "RG1002" },
            };
            for (int i = 0; i < firstFiles.Length; i++)
            {
                files[0] = Parse("m/001.sql", firstFiles[i]);
                result = incremental.Analyze(files);
                Assert.AreEqual(0, incremental.ReplayedFrom);
                AssertSame(i, "first file version " + i, files, result, settings);
                CollectionAssert.AreEqual(expected[i], Ids(result).ToArray(), "first file version " + i + ": " + string.Join(", ", Ids(result)));
            }
        }

        [TestMethod]
        public void AnEditOfTheFirstFileRollsBackTheKeptReplayInsteadOfStartingANewOne()
        {
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile>
            {
                Parse("m/001.sql", "CREATE TABLE t (id int);\nCREATE PUBLICATION p FOR TABLE t;\n"),
                Parse("m/002.sql", "CREATE TABLE u (id int);\n"),
            };
            var incremental = Journaled(settings);
            AnalysisResult first = incremental.Analyze(files);
            files[0] = Parse("m/001.sql", "CREATE TABLE t (id int PRIMARY KEY);\nCREATE PUBLICATION p FOR TABLE t;\n");
            AnalysisResult second = incremental.Analyze(files);
            Assert.AreEqual(0, incremental.ReplayedFrom);
            Assert.AreSame(first.Catalog, second.Catalog, "the catalog is rolled back to its empty state and reused");
            AssertSame(0, "first file edited", files, second, settings);
        }

        [TestMethod]
        public void ACancelledAnalysisLeavesAStateTheNextAnalysisCanUse()
        {
            // Cancellation is checked every 256 statements: a long history makes it stop inside the replay.
            var settings = new AnalysisSettings();
            var random = new Random(7);
            List<ParsedFile> files = GenerateHistory(random, 60);
            int statements = 0;
            foreach (ParsedFile file in files)
            {
                statements += file.Statements.Count;
            }
            Assert.IsTrue(statements > 300, "the history must be long enough to be cancelled inside: " + statements);
            var incremental = Journaled(settings);
            incremental.Analyze(files);

            files[1] = Parse(files[1].File.Path, RandomFile(random));
            AssertCancelled(incremental, files);
            files[files.Count - 1] = Parse(files[files.Count - 1].File.Path, RandomFile(random));
            AssertSame(7, "after a cancelled analysis", files, incremental.Analyze(files), settings);
        }

        [TestMethod]
        public void AnUnchangedHistoryGivesTheLastResultAgainButNotAfterACancelledAnalysis()
        {
            var settings = new AnalysisSettings();
            var random = new Random(11);
            List<ParsedFile> files = GenerateHistory(random, 60);
            var incremental = Journaled(settings);
            AnalysisResult first = incremental.Analyze(files);
            Assert.AreSame(first, incremental.Analyze(files));
            Assert.AreEqual(files.Count, incremental.ReplayedFrom);

            // A cancelled analysis of an edit, then the edited history again: it must be analysed, not answered
            // with the result from before the edit.
            List<ParsedFile> edited = new List<ParsedFile>(files);
            edited[1] = Parse(files[1].File.Path, RandomFile(random));
            AssertCancelled(incremental, edited);
            AnalysisResult afterEdit = incremental.Analyze(edited);
            Assert.AreNotSame(first, afterEdit);
            AssertSame(11, "edited after a cancelled analysis", edited, afterEdit, settings);

            // And back to the original files: replayed from the file that differs, equal to a full analysis.
            AnalysisResult back = incremental.Analyze(files);
            Assert.AreEqual(1, incremental.ReplayedFrom);
            AssertSame(11, "original files again", files, back, settings);
        }

        [TestMethod]
        public void AResultIsNotChangedByTheNextAnalysis()
        {
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile>
            {
                Parse("m/001.sql", "CREATE TABLE t (id int);\nCREATE PUBLICATION p FOR TABLE t;\n"),
                Parse("m/002.sql", "ALTER TABLE missing ADD COLUMN x int;\n"),
            };
            var incremental = Journaled(settings);
            AnalysisResult first = incremental.Analyze(files);
            string diagnostics = Describe(first.Diagnostics);
            int rejected = first.Rejected.Count;
            files[1] = Parse("m/002.sql", "ALTER TABLE t ADD PRIMARY KEY (id);\n");
            incremental.Analyze(files);
            Assert.AreEqual(diagnostics, Describe(first.Diagnostics));
            Assert.AreEqual(1, rejected);
            Assert.AreEqual(rejected, first.Rejected.Count);
        }

        [TestMethod]
        public void FixesFirstReadAfterLaterAnalysesAreThoseOfAFullAnalysisOfTheirHistory()
        {
            // Fixes are built when first read: a front end may read a result's fixes only after the kept replay has
            // moved on (the IDE never reads them; a code fix reads them later). Both ways: early edits analysed whole
            // (the default) and always through the journal.
            int compared = 0;
            int whole = 0;
            foreach (bool journaled in new[] { true, false })
            {
                for (int seed = 0; seed < 40; seed++)
                {
                    var random = new Random(1000 + seed);
                    AnalysisSettings settings = Settings(seed);
                    List<ParsedFile> files = GenerateHistory(random, 6 + random.Next(6));
                    IncrementalAnalysis incremental = journaled ? Journaled(settings) : new IncrementalAnalysis(settings);
                    var unread = new List<KeyValuePair<AnalysisResult, string>>();
                    Catalog? journalCatalog = null;
                    for (int edit = 0; edit < 4; edit++)
                    {
                        AnalysisResult result = incremental.Analyze(files);
                        journalCatalog ??= result.Catalog; // the first analysis always builds the journal
                        if (!ReferenceEquals(result.Catalog, journalCatalog))
                        {
                            whole++;
                        }
                        unread.Add(new KeyValuePair<AnalysisResult, string>(result, Describe(Engine.Analyze(files, settings, FixBuilding.DuringAnalysis).Diagnostics)));
                        int edited = random.Next(files.Count);
                        files[edited] = Parse(files[edited].File.Path, RandomFile(random));
                    }
                    foreach (KeyValuePair<AnalysisResult, string> pair in unread)
                    {
                        Assert.AreEqual(pair.Value, Describe(pair.Key.Diagnostics), $"seed {seed}, journaled {journaled}: fixes read after later analyses");
                        compared += pair.Key.Diagnostics.Sum(d => d.Fixes.Count);
                    }
                }
            }
            Assert.IsTrue(compared > 1000, "too few fixes compared: " + compared);
            Assert.IsTrue(whole > 10, "too few edits analysed whole: " + whole);
        }

        [TestMethod]
        public void FilesReplayedAgainAtTheSamePlaceKeepTheirStatementReferences()
        {
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile>
            {
                Parse("m/001.sql", "CREATE TABLE t (id int);\n"),
                Parse("m/002.sql", "CREATE TABLE u (id int);\nCREATE PUBLICATION p FOR TABLE t, u;\n"),
                Parse("m/003.sql", "ALTER TABLE u ADD COLUMN v text;\n"),
            };
            var incremental = Journaled(settings);
            StatementRef createdU = incremental.Analyze(files).Catalog.AllTables[1].CreatedBy;

            // Same number of statements in the edited first file: the later files keep their places and references.
            files[0] = Parse("m/001.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");
            AnalysisResult same = incremental.Analyze(files);
            AssertSame(0, "same statement count", files, same, settings);
            Assert.AreSame(createdU, same.Catalog.AllTables[1].CreatedBy, "u's CREATE TABLE is at the same place: the same reference");

            // One statement more: every later statement moves one place, so its reference is new and has the new order.
            files[0] = Parse("m/001.sql", "CREATE TABLE t (id int);\nALTER TABLE t ADD PRIMARY KEY (id);\n");
            AnalysisResult moved = incremental.Analyze(files);
            AssertSame(0, "one statement more", files, moved, settings);
            StatementRef createdUAgain = moved.Catalog.AllTables[1].CreatedBy;
            Assert.AreNotSame(createdU, createdUAgain);
            Assert.AreEqual(createdU.Order + 1, createdUAgain.Order);
            Assert.AreSame(files[1].Statements[0], createdUAgain.Statement);
        }

        [TestMethod]
        public void AFileOfMoreStatementsThanOneKeptChunkKeepsEveryReference()
        {
            // The references are kept in chunks of 8,192: statements on both sides of a chunk's end.
            var settings = new AnalysisSettings();
            var big = new StringBuilder();
            for (int i = 0; i < 8200; i++)
            {
                big.Append("CREATE TABLE t").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" (id int);\n");
            }
            var files = new List<ParsedFile>
            {
                Parse("m/001.sql", "CREATE TABLE a (id int);\n"),
                Parse("m/002.sql", big.ToString()),
                Parse("m/003.sql", "CREATE PUBLICATION p FOR TABLE t8191, t8192, t8199;\n"),
            };
            var incremental = Journaled(settings);
            AnalysisResult first = incremental.Analyze(files);
            StatementRef[] before = { first.Catalog.AllTables[8192].CreatedBy, first.Catalog.AllTables[8193].CreatedBy, first.Catalog.AllTables[8200].CreatedBy };
            Assert.AreEqual("t8199", first.Catalog.AllTables[8200].Name);

            files[0] = Parse("m/001.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
            AnalysisResult same = incremental.Analyze(files);
            AssertSame(0, "same statement count", files, same, settings);
            Assert.AreSame(before[0], same.Catalog.AllTables[8192].CreatedBy);
            Assert.AreSame(before[1], same.Catalog.AllTables[8193].CreatedBy);
            Assert.AreSame(before[2], same.Catalog.AllTables[8200].CreatedBy);

            files[0] = Parse("m/001.sql", "CREATE TABLE a (id int);\nALTER TABLE a ADD PRIMARY KEY (id);\n");
            AnalysisResult moved = incremental.Analyze(files);
            AssertSame(0, "one statement more", files, moved, settings);
            Assert.AreEqual(before[2].Order + 1, moved.Catalog.AllTables[8200].CreatedBy.Order);
            Assert.AreSame(files[1].Statements[8199], moved.Catalog.AllTables[8200].CreatedBy.Statement);
        }

        [TestMethod]
        public void RenamingOrDroppingATableThatLaterFilesReferenceGivesTheFullAnalysisResults()
        {
            var settings = new AnalysisSettings();
            var files = new List<ParsedFile>
            {
                Parse("m/001.sql", "CREATE TABLE t (id int NOT NULL);\nCREATE TABLE keep (id int PRIMARY KEY);\n"),
                Parse("m/002.sql", "CREATE UNIQUE INDEX t_id ON t (id);\n"),
                Parse("m/003.sql", "CREATE PUBLICATION p FOR TABLE t, keep;\nUPDATE t SET id = 2;\n"),
                Parse("m/004.sql", "ALTER TABLE t REPLICA IDENTITY USING INDEX t_id;\n"),
            };
            var incremental = Journaled(settings);
            AssertSame(0, "initial", files, incremental.Analyze(files), settings);
            string[] secondFiles =
            {
                "ALTER TABLE t RENAME TO t_old;\nCREATE UNIQUE INDEX t_id ON t_old (id);\n", // later files name a table that is gone
                "DROP TABLE t;\n",
                "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id int);\n", // the name now finds another table
                "CREATE UNIQUE INDEX t_id ON t (id);\n",
            };
            for (int i = 0; i < secondFiles.Length; i++)
            {
                files[1] = Parse("m/002.sql", secondFiles[i]);
                AnalysisResult result = incremental.Analyze(files);
                Assert.AreEqual(1, incremental.ReplayedFrom);
                AssertSame(i, "second file version " + i, files, result, settings);
            }
        }

        [TestMethod]
        public void APublicationEditChangesTheResultsOfTablesNoReplayedFileTouches()
        {
            // The tables are created in the first file and never named again; only the publication in the last file
            // changes, so every change of their results comes from coverage alone.
            var settings = new AnalysisSettings();
            var first = new StringBuilder("CREATE SCHEMA s;\n");
            for (int i = 0; i < 5; i++)
            {
                first.Append("CREATE TABLE s.nokey_").Append(i).Append(" (id int NOT NULL);\n");
                first.Append("CREATE TABLE public.full_").Append(i).Append(" (id int PRIMARY KEY);\n");
                first.Append("ALTER TABLE public.full_").Append(i).Append(" REPLICA IDENTITY FULL;\n");
            }
            var files = new List<ParsedFile> { Parse("m/001.sql", first.ToString()), Parse("m/002.sql", "CREATE TABLE other (id int PRIMARY KEY);\n") };
            files.Add(Parse("m/003.sql", "CREATE PUBLICATION p FOR TABLE s.nokey_0;\n"));
            var incremental = Journaled(settings);
            AssertSame(0, "initial", files, incremental.Analyze(files), settings);
            string[] lastFiles =
            {
                "CREATE PUBLICATION p FOR TABLES IN SCHEMA s;\n",
                "CREATE PUBLICATION p FOR ALL TABLES;\n",
                "CREATE PUBLICATION p FOR ALL TABLES WITH (publish = 'insert');\n",
                "CREATE PUBLICATION p FOR TABLE public.full_1, s.nokey_3 WITH (publish = 'delete');\n",
                "CREATE PUBLICATION p FOR ALL TABLES;\nALTER PUBLICATION p RENAME TO q;\nDROP PUBLICATION q;\n",
                "",
            };
            var seen = new HashSet<string>();
            for (int i = 0; i < lastFiles.Length; i++)
            {
                files[2] = Parse("m/003.sql", lastFiles[i]);
                AnalysisResult result = incremental.Analyze(files);
                Assert.AreEqual(2, incremental.ReplayedFrom, "only the last file is replayed");
                AssertSame(i, "publication version " + i, files, result, settings);
                seen.Add(string.Join(",", Ids(result)));
            }
            Assert.IsTrue(seen.Count >= 4, "the publication versions must give different results: " + string.Join(" | ", seen));
        }

        // ----- edits early in the history: analysed whole, the journal kept as it was -----

        [TestMethod]
        public void AnEditInTheFirstQuarterIsAnalysedWholeAndTheJournalCatchesUpOnTheNextLaterEdit()
        {
            var settings = new AnalysisSettings();
            List<ParsedFile> files = OneStatementFiles(8);
            var incremental = new IncrementalAnalysis(settings);
            AnalysisResult initial = incremental.Analyze(files);

            // Files 1-7 hold 7 of the 8 statements: more than three quarters, so the history is analysed whole.
            files[1] = Parse(files[1].File.Path, "CREATE TABLE t1 (id int PRIMARY KEY);\n");
            AnalysisResult whole = incremental.Analyze(files);
            Assert.AreEqual(0, incremental.ReplayedFrom);
            Assert.AreNotSame(initial.Catalog, whole.Catalog, "a whole analysis has a catalog of its own: the journal's is untouched");
            AssertSame(0, "early edit", files, whole, settings);
            Assert.AreSame(whole, incremental.Analyze(files), "unchanged after a whole analysis: the same result");
            Assert.AreEqual(files.Count, incremental.ReplayedFrom);

            // Typing on in the same file: whole again.
            files[1] = Parse(files[1].File.Path, "CREATE TABLE t1 (id int);\n");
            AssertSame(0, "early edit again", files, incremental.Analyze(files), settings);
            Assert.AreEqual(0, incremental.ReplayedFrom);

            // An edit of the last file uses the journal: it still holds the first version of file 1, so it rolls back
            // there once; the edit after that replays only the last file.
            files[7] = Parse(files[7].File.Path, "CREATE TABLE t7 (id int);\n");
            AnalysisResult caughtUp = incremental.Analyze(files);
            Assert.AreEqual(1, incremental.ReplayedFrom);
            Assert.AreSame(initial.Catalog, caughtUp.Catalog, "the journal's catalog");
            AssertSame(0, "last file after early edits", files, caughtUp, settings);
            files[7] = Parse(files[7].File.Path, "CREATE TABLE t7 (id int PRIMARY KEY);\n");
            AssertSame(0, "last file again", files, incremental.Analyze(files), settings);
            Assert.AreEqual(7, incremental.ReplayedFrom);
        }

        [TestMethod]
        public void AWholeAnalysisReusesTheJournalsStatementReferencesWhereTheyHaveTheSamePlace()
        {
            var settings = new AnalysisSettings();
            List<ParsedFile> files = OneStatementFiles(8);
            var incremental = new IncrementalAnalysis(settings);
            AnalysisResult initial = incremental.Analyze(files);
            StatementRef createdT5 = initial.Catalog.AllTables[4].CreatedBy;
            Assert.AreEqual("t5", initial.Catalog.AllTables[4].Name);

            // Same number of statements: t5's CREATE TABLE keeps its place, so the whole analysis reuses its reference.
            files[1] = Parse(files[1].File.Path, "CREATE TABLE t1 (id int PRIMARY KEY);\n");
            AnalysisResult same = incremental.Analyze(files);
            Assert.AreEqual(0, incremental.ReplayedFrom);
            Assert.AreNotSame(initial.Catalog, same.Catalog, "analysed whole");
            Assert.AreSame(createdT5, same.Catalog.AllTables[4].CreatedBy);
            AssertSame(0, "same statement count", files, same, settings);

            // One statement more: every later statement moves one place and gets a new reference with its new order.
            files[1] = Parse(files[1].File.Path, "CREATE TABLE t1 (id int);\nALTER TABLE t1 ADD PRIMARY KEY (id);\n");
            AnalysisResult moved = incremental.Analyze(files);
            Assert.AreEqual(0, incremental.ReplayedFrom);
            StatementRef movedT5 = moved.Catalog.AllTables[4].CreatedBy;
            Assert.AreNotSame(createdT5, movedT5);
            Assert.AreEqual(createdT5.Order + 1, movedT5.Order);
            Assert.AreSame(files[5].Statements[0], movedT5.Statement);
            AssertSame(0, "one statement more", files, moved, settings);
        }

        [TestMethod]
        public void AnEarlyEditUndoneUsesTheJournalThatStillHoldsTheOriginal()
        {
            var settings = new AnalysisSettings();
            List<ParsedFile> files = OneStatementFiles(8);
            var incremental = new IncrementalAnalysis(settings);
            AnalysisResult initial = incremental.Analyze(files);
            ParsedFile original = files[1];
            files[1] = Parse(original.File.Path, "CREATE TABLE t1 (id int PRIMARY KEY);\n");
            incremental.Analyze(files);
            Assert.AreEqual(0, incremental.ReplayedFrom, "an early edit: analysed whole");

            // Back to the original parse (the parse cache hands out the same object for the same text): the journal
            // holds exactly these files, so only the last file is replayed although the edit was early.
            files[1] = original;
            AnalysisResult undone = incremental.Analyze(files);
            Assert.AreEqual(files.Count - 1, incremental.ReplayedFrom);
            Assert.AreSame(initial.Catalog, undone.Catalog);
            AssertSame(0, "early edit undone", files, undone, settings);
        }

        [TestMethod]
        public void TheQuarterCountsStatementsNotFiles()
        {
            var settings = new AnalysisSettings();

            // Exactly three quarters from file 1 on (6 of 8 statements: file 0 has two): rolled back.
            List<ParsedFile> files = OneStatementFiles(8);
            files[0] = Parse(files[0].File.Path, "CREATE TABLE a (id int);\nCREATE PUBLICATION p FOR ALL TABLES;\n");
            files.RemoveAt(1);
            var incremental = new IncrementalAnalysis(settings);
            incremental.Analyze(files);
            files[1] = Parse(files[1].File.Path, "CREATE TABLE t2 (id int PRIMARY KEY);\n");
            AssertSame(0, "three quarters", files, incremental.Analyze(files), settings);
            Assert.AreEqual(1, incremental.ReplayedFrom, "6 of 8 statements from the edited file on: rolled back");

            // A big last file: an edit of the file before it replays most statements, so the history is analysed whole.
            var big = new StringBuilder();
            for (int i = 0; i < 30; i++)
            {
                big.Append("CREATE TABLE big_").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" (id int);\n");
            }
            files = OneStatementFiles(8);
            files.Add(Parse("m/009.sql", big.ToString()));
            incremental = new IncrementalAnalysis(settings);
            AnalysisResult initial = incremental.Analyze(files);
            files[7] = Parse(files[7].File.Path, "CREATE TABLE t7 (id int PRIMARY KEY);\n");
            AnalysisResult result = incremental.Analyze(files);
            AssertSame(0, "before a big last file", files, result, settings);
            Assert.AreEqual(0, incremental.ReplayedFrom, "31 of 38 statements from the edited file on: analysed whole");
            Assert.AreNotSame(initial.Catalog, result.Catalog);
        }

        [TestMethod]
        public void ACancelledWholeAnalysisIsNotTakenForTheLastResult()
        {
            var settings = new AnalysisSettings();
            var random = new Random(13);
            List<ParsedFile> files = GenerateHistory(random, 60);
            var incremental = new IncrementalAnalysis(settings);
            AnalysisResult first = incremental.Analyze(files);
            files[0] = Parse(files[0].File.Path, RandomFile(random));
            AssertCancelled(incremental, files);
            AnalysisResult afterEdit = incremental.Analyze(files);
            Assert.AreNotSame(first, afterEdit);
            Assert.AreEqual(0, incremental.ReplayedFrom);
            Assert.AreNotSame(first.Catalog, afterEdit.Catalog, "analysed whole, not by the journal");
            AssertSame(13, "early edit after a cancelled whole analysis", files, afterEdit, settings);
        }

        /// <summary>An analysis of <paramref name="files"/> with a token cancelled before it starts.</summary>
        private static void AssertCancelled(IncrementalAnalysis incremental, List<ParsedFile> files)
        {
            using (var cancelled = new CancellationTokenSource())
            {
                cancelled.Cancel();
                Assert.ThrowsExactly<OperationCanceledException>(() => incremental.Analyze(files, cancelled.Token));
            }
        }

        /// <summary>An analysis that rolls its journal back for every edit, wherever it is (the tests above).</summary>
        private static IncrementalAnalysis Journaled(AnalysisSettings settings)
        {
            return new IncrementalAnalysis(settings) { WholeForEarlyEdits = false };
        }

        /// <summary>m/001.sql publishes every table; file i (from 2) creates t{i-1} without a key: one statement each.</summary>
        private static List<ParsedFile> OneStatementFiles(int count)
        {
            var files = new List<ParsedFile> { Parse("m/001.sql", "CREATE PUBLICATION p FOR ALL TABLES;\n") };
            for (int i = 1; i < count; i++)
            {
                string name = (i + 1).ToString("D3", CultureInfo.InvariantCulture);
                files.Add(Parse("m/" + name + ".sql", "CREATE TABLE t" + i.ToString(CultureInfo.InvariantCulture) + " (id int);\n"));
            }
            return files;
        }

        // ----- histories -----

        /// <summary>Default settings, or a declared FOR ALL TABLES publication with RG3001 on and another profile.</summary>
        private static AnalysisSettings Settings(int seed)
        {
            var settings = new AnalysisSettings();
            switch (seed % 3)
            {
                case 1:
                    settings.Publications.Add(new PublicationDeclaration("declared") { AllTables = true });
                    settings.RuleSeverities["RG3001"] = Severity.Warning;
                    break;
                case 2:
                    settings.Profile = "zero";
                    settings.PostgresVersion = 15;
                    break;
            }
            return settings;
        }

        private static List<ParsedFile> GenerateHistory(Random random, int count)
        {
            var files = new List<ParsedFile>(count);
            for (int i = 0; i < count; i++)
            {
                files.Add(Parse("gen/" + (i + 1).ToString("D4", CultureInfo.InvariantCulture) + "_step.sql", RandomFile(random)));
            }
            return files;
        }

        /// <summary>The fuzzer's generated statements, plus the ones whose outcome depends on earlier files (DML, identity, keys).</summary>
        private static string RandomFile(Random random)
        {
            var text = new StringBuilder();
            foreach (FuzzFile part in HistoryGenerator.Generate(random))
            {
                text.Append(part.Text).Append('\n');
                if (random.Next(2) == 0)
                {
                    text.Append(Extra[random.Next(Extra.Length)]).Append('\n');
                }
            }
            return text.ToString();
        }

        private static readonly string[] Extra =
        {
            "UPDATE users SET name = 'x';",
            "DELETE FROM posts WHERE id = 1;",
            "INSERT INTO t (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = 2;",
            "ALTER TABLE users REPLICA IDENTITY FULL;",
            "ALTER TABLE t ADD PRIMARY KEY (id);",
            "ALTER TABLE posts REPLICA IDENTITY USING INDEX ix_1;",
            "CREATE PUBLICATION p1 FOR ALL TABLES;",
            "ALTER PUBLICATION p0 ADD TABLE users;",
            "BEGIN; CREATE TABLE tx (id int); SAVEPOINT s; DROP TABLE users; ROLLBACK TO SAVEPOINT s; COMMIT;",
            "BEGIN; ALTER TABLE t REPLICA IDENTITY NOTHING; ROLLBACK;",
            "BEGIN; CREATE TABLE open_tx (id int);",
            "SET search_path TO pg_temp, public; CREATE TABLE scratch (id int);",
            "CREATE TEMP TABLE tmp (id int PRIMARY KEY);",
            "ALTER INDEX ix_0 RENAME TO ix_1;",
            "DROP INDEX ix_1;",
            "ALTER TABLE users ALTER COLUMN id SET NOT NULL;",
            "CREATE UNIQUE INDEX ix_1 ON posts (id);",
            "UPDATE missing_table SET a = 1;",
            "-- replicaguard-ignore RG1001\nCREATE TABLE users (id int);",
            "-- replicaguard-ignore RG1002, RG9002\nUPDATE users SET id = 1;",
            "-- replicaguard-ignore-file RG9002",
            "CREATE TABLE t (id int); -- replicaguard-ignore RG9999",
        };

        private static ParsedFile Parse(string path, string text) => Parser.Parse(new SourceFile(path, text));

        // ----- comparison -----

        private static void AssertSame(int seed, string step, List<ParsedFile> files, AnalysisResult incremental, AnalysisSettings settings)
        {
            // The reference builds its fixes during the analysis, the path that never goes through DeferredFixes.
            AnalysisResult full = Engine.Analyze(files, settings, FixBuilding.DuringAnalysis);
            Assert.AreEqual(Describe(full.Diagnostics), Describe(incremental.Diagnostics), $"seed {seed}, {step}: diagnostics");
            Assert.AreEqual(Describe(full.Rejected), Describe(incremental.Rejected), $"seed {seed}, {step}: rejected statements");
            Assert.AreEqual(Describe(full.Catalog), Describe(incremental.Catalog), $"seed {seed}, {step}: catalog");
        }

        private static List<string> Ids(AnalysisResult result)
        {
            var ids = new List<string>();
            foreach (Diagnostic d in result.Diagnostics)
            {
                ids.Add(d.Id);
            }
            return ids;
        }

        private static string Describe(IReadOnlyList<Diagnostic> diagnostics)
        {
            var b = new StringBuilder();
            foreach (Diagnostic d in diagnostics)
            {
                b.Append(d.Id).Append(' ').Append(d.Severity).Append(' ').Append(Describe(d.Location)).Append(' ').Append(d.ObjectName).Append(": ").Append(d.Message).Append('\n');
                foreach (Location related in d.RelatedLocations)
                {
                    b.Append("  related ").Append(Describe(related)).Append('\n');
                }
                foreach (CodeFix fix in d.Fixes)
                {
                    b.Append("  fix ").Append(fix.EquivalenceKey).Append(' ').Append(fix.Title).Append('\n');
                    foreach (TextEdit edit in fix.Edits)
                    {
                        b.Append("    ").Append(edit.File.Path).Append(' ').Append(edit.Span).Append(" => ").Append(edit.NewText).Append('\n');
                    }
                }
            }
            return b.ToString();
        }

        private static string Describe(Location location) => location.File.Path + " " + location.Span;

        private static string Describe(IReadOnlyList<RejectedStatement> rejected)
        {
            var b = new StringBuilder();
            foreach (RejectedStatement r in rejected)
            {
                b.Append(r.Statement.Order).Append(' ').Append(Describe(r.Statement.HeadLocation)).Append(' ').Append(r.Kind).Append(' ').Append(r.Message).Append('\n');
            }
            return b.ToString();
        }

        private static string Describe(Catalog catalog)
        {
            var b = new StringBuilder();
            var schemas = new List<string>();
            foreach (SchemaObject schema in catalog.Schemas)
            {
                var relations = schema.Relations.Values.Select(r => r.Name).ToList();
                relations.Sort(StringComparer.Ordinal);
                schemas.Add(schema.Name + (schema.Dropped ? " dropped" : "") + ": " + string.Join(", ", relations));
            }
            schemas.Sort(StringComparer.Ordinal);
            b.Append(string.Join("\n", schemas)).Append('\n');
            foreach (TableObject t in catalog.AllTables)
            {
                b.Append(t.QualifiedName).Append(t.Dropped ? " dropped" : "").Append(' ').Append(t.Kind).Append(' ').Append(t.Persistence)
                    .Append(" identity ").Append(t.Identity).Append(' ').Append(t.IdentityIndex?.Name).Append(" pk ").Append(t.PrimaryKey?.Name)
                    .Append(" created ").Append(t.CreatedBy.Order).Append(" lost ").Append(t.IdentityLostBy?.Order).Append(" keys ").Append(t.KeysChangedBy?.Order)
                    .Append(" moved ").Append(t.MovedBy?.Order).Append(" parent ").Append(t.PartitionParent?.Name).Append(" columns");
                foreach (ColumnObject c in t.Columns)
                {
                    b.Append(' ').Append(c.Name).Append(c.NotNull ? "!" : "");
                }
                b.Append(" indexes");
                foreach (IndexObject i in t.Indexes)
                {
                    b.Append(' ').Append(i.Name).Append(i.Dropped ? "(dropped)" : "").Append(i.Valid ? "" : "(invalid)").Append(i.Unique ? "(unique)" : "");
                }
                b.Append(" publications");
                foreach (PublicationObject p in t.PublicationRows.Keys)
                {
                    b.Append(' ').Append(p.Name);
                }
                b.Append('\n');
            }
            var publications = new List<string>();
            foreach (PublicationObject p in catalog.Publications)
            {
                publications.Add(p.Name + " " + p.AllTables + " " + p.Publish + " tables " + p.Tables.Count + " schemas " + p.Schemas.Count);
            }
            publications.Sort(StringComparer.Ordinal);
            b.Append(string.Join("\n", publications)).Append('\n');
            b.Append("search_path ").Append(string.Join(",", catalog.SearchPath)).Append(" in transaction ").Append(catalog.InTransaction);
            return b.ToString();
        }
    }
}
