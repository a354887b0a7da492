using System.Collections.Generic;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Fixing
{
    /// <summary>
    /// What `fix` will change: the recommended fix (Fixes[0]) of each result, applied per file with
    /// <see cref="TextEditApplier"/> in the files' original coordinates. A fix is all or nothing: when one of its
    /// edits overlaps another fix's, the whole later fix is left out (and counted as skipped), then the files are
    /// re-applied without it. Only the first fix per table is taken in one run. Inserted line breaks take the
    /// file's dominant line ending.
    /// </summary>
    public sealed class FixPlan
    {
        private FixPlan(List<FileChange> changes, int appliedFixes, int skippedFixes)
        {
            Changes = changes;
            AppliedFixes = appliedFixes;
            SkippedFixes = skippedFixes;
        }

        /// <summary>Files whose text changes, in the order their first fix appeared.</summary>
        public List<FileChange> Changes { get; }

        public int AppliedFixes { get; }

        /// <summary>Fixes left for another run: they overlap an earlier fix, or concern a table another fix already changes.</summary>
        public int SkippedFixes { get; }

        public static FixPlan Create(IEnumerable<Diagnostic> diagnostics, IReadOnlyDictionary<SourceFile, LoadedFile> files)
        {
            // One fix per table per run: two results on one table (RG1001 at its creation, RG1002 at a later
            // UPDATE) each offer a key, and applying both would add two primary keys. The first result's fix in
            // RepairOrder (a failing statement's first) usually resolves the others; the next run fixes the rest.
            var fixes = new List<CodeFix>();
            var fixedObjects = new HashSet<string>(System.StringComparer.Ordinal);
            int deferred = 0;
            foreach (Diagnostic diagnostic in RepairOrder.ForRepair(diagnostics))
            {
                if (diagnostic.Fixes.Count == 0 || diagnostic.Fixes[0].Edits.Count == 0)
                {
                    continue;
                }
                if (diagnostic.ObjectName != null && !fixedObjects.Add(diagnostic.ObjectName))
                {
                    deferred++;
                    continue;
                }
                fixes.Add(diagnostic.Fixes[0]);
            }

            var excluded = new HashSet<CodeFix>();
            while (true)
            {
                List<FileChange> changes = Apply(fixes, excluded, files, out List<CodeFix> conflicting);
                if (conflicting.Count == 0)
                {
                    int applied = 0;
                    foreach (CodeFix fix in fixes)
                    {
                        if (!excluded.Contains(fix)) applied++;
                    }
                    return new FixPlan(changes, applied, excluded.Count + deferred);
                }
                // Each round removes at least one fix, so this ends.
                foreach (CodeFix fix in conflicting)
                {
                    excluded.Add(fix);
                }
            }
        }

        private static List<FileChange> Apply(List<CodeFix> fixes, HashSet<CodeFix> excluded, IReadOnlyDictionary<SourceFile, LoadedFile> files, out List<CodeFix> conflicting)
        {
            var editsByFile = new Dictionary<SourceFile, List<TextEdit>>();
            var fileOrder = new List<SourceFile>();
            var owner = new Dictionary<TextEdit, CodeFix>();
            foreach (CodeFix fix in fixes)
            {
                if (excluded.Contains(fix)) continue;
                foreach (TextEdit edit in fix.Edits)
                {
                    if (!editsByFile.TryGetValue(edit.File, out List<TextEdit>? list))
                    {
                        list = new List<TextEdit>();
                        editsByFile[edit.File] = list;
                        fileOrder.Add(edit.File);
                    }
                    string lineEnding = files.TryGetValue(edit.File, out LoadedFile? loaded) ? loaded.Text.LineEnding : "\n";
                    var normalized = new TextEdit(edit.File, edit.Span, WithLineEnding(edit.NewText ?? "", lineEnding));
                    owner[normalized] = fix;
                    list.Add(normalized);
                }
            }

            conflicting = new List<CodeFix>();
            var changes = new List<FileChange>();
            foreach (SourceFile file in fileOrder)
            {
                TextEditResult result = TextEditApplier.Apply(file.OriginalText, editsByFile[file]);
                foreach (TextEdit conflict in result.Conflicts)
                {
                    CodeFix fix = owner[conflict];
                    if (!conflicting.Contains(fix)) conflicting.Add(fix);
                }
                if (!files.TryGetValue(file, out LoadedFile? loadedFile))
                {
                    continue; // an edit into a file the CLI did not load cannot be written
                }
                if (result.Text != file.OriginalText)
                {
                    changes.Add(new FileChange(file, loadedFile, result.Text, result.Applied));
                }
            }
            return changes;
        }

        /// <summary>Every line break in <paramref name="text"/> becomes <paramref name="lineEnding"/>.</summary>
        public static string WithLineEnding(string text, string lineEnding)
        {
            if (text.IndexOf('\r') < 0 && text.IndexOf('\n') < 0) return text;
            string lf = text.Replace("\r\n", "\n").Replace('\r', '\n');
            return lineEnding == "\n" ? lf : lf.Replace("\n", lineEnding);
        }
    }

    /// <summary>One file's new text.</summary>
    public sealed class FileChange
    {
        public FileChange(SourceFile file, LoadedFile loaded, string newText, IReadOnlyList<TextEdit> edits)
        {
            File = file;
            Loaded = loaded;
            NewText = newText;
            Edits = edits;
        }

        /// <summary>The edits applied, in text order, line breaks already in the file's style.</summary>
        public IReadOnlyList<TextEdit> Edits { get; }

        public SourceFile File { get; }
        public LoadedFile Loaded { get; }
        public string NewText { get; }
    }
}
