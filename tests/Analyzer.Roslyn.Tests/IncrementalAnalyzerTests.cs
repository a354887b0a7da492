using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.FrontEnds;
using ReplicaGuard.Roslyn;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The analyzer keeps each project's replay between compilations (IncrementalHistories): after an edit it must
    /// report exactly what an analyzer without kept state reports, and replay only from the edited file on.
    /// </summary>
    [TestClass]
    public sealed class IncrementalAnalyzerTests
    {
        private const int Files = 12;

        [TestMethod]
        public async Task AfterEditsOfTheFirstAMiddleAndTheLastFileTheAnalyzerReportsWhatAFreshAnalysisReports()
        {
            var histories = new IncrementalHistories();
            var analyzer = new ReplicaGuardAnalyzer(new ParseCache(), histories);
            Project project = History().Build();
            string before = await AssertSameAsFresh(project, analyzer, "initial");
            Assert.AreEqual(0, histories.LastReplayedFrom);

            // A middle table loses its key: RG1001 in that file and RG1002 for the UPDATE in the next one.
            project = Edit(project, 6, "CREATE TABLE t6 (id int);\nUPDATE t5 SET id = 1;\n");
            string middle = await AssertSameAsFresh(project, analyzer, "middle edit");
            Assert.AreEqual(5, histories.LastReplayedFrom, "the files before the edited one are not replayed");
            Assert.AreNotEqual(before, middle, "the edit changes the results");
            StringAssert.Contains(middle, "RG1002 " + Path(7));

            // The last file takes a key's identity away from an early table.
            project = Edit(project, Files, "CREATE TABLE t12 (id int PRIMARY KEY);\nALTER TABLE t3 REPLICA IDENTITY NOTHING;\n");
            string last = await AssertSameAsFresh(project, analyzer, "last edit");
            Assert.AreEqual(Files - 1, histories.LastReplayedFrom);
            Assert.AreNotEqual(middle, last);

            // The first file stops publishing updates and deletes: every earlier result goes.
            project = Edit(project, 1, "CREATE PUBLICATION p WITH (publish = 'insert');\n");
            string first = await AssertSameAsFresh(project, analyzer, "first edit");
            Assert.AreEqual(0, histories.LastReplayedFrom);
            Assert.IsFalse(first.Contains("RG1001", StringComparison.Ordinal) || first.Contains("RG1002", StringComparison.Ordinal), first);

            // And back: the middle file's edit is undone while the others stay.
            project = Edit(project, 1, "CREATE PUBLICATION p FOR ALL TABLES;\n");
            project = Edit(project, 6, Text(6));
            await AssertSameAsFresh(project, analyzer, "undone");
        }

        [TestMethod]
        public async Task AFileAddedInTheMiddleOfTheHistoryIsOrderedInPlace()
        {
            // The order is kept between compilations while the paths stay the same; a new file must be ordered in.
            var histories = new IncrementalHistories();
            var analyzer = new ReplicaGuardAnalyzer(new ParseCache(), histories);
            Project project = History().Build();
            await AssertSameAsFresh(project, analyzer, "initial");

            // Between files 6 and 7: t6 loses its key before file 7 updates it (RG1002 in file 7).
            string added = SqlProject.Root + "Migrations/0006_x_drop_key.sql";
            project = project.AddAdditionalDocument("0006_x_drop_key.sql", SourceText.From("ALTER TABLE t6 DROP CONSTRAINT t6_pkey;\n", Encoding.UTF8), filePath: added).Project;
            string withAdded = await AssertSameAsFresh(project, analyzer, "file added");
            StringAssert.Contains(withAdded, "RG1002 " + Path(7), withAdded);
            Assert.AreEqual(6, histories.LastReplayedFrom, "replayed from the added file, the seventh in order");
        }

        [TestMethod]
        public void AFilesTextIsCopiedOnceWhileTheHostKeepsTheSameSourceText()
        {
            // The IDE hands out the same SourceText until the file changes: its string is reused (the parse cache
            // then sees an unchanged file by reference); a changed text is a new SourceText and a new string.
            SourceText original = SourceText.From("CREATE TABLE t (id int);\n");
            string first = ProjectMigrations.TextOf(original);
            Assert.AreSame(first, ProjectMigrations.TextOf(original));
            Assert.AreEqual("CREATE TABLE t (id int);\n", first);
            SourceText edited = original.WithChanges(new TextChange(new TextSpan(0, 0), "-- edited\n"));
            Assert.AreEqual("-- edited\nCREATE TABLE t (id int);\n", ProjectMigrations.TextOf(edited));
            Assert.AreSame(first, ProjectMigrations.TextOf(original));
        }

        /// <summary>File 1 publishes every table; file i creates t{i} with a key and updates t{i-1}.</summary>
        private static SqlProject History()
        {
            var project = new SqlProject();
            for (int i = 1; i <= Files; i++)
            {
                project.Sql(RelativePath(i), Text(i));
            }
            return project;
        }

        private static string Text(int i)
        {
            return i == 1
                ? "CREATE PUBLICATION p FOR ALL TABLES;\n"
                : "CREATE TABLE t" + i + " (id int PRIMARY KEY);\nUPDATE t" + (i - 1) + " SET id = 1;\n";
        }

        private static string RelativePath(int i) => "Migrations/" + i.ToString("D4", CultureInfo.InvariantCulture) + "_step.sql";

        private static string Path(int i) => SqlProject.Root + RelativePath(i);

        private static Project Edit(Project project, int file, string text)
        {
            TextDocument document = project.AdditionalDocuments.Single(d => d.FilePath == Path(file));
            return project.Solution.WithAdditionalDocumentText(document.Id, SourceText.From(text, Encoding.UTF8)).GetProject(project.Id)!;
        }

        /// <summary>Runs the kept-state analyzer and a fresh one; returns the results, one line each.</summary>
        private static async Task<string> AssertSameAsFresh(Project project, ReplicaGuardAnalyzer analyzer, string step)
        {
            string incremental = Describe(await SqlProject.AnalyzeAsync(project, analyzer: analyzer));
            string fresh = Describe(await SqlProject.AnalyzeAsync(project, analyzer: new ReplicaGuardAnalyzer(new ParseCache())));
            Assert.AreEqual(fresh, incremental, step);
            return incremental;
        }

        private static string Describe(ImmutableArray<Diagnostic> diagnostics)
        {
            var lines = new List<string>();
            foreach (Diagnostic d in diagnostics)
            {
                lines.Add($"{d.Id} {d.Location.GetLineSpan().Path} {d.Location.SourceSpan} {d.Severity} {d.GetMessage(CultureInfo.InvariantCulture)} related {string.Join(", ", d.AdditionalLocations.Select(l => l.GetLineSpan().Path + " " + l.SourceSpan))}");
            }
            lines.Sort(StringComparer.Ordinal);
            return string.Join("\n", lines);
        }
    }
}
