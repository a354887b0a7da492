using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.FrontEnds;
using ReplicaGuard.Migrations;
using ReplicaGuard.Rules;
using EngineSeverity = ReplicaGuard.Diagnostics.Severity;

namespace ReplicaGuard.MsBuild
{
    /// <summary>
    /// Runs the engine over the project's migrations and logs every result as an MSBuild error, warning or message
    /// with code, file, line, column, end line, end column and help link. Writes <see cref="StampFile"/> only after
    /// a run that reported nothing, so the target's up-to-date check can never hide a result that still exists.
    /// With <see cref="CacheFile"/>, a build whose inputs and settings are unchanged re-logs the last run's results
    /// instead of analysing again (see <see cref="ResultCache"/>).
    /// </summary>
    public sealed class ReplicaGuardCheck : Task
    {
        /// <summary>The @(ReplicaGuardMigration) items; ordered by replicaguard.json `files` or the ordering conventions.</summary>
        [Required]
        public ITaskItem[] Migrations { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Paths are made relative to this folder for the ordering conventions (the project folder).</summary>
        public string? ProjectDirectory { get; set; }

        public string? ConfigFile { get; set; }
        public string? Profile { get; set; }
        public string? PostgresVersion { get; set; }

        /// <summary>Rule IDs (separated by ; or ,) not reported at all, as the compiler treats analyzer IDs in NoWarn.</summary>
        public string? NoWarn { get; set; }

        /// <summary>Rule IDs logged as errors when they are warnings.</summary>
        public string? WarningsAsErrors { get; set; }

        /// <summary>Rule IDs kept as warnings under <see cref="TreatWarningsAsErrors"/>.</summary>
        public string? WarningsNotAsErrors { get; set; }

        public bool TreatWarningsAsErrors { get; set; }

        /// <summary>Written (touched) only after a run with no result at all; deleted at the start of every run.</summary>
        public string? StampFile { get; set; }

        /// <summary>Where the last completed run's results are kept, keyed by the inputs (obj/); none when empty.</summary>
        public string? CacheFile { get; set; }

        /// <summary>True when the results were re-logged from <see cref="CacheFile"/> instead of analysed.</summary>
        [Output]
        public bool FromCache { get; private set; }

        [Output]
        public int ErrorCount { get; private set; }

        [Output]
        public int WarningCount { get; private set; }

        [Output]
        public int MessageCount { get; private set; }

        /// <summary>Every result logged by this run, in order: what the cache keeps.</summary>
        private readonly List<LoggedResult> _logged = new List<LoggedResult>();

        /// <summary>Set once the engine's results are all logged: only such a run is cached (a config or read error is not).</summary>
        private bool _completed;

        public override bool Execute()
        {
            DeleteStamp();
            try
            {
                // The key is taken before anything is read: a file edited during the run gets a new key next time.
                string? key = string.IsNullOrEmpty(CacheFile) ? null : CacheKey();
                List<LoggedResult>? cached = key != null ? ResultCache.TryRead(CacheFile!, key) : null;
                if (cached != null)
                {
                    Replay(cached);
                }
                else
                {
                    Run();
                    if (key != null && _completed) WriteCache(key);
                }
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                Log.LogError(null, RuleCatalog.RG9001.Id, null, ProjectDirectory ?? "", 0, 0, 0, 0,
                    "ReplicaGuard failed: {0}: {1} (please report this)", e.GetType().Name, e.Message);
            }
            if (!Log.HasLoggedErrors && ErrorCount == 0 && WarningCount == 0 && MessageCount == 0)
            {
                WriteStamp();
            }
            return !Log.HasLoggedErrors;
        }

        private void Run()
        {
            ReplicaGuardConfig? config = null;
            if (!string.IsNullOrWhiteSpace(ConfigFile))
            {
                try
                {
                    config = ReplicaGuardConfig.Load(ConfigFile!);
                }
                catch (ConfigException e)
                {
                    Log.LogError(null, RuleCatalog.RG9001.Id, null, ConfigFile, 0, 0, 0, 0, "{0}", e.Message);
                    return;
                }
            }

            var problems = new List<string>();
            AnalysisSettings settings = FrontEndSettings.Build(config, Profile, PostgresVersion, problems);
            foreach (string problem in problems)
            {
                Log.LogError(null, RuleCatalog.RG9001.Id, null, ProjectDirectory ?? "", 0, 0, 0, 0, "{0}", problem);
            }
            if (problems.Count > 0)
            {
                return;
            }

            var inputs = new List<MigrationInput>(Migrations.Length);
            foreach (ITaskItem item in Migrations)
            {
                string fullPath = item.GetMetadata("FullPath");
                try
                {
                    inputs.Add(new MigrationInput(fullPath, MigrationFileReader.Read(fullPath).Text));
                }
                catch (Exception e) when (e is MigrationInputException || e is IOException || e is UnauthorizedAccessException)
                {
                    Log.LogError(null, RuleCatalog.RG9001.Id, null, fullPath, 0, 0, 0, 0, "cannot read the migration: {0}", e.Message);
                }
            }
            if (Log.HasLoggedErrors)
            {
                return;
            }

            List<MigrationInput> ordered = MigrationHistory.Order(inputs, ProjectDirectory, config);
            // The task logs results and never reads their fixes.
            HistoryOutcome outcome = HistoryAnalysis.Run(ordered, settings, new ParseCache(), FixBuilding.OnFirstRead, System.Threading.CancellationToken.None);
            if (outcome.Result == null)
            {
                Log.LogError(null, RuleCatalog.RG9001.Id, null, outcome.FailedFile ?? "", 0, 0, 0, 0, "{0}", outcome.FailureMessage);
                return;
            }

            var policy = new SeverityPolicy(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors);
            foreach (Diagnostic diagnostic in outcome.Result.Diagnostics)
            {
                LogResult(diagnostic, policy.Effective(diagnostic.Id, diagnostic.Severity));
            }
            _completed = true;
            Log.LogMessage(MessageImportance.Normal,
                "ReplicaGuard: {0} migration file(s) checked: {1} error(s), {2} warning(s), {3} suggestion(s).",
                ordered.Count, ErrorCount, WarningCount, MessageCount);
        }

        private void LogResult(Diagnostic diagnostic, EngineSeverity severity)
        {
            char kind;
            switch (severity)
            {
                case EngineSeverity.Error: kind = LoggedResult.ErrorKind; break;
                case EngineSeverity.Warning: kind = LoggedResult.WarningKind; break;
                case EngineSeverity.Suggestion: kind = LoggedResult.MessageKind; break;
                default: return;
            }
            Text.LinePositionSpan lines = diagnostic.Location.LineSpan;
            Emit(new LoggedResult(kind, diagnostic.Id, diagnostic.Rule.HelpUri, diagnostic.Location.File.Path,
                lines.Start.Line + 1, lines.Start.Character + 1, lines.End.Line + 1, lines.End.Character + 1, diagnostic.Message));
        }

        /// <summary>Logs one result and counts it; the same path for a fresh run and a cached one, so both log alike.</summary>
        private void Emit(LoggedResult r)
        {
            _logged.Add(r);
            switch (r.Kind)
            {
                case LoggedResult.ErrorKind:
                    ErrorCount++;
                    Log.LogError(null, r.Code, r.Code, r.HelpLink, r.File, r.Line, r.Column, r.EndLine, r.EndColumn, "{0}", r.Message);
                    break;
                case LoggedResult.WarningKind:
                    WarningCount++;
                    Log.LogWarning(null, r.Code, r.Code, r.HelpLink, r.File, r.Line, r.Column, r.EndLine, r.EndColumn, "{0}", r.Message);
                    break;
                default:
                    MessageCount++;
                    Log.LogMessage(null, r.Code, r.Code, r.File, r.Line, r.Column, r.EndLine, r.EndColumn, MessageImportance.Normal,
                        "info {0}: {1} ({2})", r.Code, r.Message, r.HelpLink);
                    break;
            }
        }

        private void Replay(List<LoggedResult> cached)
        {
            FromCache = true;
            foreach (LoggedResult r in cached)
            {
                Emit(r);
            }
            Log.LogMessage(MessageImportance.Normal,
                "ReplicaGuard: {0} migration file(s) checked: {1} error(s), {2} warning(s), {3} suggestion(s) (inputs unchanged: results of the last run, from {4}).",
                Migrations.Length, ErrorCount, WarningCount, MessageCount, CacheFile);
        }

        /// <summary>Everything that decides the results: the task's and engine's builds, the settings, the files' stamps.</summary>
        private string CacheKey()
        {
            var builds = new[]
            {
                typeof(ReplicaGuardCheck).Assembly.ManifestModule.ModuleVersionId.ToString(),
                typeof(Engine).Assembly.ManifestModule.ModuleVersionId.ToString(),
            };
            var settings = new List<KeyValuePair<string, string?>>
            {
                new KeyValuePair<string, string?>("projectDirectory", ProjectDirectory),
                new KeyValuePair<string, string?>("profile", Profile),
                new KeyValuePair<string, string?>("postgresVersion", PostgresVersion),
                new KeyValuePair<string, string?>("noWarn", NoWarn),
                new KeyValuePair<string, string?>("warningsAsErrors", WarningsAsErrors),
                new KeyValuePair<string, string?>("warningsNotAsErrors", WarningsNotAsErrors),
                new KeyValuePair<string, string?>("treatWarningsAsErrors", TreatWarningsAsErrors ? "true" : "false"),
            };
            var paths = new List<string>(Migrations.Length);
            foreach (ITaskItem item in Migrations)
            {
                paths.Add(item.GetMetadata("FullPath"));
            }
            return ResultCache.Key(builds, settings, string.IsNullOrWhiteSpace(ConfigFile) ? null : Path.GetFullPath(ConfigFile), paths);
        }

        private void WriteCache(string key)
        {
            try
            {
                ResultCache.Write(CacheFile!, key, _logged);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogMessage(MessageImportance.Low, "ReplicaGuard: cannot write {0}: {1}", CacheFile, e.Message);
            }
        }

        private void DeleteStamp()
        {
            if (string.IsNullOrEmpty(StampFile) || !File.Exists(StampFile)) return;
            try
            {
                File.Delete(StampFile);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogWarning("ReplicaGuard: cannot delete {0}: {1}", StampFile, e.Message);
            }
        }

        private void WriteStamp()
        {
            if (string.IsNullOrEmpty(StampFile)) return;
            try
            {
                string? folder = Path.GetDirectoryName(StampFile);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                File.WriteAllText(StampFile, DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogMessage(MessageImportance.Low, "ReplicaGuard: cannot write {0}: {1}", StampFile, e.Message);
            }
        }
    }

    /// <summary>
    /// MSBuild's warning options applied to the engine's results, as the compiler applies them to analyzer results
    /// (so a project gets the same outcome whichever component reports): NoWarn silences a rule at any severity,
    /// errors included, as csc does for analyzer IDs; WarningsAsErrors and TreatWarningsAsErrors raise
    /// warnings to errors, WarningsNotAsErrors exempts IDs from TreatWarningsAsErrors. MSBuildWarningsAsErrors and
    /// -warnaserror are applied by MSBuild itself to the logged warnings.
    /// </summary>
    internal sealed class SeverityPolicy
    {
        private readonly HashSet<string> _noWarn;
        private readonly HashSet<string> _asErrors;
        private readonly HashSet<string> _notAsErrors;
        private readonly bool _allAsErrors;

        public SeverityPolicy(string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors, bool treatWarningsAsErrors)
        {
            _noWarn = Ids(noWarn);
            _asErrors = Ids(warningsAsErrors);
            _notAsErrors = Ids(warningsNotAsErrors);
            _allAsErrors = treatWarningsAsErrors;
        }

        public EngineSeverity Effective(string id, EngineSeverity severity)
        {
            if (_noWarn.Contains(id)) return EngineSeverity.None;
            if (severity == EngineSeverity.Error || severity == EngineSeverity.None) return severity;
            if (severity == EngineSeverity.Warning && (_asErrors.Contains(id) || (_allAsErrors && !_notAsErrors.Contains(id))))
            {
                return EngineSeverity.Error;
            }
            return severity;
        }

        private static HashSet<string> Ids(string? list)
        {
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (list == null) return ids;
            foreach (string part in list.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string id = part.Trim();
                if (id.Length > 0) ids.Add(id);
            }
            return ids;
        }
    }
}
