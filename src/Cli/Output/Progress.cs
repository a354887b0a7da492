using System;
using System.Diagnostics;

namespace ReplicaGuard.Cli.Output
{
    /// <summary>
    /// One self-overwriting progress line on stderr, shown only when stderr is a terminal and the run has already
    /// taken more than a second: short runs and logs stay clean. Cleared when disposed.
    /// </summary>
    public sealed class Progress : IDisposable
    {
        public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

        private readonly CliConsole _console;
        private readonly Func<TimeSpan> _elapsed;
        private bool _shown;

        public Progress(CliConsole console, Func<TimeSpan>? elapsed = null)
        {
            _console = console;
            if (elapsed == null)
            {
                Stopwatch stopwatch = Stopwatch.StartNew();
                elapsed = () => stopwatch.Elapsed;
            }
            _elapsed = elapsed;
        }

        public void Report(string status)
        {
            if (!_console.ProgressAllowed || _elapsed() < Delay)
            {
                return;
            }
            _console.Error.Write("\r\u001b[K" + status);
            _console.Error.Flush();
            _shown = true;
        }

        public void Dispose()
        {
            if (_shown)
            {
                _console.Error.Write("\r\u001b[K");
                _shown = false;
            }
        }
    }
}
