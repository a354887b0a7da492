using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ReplicaGuard.Profiles;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard
{
    /// <summary>
    /// <see cref="Engine.Analyze(IReadOnlyList{SourceFile}, AnalysisSettings, FixBuilding, CancellationToken)"/> for a
    /// history with a large file (a schema dump) on a machine with more than one core: one thread parses, in order,
    /// while the calling thread replays each statement as soon as it is parsed (<see cref="StatementFeed"/>). The replay and the rules are
    /// the same, on the same statements in the same order, so the results are those of parsing first; only the
    /// wall time changes (GitLab's structure.sql: the replay hides behind the parse).
    /// </summary>
    internal static class ParseBesideReplay
    {
        /// <summary>
        /// The size of the largest file (in chars) from which a second thread pays: the parse of a file that size
        /// takes a few milliseconds, against tens of microseconds to start the thread. Histories of many small
        /// migrations are parsed first, as before: handing over each file's few statements cost them more than the
        /// overlap saved (a generated history of 1,000 files: ~10% slower).
        /// </summary>
        internal const int MinimumFileChars = 128 * 1024;

        public static bool IsWorthIt(IReadOnlyList<SourceFile> files)
        {
            if (Environment.ProcessorCount < 2)
            {
                return false;
            }
            foreach (SourceFile file in files)
            {
                if (file.Text.Length >= MinimumFileChars)
                {
                    return true;
                }
            }
            return false;
        }

        /// <param name="prepare">Whether each file is prepared first (see <see cref="Engine.AnalyzePrepared"/>).</param>
        public static AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisSettings settings, FixBuilding fixes, bool prepare, CancellationToken cancellationToken)
        {
            AnalysisSettings profiled = ConsumerProfile.Apply(settings);
            var feed = new StatementFeed();
            using (var stopParse = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // A thread of its own, not a pool thread: the caller blocks on the feed, and a busy pool (an IDE, a
                // build) must not make it wait for the parse to be scheduled.
                Task parse = Task.Factory.StartNew(() => Produce(files, settings, prepare, feed, stopParse.Token), stopParse.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                try
                {
                    var replay = new HistoryReplay(profiled, rollback: false, deferFixes: fixes == FixBuilding.OnFirstRead);
                    var parsed = new List<ParsedFile>(files.Count);
                    for (ParsedFile? file = feed.NextFile(cancellationToken); file != null; file = feed.NextFile(cancellationToken))
                    {
                        replay.ReplayFile(file, feed, cancellationToken);
                        parsed.Add(file);
                    }
                    // The feed ended: the parse has read every file's suppressions; the finally below waits for its thread.
                    return replay.Finish(parsed);
                }
                finally
                {
                    // On any way out the parse stops before the caller goes on (no work left running behind it).
                    stopParse.Cancel();
                    try
                    {
                        parse.Wait();
                    }
                    catch (AggregateException)
                    {
                        // Its failure, if any, already reached the caller through the feed.
                    }
                }
            }
        }

        private static void Produce(IReadOnlyList<SourceFile> files, AnalysisSettings settings, bool prepare, StatementFeed feed, CancellationToken cancellationToken)
        {
            try
            {
                foreach (SourceFile file in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Parser.Parse(prepare ? Engine.Prepare(file, settings) : file, settings.PostgresVersion, cancellationToken, feed);
                }
                feed.Finish();
            }
            catch (Exception e)
            {
                feed.Fail(e);
            }
        }
    }
}
