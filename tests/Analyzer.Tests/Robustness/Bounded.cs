using System;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests.Robustness
{
    /// <summary>
    /// Runs engine work on its own thread with a chosen stack size and a time limit, so a hang fails the test
    /// instead of stalling the run, and a small stack proves the code does not recurse per nesting level.
    /// </summary>
    internal static class Bounded
    {
        public static T Run<T>(Func<T> work, TimeSpan limit, int stackBytes = 1024 * 1024)
        {
            T result = default!;
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = e;
                }
            }, stackBytes) { IsBackground = true };
            thread.Start();
            if (!thread.Join(limit))
            {
                Assert.Fail($"still running after {limit.TotalSeconds:F0} s: a hang or a super-linear cost");
            }
            if (error != null)
            {
                Assert.Fail("the engine threw: " + error);
            }
            return result;
        }
    }
}
