using BenchmarkDotNet.Attributes;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// GitLab's structure.sql lexed as Parser.Parse lexes it (into kept buffers): on one thread, and with its second
    /// half on a pool thread (Lexer.LexInHalves), side by side in one run, so the machine's drift affects both alike.
    /// </summary>
    [MemoryDiagnoser]
    public class LexInHalvesBenchmarks
    {
        private string _text = null!;
        private int _split;
        private readonly LexBuffers _oneThreadBuffers = new LexBuffers();
        private readonly LexBuffers _halvesBuffers = new LexBuffers();

        [GlobalSetup]
        public void Setup()
        {
            SourceFile file = Corpus.GitLabFile();
            _text = file.Text;
            _split = Lexer.SecondHalfStart(_text);
        }

        /// <summary>The second half never starts, so the first lexes the whole text: the lexer before the split.</summary>
        [Benchmark(Baseline = true)]
        public TokenList OneThread() => Lexer.LexInHalves(_text, _split, _oneThreadBuffers, out _, out _, Lexer.SecondHalfSchedule.NotStarted);

        [Benchmark]
        public TokenList InHalves() => Lexer.LexInHalves(_text, _split, _halvesBuffers, out _, out _);
    }
}
