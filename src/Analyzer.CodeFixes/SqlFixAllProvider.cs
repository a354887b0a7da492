using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ReplicaGuard.Diagnostics;
using EngineDiagnostic = ReplicaGuard.Diagnostics.Diagnostic;

namespace ReplicaGuard.Roslyn.CodeFixes
{
    /// <summary>
    /// Fix all across .sql documents (Roslyn's batch fixer handles only C# documents): every result of the chosen
    /// rules in scope whose fixes include the chosen kind (equivalence key) gets that fix, all applied together.
    /// </summary>
    internal sealed class SqlFixAllProvider : FixAllProvider
    {
        public static readonly SqlFixAllProvider Instance = new SqlFixAllProvider();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
        {
            return new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };
        }

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            string? key = fixAllContext.CodeActionEquivalenceKey;
            if (key == null || !key.StartsWith(ReplicaGuardCodeFixProvider.EquivalencePrefix, StringComparison.Ordinal))
            {
                return Task.FromResult<CodeAction?>(null);
            }
            string engineKey = key.Substring(ReplicaGuardCodeFixProvider.EquivalencePrefix.Length);
            ImmutableHashSet<string> ids = fixAllContext.DiagnosticIds;
            FixAllScope scope = fixAllContext.Scope;
            string? documentPath = scope == FixAllScope.Document ? fixAllContext.Document?.FilePath : null;
            Project trigger = fixAllContext.Project;
            CodeAction action = CodeAction.Create(
                "Fix all ReplicaGuard results of this kind",
                cancellationToken => FixAllAsync(trigger, scope, documentPath, ids, engineKey, cancellationToken),
                key);
            return Task.FromResult<CodeAction?>(action);
        }

        internal static async Task<Solution> FixAllAsync(Project trigger, FixAllScope scope, string? documentPath, ImmutableHashSet<string> ids, string engineKey, CancellationToken cancellationToken)
        {
            Solution solution = trigger.Solution;
            IEnumerable<Project> projects = scope == FixAllScope.Solution ? trigger.Solution.Projects : new[] { trigger };
            foreach (Project original in projects)
            {
                Project project = solution.GetProject(original.Id) ?? original;
                IReadOnlyList<EngineDiagnostic> diagnostics = await Task.Run(() => SqlFixes.Analyze(project, cancellationToken), cancellationToken).ConfigureAwait(false);
                var fixes = new List<CodeFix>();
                foreach (EngineDiagnostic diagnostic in diagnostics)
                {
                    if (!ids.Contains(diagnostic.Id)
                        || (documentPath != null && !string.Equals(diagnostic.Location.File.Path, documentPath, StringComparison.Ordinal)))
                    {
                        continue;
                    }
                    foreach (CodeFix fix in diagnostic.Fixes)
                    {
                        if (fix.EquivalenceKey == engineKey)
                        {
                            fixes.Add(fix);
                            break;
                        }
                    }
                }
                solution = await SqlFixes.ApplyAsync(solution, project, fixes, cancellationToken).ConfigureAwait(false);
            }
            return solution;
        }
    }
}
