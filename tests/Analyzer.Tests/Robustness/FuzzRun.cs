using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>
    /// Runs cases [0, count) of a seed on worker threads. Each case is analysed twice: both runs must succeed and
    /// render the same; the faster must fit <see cref="FuzzHarness.BoundMs"/>. A watchdog reports a case that runs
    /// far past its bound as a hang (the workers are background threads, so a hung one cannot keep the run alive).
    /// </summary>
    internal sealed class FuzzRun
    {
        private const int MaxFailures = 5;

        private readonly FuzzCaseFactory _factory;
        private readonly int _count;
        private readonly List<string> _failures = new List<string>();
        private readonly object _lock = new object();
        private int _next = -1;
        private long _totalChars;
        private double _worstRatio;
        private string _worstCase = "";

        /// <summary>Runs cases [first, end).</summary>
        public FuzzRun(FuzzCaseFactory factory, int end, int first)
        {
            _factory = factory;
            _count = end;
            _next = first - 1;
        }

        public IReadOnlyList<string> Failures => _failures;
        public long TotalChars => _totalChars;
        public double WorstRatio => _worstRatio;
        public string WorstCase => _worstCase;
        public int Completed { get; private set; }

        public void Execute(int workers, TimeSpan hangLimit)
        {
            var runningIndex = new int[workers];
            var runningSince = new long[workers];
            var threads = new Thread[workers];
            for (int w = 0; w < workers; w++)
            {
                int slot = w;
                runningIndex[slot] = -1;
                threads[w] = new Thread(() => Work(slot, runningIndex, runningSince), 16 * 1024 * 1024) { IsBackground = true, Name = "fuzz-" + w };
                threads[w].Start();
            }

            foreach (Thread thread in threads)
            {
                while (!thread.Join(250))
                {
                    for (int w = 0; w < workers; w++)
                    {
                        int index = Volatile.Read(ref runningIndex[w]);
                        long since = Volatile.Read(ref runningSince[w]);
                        if (index < 0) continue;
                        double seconds = (Stopwatch.GetTimestamp() - since) / (double)Stopwatch.Frequency;
                        if (seconds > hangLimit.TotalSeconds && Volatile.Read(ref runningIndex[w]) == index)
                        {
                            Fail(index, $"hang: still running after {seconds:F0} s", null);
                            Interlocked.Exchange(ref _next, _count); // stop handing out cases
                            return; // the hung worker is a background thread and cannot keep the test alive
                        }
                    }
                }
            }
        }

        private void Work(int slot, int[] runningIndex, long[] runningSince)
        {
            while (true)
            {
                int index = Interlocked.Increment(ref _next);
                if (index >= _count) break;
                lock (_lock)
                {
                    if (_failures.Count >= MaxFailures) break;
                }
                Volatile.Write(ref runningIndex[slot], -1);
                Volatile.Write(ref runningSince[slot], Stopwatch.GetTimestamp());
                Volatile.Write(ref runningIndex[slot], index);
                Trace(index);
                RunOne(index);
                Volatile.Write(ref runningIndex[slot], -1);
            }
        }

        /// <summary>
        /// With REPLICAGUARD_FUZZ_TRACE=path, appends each case number as it starts: a stack overflow kills the
        /// process before any report, and the last numbers in the file name the culprit.
        /// </summary>
        public string? TracePath { get; set; }

        private void Trace(int index)
        {
            if (TracePath == null) return;
            lock (_lock)
            {
                System.IO.File.AppendAllText(TracePath, index + "\n");
            }
        }

        private void RunOne(int index)
        {
            FuzzCase fuzzCase;
            try
            {
                fuzzCase = _factory.Create(index);
            }
            catch (Exception e)
            {
                Fail(index, "building the case threw (lexer or splitter)", e);
                return;
            }

            string first, second;
            double firstMs, secondMs;
            try
            {
                first = FuzzHarness.Analyze(fuzzCase, out firstMs);
                second = FuzzHarness.Analyze(fuzzCase, out secondMs);
            }
            catch (Exception e)
            {
                Fail(index, "the engine threw", e);
                return;
            }

            int chars = fuzzCase.TotalChars;
            double ms = Math.Min(firstMs, secondMs);
            // A GC pause or the other worker can stall both runs; a real super-linear cost survives retries.
            for (int retry = 0; retry < 3 && ms > FuzzHarness.BoundMs(chars); retry++)
            {
                Thread.Sleep(100 * (retry + 1));
                try
                {
                    FuzzHarness.Analyze(fuzzCase, out double retryMs);
                    ms = Math.Min(ms, retryMs);
                }
                catch (Exception e)
                {
                    Fail(index, "the engine threw on a rerun", e);
                    return;
                }
            }
            double ratio = ms / FuzzHarness.BoundMs(chars);
            lock (_lock)
            {
                Completed++;
                _totalChars += chars;
                if (ratio > _worstRatio)
                {
                    _worstRatio = ratio;
                    _worstCase = $"case {index}: {chars} chars in {ms:F1} ms (bound {FuzzHarness.BoundMs(chars):F1} ms)";
                }
            }
            if (first != second)
            {
                Fail(index, "nondeterministic: two runs rendered differently\n--- first\n" + Clip(first) + "\n--- second\n" + Clip(second), null);
            }
            else if (ratio > 1)
            {
                Fail(index, $"too slow: {chars} chars took {ms:F1} ms, bound {FuzzHarness.BoundMs(chars):F1} ms", null);
            }
        }

        private void Fail(int index, string what, Exception? e)
        {
            string description;
            try
            {
                description = _factory.Create(index).Describe();
            }
            catch (Exception inner)
            {
                description = "(the case cannot be rebuilt: " + inner.Message + ")";
            }
            string text = $"case {index}: {what}\n{(e == null ? "" : e + "\n")}{description}";
            lock (_lock)
            {
                _failures.Add(text);
            }
        }

        private static string Clip(string s) => s.Length <= 3000 ? s : s.Substring(0, 3000) + "...";
    }
}
