using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Runs indexed work items on a few workers at once. Each worker has its own <see cref="ServerOracle"/> in a
    /// database of its own: concurrent transactions in one database would block each other on catalog rows
    /// (two uncommitted CREATE TABLE t1 in the same schema wait, or deadlock), which would corrupt results.
    /// </summary>
    public static class ParallelOracle
    {
        public static int Workers => Math.Max(1, Math.Min(4, Environment.ProcessorCount));

        /// <summary>Calls body(oracle, index) for 0..count-1; body returns false to stop the run early.</summary>
        public static void For(PgServer server, int count, Func<ServerOracle, int, bool> body)
        {
            int next = -1;
            int stop = 0;
            var workers = new List<Task>();
            for (int w = 0; w < Workers; w++)
            {
                workers.Add(Task.Factory.StartNew(() =>
                {
                    using var oracle = ServerOracle.InPrivateDatabase(server);
                    while (Volatile.Read(ref stop) == 0)
                    {
                        int i = Interlocked.Increment(ref next);
                        if (i >= count)
                        {
                            return;
                        }
                        if (!body(oracle, i))
                        {
                            Interlocked.Exchange(ref stop, 1);
                        }
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
            Task.WaitAll(workers.ToArray());
        }
    }
}
