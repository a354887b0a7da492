extern alias codefixes;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using CodeFixProviderUnderTest = codefixes::ReplicaGuard.Roslyn.CodeFixes.ReplicaGuardCodeFixProvider;
using SqlFixes = codefixes::ReplicaGuard.Roslyn.CodeFixes.SqlFixes;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;
using EngineDiagnostic = ReplicaGuard.Diagnostics.Diagnostic;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Issue 5's proof: the first code fix offered in the IDE writes the same bytes as `replicaguard fix` (the
    /// built tool, run as a process) on a copy of the same files and replicaguard.json — BOM and CRLF included.
    /// `fix` takes only the first fix per table in one run (docs/cli.md), so the IDE side applies the first
    /// fix of the first result of each table, in the engine's order; every case below has one table to fix.
    /// </summary>
    [TestClass]
    public sealed class CodeFixCliParityTests
    {
        private const string SchemaPublication = "{ \"publications\": [ { \"name\": \"p\", \"tablesInSchema\": [\"public\"] } ] }";
        private const string NoConfig = "";

        [TestMethod]
        [DataRow("seed: keyless alembic_version, schema publication, UPDATE", "0001_init.sql",
            "BEGIN;\n\nCREATE TABLE alembic_version (version_num varchar(32) NOT NULL);\n\nUPDATE alembic_version SET version_num = 'abc';\nCOMMIT;\n",
            SchemaPublication, 2)]
        [DataRow("unique NOT NULL index: promote", "0001_init.sql",
            "CREATE TABLE accounts (\n    handle text NOT NULL,\n    note text\n);\nCREATE UNIQUE INDEX accounts_handle_key ON accounts (handle);\nCREATE PUBLICATION p FOR ALL TABLES;\n",
            NoConfig, 1)]
        [DataRow("REPLICA IDENTITY NOTHING", "0001_init.sql",
            "CREATE TABLE events (id bigint PRIMARY KEY, body text);\nALTER TABLE events REPLICA IDENTITY NOTHING;\nCREATE PUBLICATION p FOR TABLE events;\n",
            NoConfig, 1)]
        [DataRow("CRLF with a UTF-8 BOM", "0001_init.sql",
            "\uFEFFCREATE TABLE items (\r\n    name text,\r\n    price int\r\n);\r\n",
            SchemaPublication, 1)]
        public async Task TheFirstCodeFixWritesTheSameBytesAsTheCliFix(string name, string file, string text, string config, int expectedResults)
        {
            byte[] original = Encoding.UTF8.GetBytes(text); // a leading U+FEFF becomes the UTF-8 BOM bytes
            string ideFolder = NewFolder(original, file, config);
            string cliFolder = NewFolder(original, file, config);
            try
            {
                byte[] ide = await ApplyFirstCodeFixesAsync(ideFolder, file, config.Length > 0, expectedResults);
                ToolProcess.Result tool = ToolProcess.Run(cliFolder, "fix", ".");
                Assert.AreEqual(0, tool.ExitCode, name + ": replicaguard fix failed: " + tool.Err + tool.Out);
                byte[] cli = File.ReadAllBytes(Path.Combine(cliFolder, file));

                CollectionAssert.AreNotEqual(original, cli, name + ": the CLI changed nothing; the case does not test a fix");
                Assert.AreEqual(Show(cli), Show(ide), name + ": texts differ");
                CollectionAssert.AreEqual(cli, ide, name + ": bytes differ");
            }
            finally
            {
                Directory.Delete(ideFolder, recursive: true);
                Directory.Delete(cliFolder, recursive: true);
            }
        }

        /// <summary>
        /// Loads the folder as an IDE would (the text decoded from the file's bytes, BOM detected), analyses it,
        /// applies the first offered code action of the first result of each table, and returns the new bytes
        /// of <paramref name="file"/> encoded as the document's encoding says (preamble included).
        /// </summary>
        private static async Task<byte[]> ApplyFirstCodeFixesAsync(string folder, string file, bool hasConfig, int expectedResults)
        {
            Project project = LoadProject(folder, file, hasConfig);
            ImmutableArray<Diagnostic> diagnostics = await SqlProject.AnalyzeAsync(project);
            Assert.AreEqual(expectedResults, diagnostics.Length, "results: " + string.Join("\n", diagnostics));

            IReadOnlyList<EngineDiagnostic> engine = SqlFixes.Analyze(project, CancellationToken.None);
            var tables = new HashSet<string>(StringComparer.Ordinal);
            Diagnostic? chosen = null;
            foreach (EngineDiagnostic result in engine)
            {
                if (result.Fixes.Count == 0 || !tables.Add(result.ObjectName ?? ""))
                {
                    continue;
                }
                Assert.IsNull(chosen, "each case has one table to fix: " + result.ObjectName);
                chosen = diagnostics.Single(d => SqlFixes.Match(engine, d) == result);
            }
            Assert.IsNotNull(chosen, "no fixable result");

            TextDocument document = project.AdditionalDocuments.Single(d => d.FilePath == chosen!.Location.GetLineSpan().Path);
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, chosen!, (action, _) => actions.Add(action), CancellationToken.None);
            await new CodeFixProviderUnderTest().RegisterCodeFixesAsync(context);
            Assert.IsTrue(actions.Count > 0, "no code action offered for " + chosen);

            ImmutableArray<CodeActionOperation> operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            SourceText after = await changed.GetAdditionalDocument(document.Id)!.GetTextAsync();
            Encoding encoding = after.Encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            return encoding.GetPreamble().Concat(encoding.GetBytes(after.ToString())).ToArray();
        }

        private static Project LoadProject(string folder, string file, bool hasConfig)
        {
            var workspace = new AdhocWorkspace();
            ProjectId id = ProjectId.CreateNewId();
            string root = folder.Replace('\\', '/');
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(id, VersionStamp.Create(), "P", "P", LanguageNames.CSharp, filePath: root + "/P.csproj")
                    .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                    .WithMetadataReferences(new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }))
                .AddDocument(DocumentId.CreateNewId(id), "C.cs", SourceText.From("internal sealed class C { }"), filePath: root + "/C.cs");
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(id), file, Load(Path.Combine(folder, file)), filePath: root + "/" + file);
            if (hasConfig)
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(id), "replicaguard.json", Load(Path.Combine(folder, "replicaguard.json")), filePath: root + "/replicaguard.json");
            }
            string global = "is_global = true\nbuild_property.ReplicaGuardProjectDir = " + root + "\n";
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(id), ".globalconfig", SourceText.From(global), filePath: root + "/.globalconfig");
            return solution.GetProject(id)!;
        }

        /// <summary>As an IDE opens a file: the encoding comes from the bytes, and the BOM is not part of the text.</summary>
        private static SourceText Load(string path)
        {
            using FileStream stream = File.OpenRead(path);
            return SourceText.From(stream);
        }

        private static string NewFolder(byte[] sql, string file, string config)
        {
            string folder = Path.Combine(Path.GetTempPath(), "rg-parity-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, file), sql);
            if (config.Length > 0)
            {
                File.WriteAllText(Path.Combine(folder, "replicaguard.json"), config);
            }
            return folder;
        }

        /// <summary>Readable in a failure message: line endings and the BOM made visible.</summary>
        private static string Show(byte[] bytes)
        {
            return Encoding.UTF8.GetString(bytes).Replace("\uFEFF", "<BOM>").Replace("\r", "\\r").Replace("\n", "\\n\n");
        }
    }
}
