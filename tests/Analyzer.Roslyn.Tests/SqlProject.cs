using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Roslyn;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The test harness: an AdhocWorkspace project with one C# file, the .sql files as additional documents
    /// (with [|...|] markup for expected spans), an optional replicaguard.json and a .globalconfig for
    /// build properties and severities; the analyzer runs through compilation.WithAnalyzers.
    /// </summary>
    internal sealed class SqlProject
    {
        public const string Root = "/project/";

        private readonly List<(string Path, string Text)> _files = new List<(string, string)>();
        private readonly List<(string Id, string Path, TextSpan Span)> _expected = new List<(string, string, TextSpan)>();
        private readonly List<string> _globalConfig = new List<string>();
        private string? _config;

        /// <summary>Adds a .sql file; each [|...|] marks the span of one expected diagnostic of <paramref name="expectedId"/>.</summary>
        public SqlProject Sql(string relativePath, string markup, string expectedId = "RG1001")
        {
            string path = Root + relativePath;
            (string text, List<TextSpan> spans) = Markup.Parse(markup);
            _files.Add((path, text));
            foreach (TextSpan span in spans)
            {
                _expected.Add((expectedId, path, span));
            }
            return this;
        }

        public SqlProject Config(string json)
        {
            _config = json;
            return this;
        }

        /// <summary>A line of the .globalconfig, such as <c>build_property.ReplicaGuardProfile = zero</c>.</summary>
        public SqlProject Global(string line)
        {
            _globalConfig.Add(line);
            return this;
        }

        public IReadOnlyList<(string Id, string Path, TextSpan Span)> Expected => _expected;

        public Project Build()
        {
            var workspace = new AdhocWorkspace();
            ProjectId id = ProjectId.CreateNewId();
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(id, VersionStamp.Create(), "P", "P", LanguageNames.CSharp, filePath: Root + "P.csproj")
                    .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                    .WithMetadataReferences(new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }))
                .AddDocument(DocumentId.CreateNewId(id), "C.cs", SourceText.From("internal sealed class C { }"), filePath: Root + "C.cs");
            foreach ((string path, string text) in _files)
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(id), Path.GetFileName(path), SourceText.From(text, Encoding.UTF8), filePath: path);
            }
            if (_config != null)
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(id), "replicaguard.json", SourceText.From(_config), filePath: Root + "replicaguard.json");
            }
            var global = new StringBuilder("is_global = true\n");
            global.Append("build_property.ReplicaGuardProjectDir = ").Append(Root.TrimEnd('/')).Append('\n');
            foreach (string line in _globalConfig)
            {
                global.Append(line).Append('\n');
            }
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(id), ".globalconfig", SourceText.From(global.ToString()), filePath: Root + ".globalconfig");
            return solution.GetProject(id)!;
        }

        /// <param name="analyzer">The analyzer to run; by default a new one with the process-wide caches, as an IDE has.</param>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, List<Exception>? exceptions = null, DiagnosticAnalyzer? analyzer = null)
        {
            Compilation compilation = (await project.GetCompilationAsync())!;
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                (exception, analyzer, diagnostic) =>
                {
                    if (exceptions == null) throw new AssertFailedException("analyzer threw: " + exception);
                    lock (exceptions) exceptions.Add(exception);
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer ?? new ReplicaGuardAnalyzer()), options);
            ImmutableArray<Diagnostic> all = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
            var result = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (Diagnostic diagnostic in all)
            {
                if (diagnostic.Id.StartsWith("RG", StringComparison.Ordinal) || diagnostic.Id == "AD0001")
                {
                    result.Add(diagnostic);
                }
            }
            return result.ToImmutable();
        }

        public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync() => await AnalyzeAsync(Build());

        /// <summary>Asserts the diagnostics are exactly the marked ones (ID, file, span), in any order.</summary>
        public async Task<ImmutableArray<Diagnostic>> VerifyAsync()
        {
            ImmutableArray<Diagnostic> actual = await AnalyzeAsync();
            var actualKeys = new List<string>();
            foreach (Diagnostic d in actual)
            {
                actualKeys.Add($"{d.Id} {d.Location.GetLineSpan().Path} {d.Location.SourceSpan}");
            }
            var expectedKeys = new List<string>();
            foreach ((string id, string path, TextSpan span) in _expected)
            {
                expectedKeys.Add($"{id} {path} {span}");
            }
            actualKeys.Sort(StringComparer.Ordinal);
            expectedKeys.Sort(StringComparer.Ordinal);
            Assert.AreEqual(string.Join("\n", expectedKeys), string.Join("\n", actualKeys));
            return actual;
        }
    }

    /// <summary>[|...|] markup: returns the text without the markers and the marked spans.</summary>
    internal static class Markup
    {
        public static (string Text, List<TextSpan> Spans) Parse(string markup)
        {
            var text = new StringBuilder(markup.Length);
            var spans = new List<TextSpan>();
            var open = new Stack<int>();
            for (int i = 0; i < markup.Length; i++)
            {
                if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0)
                {
                    open.Push(text.Length);
                    i++;
                }
                else if (string.CompareOrdinal(markup, i, "|]", 0, 2) == 0)
                {
                    int start = open.Pop();
                    spans.Add(TextSpan.FromBounds(start, text.Length));
                    i++;
                }
                else
                {
                    text.Append(markup[i]);
                }
            }
            Assert.AreEqual(0, open.Count, "unclosed [| in markup");
            return (text.ToString(), spans);
        }
    }
}
