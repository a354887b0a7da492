using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Finds ../shared/corpus (beside the repository root) and builds the fixed corpus histories from it.
    /// File order here is a plain sorted list per corpus/README.md and each PROVENANCE.txt; the general
    /// ordering conventions (Flyway, drizzle journals, ...) are another engineer's work in src/Analyzer/Migrations.
    /// </summary>
    public static class Corpus
    {
        public const string AutoIncrementPlaceholder = "$%AUTO_INCREMENT_PRIMARY_KEY%$";
        public const string AutoIncrementValue = "BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY";

        private static string? _root;

        /// <summary>The corpus folder, or a failed assertion saying it was not found (never a silent skip).</summary>
        public static string Root()
        {
            if (_root != null)
            {
                return _root;
            }
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate))
                {
                    return _root = candidate;
                }
            }
            Assert.Fail("corpus not found: no folder shared/corpus in any parent of " + AppContext.BaseDirectory
                + " (expected ../shared/corpus beside the repository root)");
            return "";
        }

        /// <summary>A corpus path that must exist; missing fails the test plainly.</summary>
        public static string PathOf(string relative)
        {
            string path = Path.Combine(Root(), relative.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Assert.Fail("corpus file or folder not found: " + path);
            }
            return path;
        }

        /// <summary>*.sql files of a folder in ordinal name order (timestamps / zero-padded numbers sort correctly).</summary>
        public static List<string> SortedSql(string relativeFolder, string pattern = "*.sql")
        {
            var files = Directory.GetFiles(PathOf(relativeFolder), pattern).OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                Assert.Fail("no " + pattern + " files in corpus folder " + relativeFolder);
            }
            return files;
        }

        /// <summary>Flyway-style V&lt;n&gt;__name.sql in numeric order of n.</summary>
        public static List<string> FlywayOrder(string relativeFolder) =>
            SortedSql(relativeFolder, "V*__*.sql")
                .OrderBy(f => int.Parse(Regex.Match(Path.GetFileName(f), @"^V(\d+)__").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();

        /// <summary>A drizzle _journal.json: its entries' "tag" values in order, each naming tag.sql beside it.</summary>
        public static List<string> DrizzleJournalOrder(string relativeJournal)
        {
            string journal = PathOf(relativeJournal);
            string folder = Path.GetDirectoryName(journal)!;
            var tags = Regex.Matches(File.ReadAllText(journal), "\"tag\"\\s*:\\s*\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            if (tags.Count == 0)
            {
                Assert.Fail("no entries in drizzle journal " + journal);
            }
            return tags.Select(t => PathOf(Path.GetRelativePath(Root(), Path.Combine(folder, t + ".sql")))).ToList();
        }

        /// <summary>The corpus's stand-in for the Supabase platform (roles, auth/storage schemas, supabase_realtime): applied first.</summary>
        public const string SupabaseShim = "_pg15_check/supabase_shim.sql";

        /// <summary>Only &lt;timestamp&gt;_name.sql files, as the Supabase CLI applies them (midday keeps a seed.sql there).</summary>
        public static List<string> SupabaseMigrations(string relativeFolder) =>
            SortedSql(relativeFolder).Where(m => Regex.IsMatch(Path.GetFileName(m), @"^\d+_")).ToList();

        /// <summary>A Supabase app's history: the shim, then its migrations.</summary>
        public static List<string> WithSupabaseShim(IEnumerable<string> migrations) => new[] { PathOf(SupabaseShim) }.Concat(migrations).ToList();

        /// <summary>The PowerSync app (its README): the first migration, then run_after_first_migration.sql, then the rest.</summary>
        public static List<string> PowerSyncOrder()
        {
            const string folder = "powersync-for-all-tables/capacitor-powersync-supabase/supabase";
            List<string> migrations = SupabaseMigrations(folder + "/migrations");
            var order = new List<string> { migrations[0], PathOf(folder + "/run_after_first_migration.sql") };
            order.AddRange(migrations.Skip(1));
            return order;
        }

        /// <summary>Synapse's APPLY_ORDER.txt, relative to corpus/synapse.</summary>
        public static List<string> SynapseOrder() =>
            File.ReadAllLines(PathOf("synapse/APPLY_ORDER.txt"))
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
                .Select(l => PathOf("synapse/" + l))
                .ToList();

        /// <summary>
        /// Builds a history: the engine gets each file's text as is (placeholders are the engine's job, through
        /// its settings); the server gets the statements of the placeholder-substituted text, split by the
        /// engine's own lexer and statement splitter.
        /// </summary>
        public static History Load(IEnumerable<string> paths, IReadOnlyDictionary<string, string>? placeholders = null)
        {
            string root = Root();
            var files = new List<HistoryFile>();
            foreach (string path in paths)
            {
                string text = File.ReadAllText(path);
                string executed = text;
                if (placeholders != null)
                {
                    foreach (KeyValuePair<string, string> p in placeholders)
                    {
                        executed = executed.Replace(p.Key, p.Value, StringComparison.Ordinal);
                    }
                }
                string display = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                files.Add(new HistoryFile(display, text, Split(executed)));
            }
            return new History(files);
        }

        /// <summary>Statement texts (token texts of each range); ranges that are only trivia are dropped.</summary>
        public static List<string> Split(string text)
        {
            TokenList tokens = Lexer.Lex(text);
            var statements = new List<string>();
            foreach (StatementRange range in StatementSplitter.Split(tokens))
            {
                int first = range.FirstToken;
                int end = Math.Min(range.EndToken, tokens.Count);
                bool hasContent = false;
                for (int i = first; i < end; i++)
                {
                    SyntaxKind kind = tokens[i].Kind;
                    if (!tokens[i].IsTrivia && kind != SyntaxKind.EndOfFile && kind != SyntaxKind.Semicolon)
                    {
                        hasContent = true;
                        break;
                    }
                }
                if (!hasContent || end <= first)
                {
                    continue;
                }
                int start = tokens[first].Start;
                statements.Add(text.Substring(start, tokens[end - 1].End - start));
            }
            return statements;
        }
    }
}
