using System;
using System.Collections.Generic;
using System.IO;
using ReplicaGuard.Migrations;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>
    /// The fuzzer's seeds: every corpus migration file (read once, through the engine's reader) plus generated
    /// histories, and a list of single statements to splice across files.
    /// </summary>
    internal sealed class SeedPool
    {
        private readonly List<FuzzFile> _corpus = new List<FuzzFile>();
        private readonly List<string> _statements = new List<string>();

        public SeedPool(IReadOnlyList<string> corpusPaths, string corpusRoot)
        {
            foreach (string path in corpusPaths)
            {
                string name = path.Substring(corpusRoot.Length).TrimStart('/', '\\').Replace('\\', '/');
                string text;
                try
                {
                    text = MigrationFileReader.Read(path).Text;
                }
                catch (MigrationInputException)
                {
                    text = File.ReadAllText(path); // not UTF-8: still a seed, decoded leniently
                }
                _corpus.Add(new FuzzFile(name, text));
            }
            _corpus.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            Largest = _corpus[0];
            foreach (FuzzFile f in _corpus)
            {
                if (f.Text.Length > Largest.Text.Length) Largest = f;
            }

            // Statements to splice: every statement of the small files (the big ones would dominate).
            foreach (FuzzFile f in _corpus)
            {
                if (f.Text.Length > 50_000) continue;
                TokenList tokens = Lexer.Lex(f.Text);
                foreach (StatementRange range in StatementSplitter.Split(tokens))
                {
                    if (range.EndToken <= range.FirstToken) continue;
                    int start = tokens[range.FirstToken].Start, end = tokens[range.EndToken - 1].End;
                    if (end - start <= 2000) _statements.Add(f.Text.Substring(start, end - start));
                }
            }
        }

        public IReadOnlyList<FuzzFile> Corpus => _corpus;

        public FuzzFile Largest { get; }

        public int StatementCount => _statements.Count;

        public string RandomStatement(Random random) => _statements.Count == 0 ? "select 1;" : _statements[random.Next(_statements.Count)];

        /// <summary>A slice of a random corpus file: up to <paramref name="maxChars"/> characters, starting at a line start half the time.</summary>
        public FuzzFile RandomSlice(Random random, int maxChars, string name)
        {
            FuzzFile source = _corpus[random.Next(_corpus.Count)];
            string text = source.Text;
            int length = Math.Min(text.Length, 1 + random.Next(maxChars));
            int start = random.Next(text.Length - length + 1);
            if (random.Next(2) == 0)
            {
                int lineStart = text.LastIndexOf('\n', start == 0 ? 0 : start - 1);
                start = lineStart < 0 ? 0 : lineStart + 1;
                length = Math.Min(length, text.Length - start);
            }
            return new FuzzFile(name + "<" + source.Name + "@" + start + ">", text.Substring(start, length));
        }

        /// <summary>The corpus paths the fuzzer uses: every *.sql and *.sql.postgres file.</summary>
        public static SeedPool LoadCorpus()
        {
            string root = LexerCorpus.FindRoot();
            return new SeedPool(LexerCorpus.SqlFiles(), root);
        }
    }
}
