extern alias codefixes;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.FrontEnds;
using CodeFixProviderUnderTest = codefixes::ReplicaGuard.Roslyn.CodeFixes.ReplicaGuardCodeFixProvider;
using SqlFixes = codefixes::ReplicaGuard.Roslyn.CodeFixes.SqlFixes;
using EngineTextSpan = ReplicaGuard.Text.TextSpan;
using SourceFile = ReplicaGuard.Text.SourceFile;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class CodeFixTests
    {
        private static TextEdit Edit(SourceFile file, int start, int length, string text) => new TextEdit(file, new EngineTextSpan(start, length), text);

        [TestMethod]
        public void EditsApplyInStartOrderAndInsertionsAtOnePointKeepTheirOrder()
        {
            var file = new SourceFile("a.sql", "abcdef");
            Assert.IsTrue(TextEdits.TryApply(file.OriginalText, new[] { Edit(file, 4, 1, "E"), Edit(file, 0, 0, "1"), Edit(file, 0, 0, "2"), Edit(file, 1, 2, "") }, out string result));
            Assert.AreEqual("12adEf", result);
        }

        [TestMethod]
        public void OverlappingOrOutOfRangeEditsChangeNothing()
        {
            var file = new SourceFile("a.sql", "abcdef");
            Assert.IsFalse(TextEdits.TryApply(file.OriginalText, new[] { Edit(file, 0, 3, "x"), Edit(file, 2, 2, "y") }, out string overlapped));
            Assert.AreEqual("abcdef", overlapped);
            Assert.IsFalse(TextEdits.TryApply(file.OriginalText, new[] { Edit(file, 5, 3, "x") }, out string outside));
            Assert.AreEqual("abcdef", outside);
        }

        [TestMethod]
        public async Task ApplyingThroughRoslynGivesTheSharedHelpersTextAndKeepsEncoding()
        {
            Project project = new SqlProject().Sql("Migrations/0001.sql", "CREATE TABLE t (a int NOT NULL);\r\n").Build();
            TextDocument document = project.AdditionalDocuments.Single();
            string path = document.FilePath!;
            var file = new SourceFile(path, (await document.GetTextAsync()).ToString());
            var fix = new CodeFix("Add a primary key", new[] { Edit(file, 30, 0, ", PRIMARY KEY (a)") }, "add-primary-key");

            Solution solution = await SqlFixes.ApplyAsync(project.Solution, project, new[] { fix }, CancellationToken.None);
            SourceText updated = await solution.GetAdditionalDocument(document.Id)!.GetTextAsync();
            Assert.IsTrue(TextEdits.TryApply(file.OriginalText, fix.Edits, out string expected));
            Assert.AreEqual(expected, updated.ToString());
            Assert.AreEqual("CREATE TABLE t (a int NOT NULL, PRIMARY KEY (a));\r\n", updated.ToString());
            Assert.AreEqual(Encoding.UTF8.WebName, updated.Encoding?.WebName);
        }

        [TestMethod]
        public async Task FixAllTakesDuplicateInsertionsOnceAndLeavesOverlappingFixesOutWhole()
        {
            Project project = new SqlProject()
                .Sql("Migrations/0001.sql", "CREATE TABLE a (x int);\n")
                .Sql("Migrations/0002.sql", "CREATE TABLE b (y int);\n")
                .Build();
            TextDocument first = project.AdditionalDocuments.First(d => d.FilePath!.EndsWith("0001.sql", StringComparison.Ordinal));
            TextDocument second = project.AdditionalDocuments.First(d => d.FilePath!.EndsWith("0002.sql", StringComparison.Ordinal));
            var f1 = new SourceFile(first.FilePath!, (await first.GetTextAsync()).ToString());
            var f2 = new SourceFile(second.FilePath!, (await second.GetTextAsync()).ToString());
            var fixes = new[]
            {
                new CodeFix("one", new[] { Edit(f1, 23, 0, "\nALTER TABLE a REPLICA IDENTITY FULL;") }, "full"),
                new CodeFix("same insertion again", new[] { Edit(f1, 23, 0, "\nALTER TABLE a REPLICA IDENTITY FULL;") }, "full"),
                new CodeFix("overlaps the first fix", new[] { Edit(f1, 20, 4, "X"), Edit(f2, 0, 0, "-- never\n") }, "full"),
                new CodeFix("two", new[] { Edit(f2, 23, 0, "\nALTER TABLE b REPLICA IDENTITY FULL;") }, "full"),
            };
            Solution solution = await SqlFixes.ApplyAsync(project.Solution, project, fixes, CancellationToken.None);
            Assert.AreEqual("CREATE TABLE a (x int);\nALTER TABLE a REPLICA IDENTITY FULL;\n", (await solution.GetAdditionalDocument(first.Id)!.GetTextAsync()).ToString());
            Assert.AreEqual("CREATE TABLE b (y int);\nALTER TABLE b REPLICA IDENTITY FULL;\n", (await solution.GetAdditionalDocument(second.Id)!.GetTextAsync()).ToString());
        }

        [TestMethod]
        public async Task TheProviderOffersExactlyTheEngineFixesAndEachAppliesTheSharedHelpersText()
        {
            Project project = new SqlProject().Sql("Migrations/0001.sql", AnalyzerTests.Users).Config(AnalyzerTests.ZeroConfig).Build();
            ImmutableArray<Diagnostic> diagnostics = await SqlProject.AnalyzeAsync(project);
            Diagnostic diagnostic = diagnostics.Single(d => d.Id == "RG1001");
            IReadOnlyList<ReplicaGuard.Diagnostics.Diagnostic> engine = SqlFixes.Analyze(project, CancellationToken.None);
            ReplicaGuard.Diagnostics.Diagnostic? match = SqlFixes.Match(engine, diagnostic);
            Assert.IsNotNull(match, "the engine result behind the Roslyn diagnostic is found by ID, file and span");

            TextDocument document = project.AdditionalDocuments.Single(d => d.FilePath!.EndsWith(".sql", StringComparison.Ordinal));
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            var provider = new CodeFixProviderUnderTest();
            CollectionAssert.Contains(provider.FixableDiagnosticIds.ToList(), "RG1001");
            await provider.RegisterCodeFixesAsync(context);

            CollectionAssert.AreEqual(match!.Fixes.Select(f => f.Title).ToList(), actions.Select(a => a.Title).ToList());
            for (int i = 0; i < actions.Count; i++)
            {
                ImmutableArray<CodeActionOperation> operations = await actions[i].GetOperationsAsync(CancellationToken.None);
                Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
                string after = (await changed.GetAdditionalDocument(document.Id)!.GetTextAsync()).ToString();
                Assert.IsTrue(TextEdits.TryApply(match.Location.File.OriginalText, match.Fixes[i].Edits, out string expected));
                Assert.AreEqual(expected, after, match.Fixes[i].Title);
            }
        }
    }
}
