using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>Each phase of the engine on GitLab's db/structure.sql (2.7 MB, the largest real input).</summary>
    [MemoryDiagnoser]
    public class GitLabBenchmarks
    {
        private SourceFile _file = null!;
        private TokenList _tokens = null!;
        private ParsedFile _parsed = null!;
        private AnalysisSettings _settings = null!;

        /// <summary>With a declared FOR ALL TABLES publication every table is published, so the rules check all 1,401.</summary>
        [Params(false, true)]
        public bool AllTablesPublished { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _file = Corpus.GitLabFile();
            _settings = Settings.Create(AllTablesPublished);
            _tokens = Lexer.Lex(_file.Text);
            _parsed = Parser.Parse(_file, _settings.PostgresVersion);
        }

        [Benchmark]
        public TokenList Lex() => Lexer.Lex(_file.Text);

        [Benchmark]
        public int Split() => StatementSplitter.Split(_tokens).Count;

        /// <summary>Lex + split + parse.</summary>
        [Benchmark]
        public ParsedFile Parse() => Parser.Parse(_file, _settings.PostgresVersion);

        /// <summary>Replay + all rules on the parsed file, fixes built when first read (as `check` runs it).</summary>
        [Benchmark]
        public AnalysisResult ReplayAndRules() => Engine.Analyze(new[] { _parsed }, _settings);

        /// <summary>The same, fixes built during the analysis (as `fix`, JSON and SARIF reports run it).</summary>
        [Benchmark]
        public AnalysisResult ReplayAndRulesWithFixes() => Engine.Analyze(new[] { _parsed }, _settings, FixBuilding.DuringAnalysis);

        /// <summary>Everything the engine does: prepare, lex, parse, replay, rules.</summary>
        [Benchmark(Baseline = true)]
        public AnalysisResult Engine_() => Engine.Analyze(new[] { _file }, _settings);
    }

    /// <summary>Generated histories of 1x, 10x and 100x the size: time per unit must stay flat (no quadratic step).</summary>
    [MemoryDiagnoser]
    public class GrowthBenchmarks
    {
        private List<SourceFile> _files = null!;
        private readonly AnalysisSettings _settings = Settings.Create(false);

        [Params(1, 10, 100)]
        public int Units { get; set; }

        [GlobalSetup]
        public void Setup() => _files = HistoryGenerator.Generate(Units);

        [Benchmark]
        public AnalysisResult Engine_() => Engine.Analyze(_files, _settings);

        /// <summary>With every result's fixes built during the analysis (`fix`, JSON, SARIF): their cost must grow linearly too.</summary>
        [Benchmark]
        public AnalysisResult EngineWithFixes() => Engine.Analyze(_files, _settings, FixBuilding.DuringAnalysis);
    }

    /// <summary>
    /// The IDE path: 1,000 files, 999 parses cached, the edited file re-prepared and re-parsed, then either the
    /// whole history replayed with all rules (Full, Engine.Analyze) or only from the edited file on
    /// (Incremental, IncrementalAnalysis kept across edits, as the analyzer keeps it). The last file is the
    /// common case (the newest migration); a middle file replays half the history, the first and second all of it.
    /// </summary>
    [MemoryDiagnoser]
    public class IncrementalBenchmarks
    {
        private const int Files = 1000;
        private ParsedFile[] _parsed = null!;
        private SourceFile[] _edits = null!;
        private IncrementalAnalysis _incremental = null!;
        private int _edited;
        private int _next;
        private readonly AnalysisSettings _settings = Settings.Create(false);

        // The first and second files replay the whole history again: the worst case of issue 7's IDE target.
        [Params("last", "middle", "second", "first")]
        public string EditedFile { get; set; } = "last";

        [GlobalSetup]
        public void Setup()
        {
            List<SourceFile> files = HistoryGenerator.Generate(Files / HistoryGenerator.FilesPerUnit);
            _parsed = new ParsedFile[files.Count];
            for (int i = 0; i < files.Count; i++)
            {
                _parsed[i] = Parser.Parse(files[i]);
            }
            _edited = EditedFiles.Index(EditedFile, Files);
            // A few versions of the edited file, as if the user were typing a comment.
            _edits = new SourceFile[8];
            for (int v = 0; v < _edits.Length; v++)
            {
                _edits[v] = new SourceFile(HistoryGenerator.Name(_edited), HistoryGenerator.File(_edited, " edit " + v));
            }
            _incremental = new IncrementalAnalysis(_settings);
            _incremental.Analyze(_parsed);
        }

        private void ParseNextEdit()
        {
            SourceFile edited = _edits[_next++ & 7];
            _parsed[_edited] = Parser.Parse(Engine.Prepare(edited, _settings), _settings.PostgresVersion);
        }

        [Benchmark(Baseline = true)]
        public AnalysisResult Full()
        {
            ParseNextEdit();
            return Engine.Analyze(_parsed, _settings);
        }

        [Benchmark]
        public AnalysisResult Incremental()
        {
            ParseNextEdit();
            return _incremental.Analyze(_parsed);
        }
    }

    /// <summary>Which file of a history an IDE benchmark edits, by the name its parameter gives it.</summary>
    internal static class EditedFiles
    {
        /// <summary>Every position, in the order the quick views print them (the Params attributes list the same).</summary>
        public static readonly string[] Positions = { "last", "middle", "second", "first" };

        public static int Index(string position, int files) => position switch
        {
            "last" => files - 1,
            "middle" => files / 2,
            "second" => 1,
            _ => 0,
        };
    }

    internal static class Settings
    {
        public static AnalysisSettings Create(bool allTablesPublished)
        {
            var settings = new AnalysisSettings();
            if (allTablesPublished)
            {
                settings.Publications.Add(new PublicationDeclaration("declared_all") { AllTables = true });
            }
            return settings;
        }
    }
}
