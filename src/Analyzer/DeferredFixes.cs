using System;
using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Syntax;

namespace ReplicaGuard
{
    /// <summary>
    /// The fixes of a result whose replay kept no fix history (an incremental analysis, or a one-shot analysis with
    /// <see cref="FixBuilding.OnFirstRead"/>), built only when a front end reads one. The IDE's analyzer, `check` and
    /// the MSBuild task show results and never read their fixes, yet keeping the history that fixes need was most of
    /// an IDE edit's replay and ~1 MB of a GitLab replay. They cannot be built later from an incremental analysis's
    /// replay, which the next edit rolls back; so they come from a one-shot analysis of the same files that builds
    /// fixes, whose results are the same, one for one (the contract IncrementalAnalysisTests and LazyFixesTests
    /// check). That analysis runs once per result, on the first read of any of its deferred fixes.
    /// </summary>
    internal sealed class DeferredFixes : FixSource
    {
        private readonly ParsedFile[] _files;
        private readonly AnalysisSettings _settings;
        private readonly object _gate = new object();
        private IReadOnlyList<Diagnostic>? _results;
        private IReadOnlyList<Diagnostic>? _full;
        private Dictionary<Diagnostic, int>? _place;

        /// <param name="files">The analysed files (copied: the caller may change its list).</param>
        /// <param name="settings">Settings with the consumer profile applied.</param>
        public DeferredFixes(IReadOnlyList<ParsedFile> files, AnalysisSettings settings)
        {
            _files = new ParsedFile[files.Count];
            for (int i = 0; i < _files.Length; i++)
            {
                _files[i] = files[i];
            }
            _settings = settings;
        }

        /// <summary>The result's diagnostics in their final order (after suppressions and sorting).</summary>
        public void Complete(IReadOnlyList<Diagnostic> results) => Volatile.Write(ref _results, results);

        /// <summary>The fixes the one-shot analysis gives the same result.</summary>
        public override IReadOnlyList<CodeFix> FixesOf(Diagnostic diagnostic)
        {
            lock (_gate)
            {
                if (_full == null)
                {
                    _full = Analyze();
                    _place = Places(Volatile.Read(ref _results));
                }
                if (_place!.TryGetValue(diagnostic, out int i) && i < _full.Count && Same(_full[i], diagnostic))
                {
                    return _full[i].Fixes;
                }
                foreach (Diagnostic other in _full)
                {
                    if (Same(other, diagnostic))
                    {
                        return other.Fixes;
                    }
                }
                return new CodeFix[0];
            }
        }

        private IReadOnlyList<Diagnostic> Analyze()
        {
            var replay = new HistoryReplay(_settings, rollback: false, deferFixes: false);
            foreach (ParsedFile file in _files)
            {
                replay.ReplayFile(file, CancellationToken.None);
            }
            return replay.Finish(_files).Diagnostics;
        }

        private static Dictionary<Diagnostic, int> Places(IReadOnlyList<Diagnostic>? results)
        {
            var place = new Dictionary<Diagnostic, int>(results?.Count ?? 0);
            for (int i = 0; i < (results?.Count ?? 0); i++)
            {
                place[results![i]] = i;
            }
            return place;
        }

        private static bool Same(Diagnostic a, Diagnostic b)
        {
            return a.Id == b.Id
                && ReferenceEquals(a.Location.File, b.Location.File)
                && a.Location.Span.Equals(b.Location.Span)
                && a.ObjectName == b.ObjectName
                && a.Message == b.Message;
        }
    }
}
