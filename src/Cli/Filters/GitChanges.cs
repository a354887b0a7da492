using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Diagnostics;

namespace ReplicaGuard.Cli.Filters
{
    /// <summary>
    /// `--changed-since REF`: the files changed in the working tree since REF (added, modified, renamed, as
    /// `git diff --name-only -M REF` lists them) plus untracked files that are not ignored. A result is kept when
    /// its primary location or any related location is in one of them: the whole history is still replayed.
    /// </summary>
    public sealed class GitChanges
    {
        private readonly HashSet<string> _changed;

        private GitChanges(HashSet<string> changed)
        {
            _changed = changed;
        }

        public int Count => _changed.Count;

        public static GitChanges Since(string gitRef, string workingDirectory)
        {
            string top = Git(workingDirectory, $"cannot use --changed-since here: the current folder is not in a git repository (run from inside the repository)", "rev-parse", "--show-toplevel").Trim();
            Git(workingDirectory, $"--changed-since: '{gitRef}' is not a commit in this repository (use a branch, tag or commit, e.g. origin/main; in CI fetch enough history)", "rev-parse", "--verify", "--quiet", gitRef + "^{commit}");

            var changed = new HashSet<string>(StringComparer.Ordinal);
            string diff = Git(top, $"--changed-since: git diff against '{gitRef}' failed", "diff", "--name-only", "-M", "-z", gitRef, "--");
            string untracked = Git(top, "--changed-since: git ls-files failed", "ls-files", "--others", "--exclude-standard", "-z");
            foreach (string list in new[] { diff, untracked })
            {
                foreach (string relative in list.Split('\0'))
                {
                    if (relative.Length > 0)
                    {
                        changed.Add(Normalize(Path.Combine(top, relative)));
                    }
                }
            }
            return new GitChanges(changed);
        }

        public bool Touches(Diagnostic diagnostic, CheckInput input)
        {
            if (IsChanged(diagnostic.Location, input))
            {
                return true;
            }
            foreach (Location related in diagnostic.RelatedLocations)
            {
                if (IsChanged(related, input))
                {
                    return true;
                }
            }
            return false;
        }

        private bool IsChanged(Location location, CheckInput input)
        {
            return input.Files.TryGetValue(location.File, out LoadedFile? file) && _changed.Contains(Normalize(file.FullPath));
        }

        private static string Normalize(string path) => Path.GetFullPath(path).Replace('\\', '/');

        private static string Git(string workingDirectory, string failure, params string[] args)
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new UsageException("--changed-since needs git, and 'git' was not found on PATH; install git or drop --changed-since");
            }
            if (process == null)
            {
                throw new UsageException("--changed-since: could not start git");
            }
            using (process)
            {
                process.StandardInput.Close();
                var error = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                error.Wait();
                if (process.ExitCode != 0)
                {
                    throw new UsageException(failure);
                }
                return output;
            }
        }
    }
}
