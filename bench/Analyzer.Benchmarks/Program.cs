using System;
using BenchmarkDotNet.Running;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// `dotnet run -c Release -- --filter '*'` runs BenchmarkDotNet (any first argument starting with '-' goes to it);
    /// `-- VIEW [ARGS]` runs one of the quick Stopwatch views instead (`-- help` lists them; see <see cref="QuickViews"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && !args[0].StartsWith("-", StringComparison.Ordinal))
            {
                return QuickViews.Run(args);
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
