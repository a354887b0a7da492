using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using EngineDiagnostic = ReplicaGuard.Diagnostics.Diagnostic;

namespace ReplicaGuard.Roslyn.CodeFixes
{
    /// <summary>
    /// Offers each engine fix of a ReplicaGuard result in a .sql additional document, with the engine's title,
    /// best first. The edits are the engine's, applied by the same helper the CLI's `fix` uses.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplicaGuardCodeFixProvider),
        DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) },
        DocumentExtensions = new[] { ".sql" })]
    [Shared]
    public sealed class ReplicaGuardCodeFixProvider : CodeFixProvider
    {
        public const string EquivalencePrefix = "ReplicaGuard:";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = CreateIds();

        public override FixAllProvider GetFixAllProvider() => SqlFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Project project = context.TextDocument.Project;
            IReadOnlyList<EngineDiagnostic> engine = await Task.Run(() => SqlFixes.Analyze(project, context.CancellationToken), context.CancellationToken).ConfigureAwait(false);
            foreach (Microsoft.CodeAnalysis.Diagnostic diagnostic in context.Diagnostics)
            {
                EngineDiagnostic? match = SqlFixes.Match(engine, diagnostic);
                if (match == null)
                {
                    continue;
                }
                foreach (CodeFix fix in match.Fixes)
                {
                    CodeFix chosen = fix;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            chosen.Title,
                            cancellationToken => SqlFixes.ApplyAsync(project.Solution, project, new[] { chosen }, cancellationToken),
                            EquivalencePrefix + chosen.EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static ImmutableArray<string> CreateIds()
        {
            ImmutableArray<string>.Builder ids = ImmutableArray.CreateBuilder<string>();
            foreach (RuleDescriptor rule in RuleCatalog.All)
            {
                ids.Add(rule.Id);
            }
            return ids.ToImmutable();
        }
    }
}
