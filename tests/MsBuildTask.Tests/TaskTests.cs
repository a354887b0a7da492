using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.MsBuild;

namespace ReplicaGuard.Tests
{
    /// <summary>Records every event a task logs.</summary>
    internal sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = new List<BuildErrorEventArgs>();
        public List<BuildWarningEventArgs> Warnings { get; } = new List<BuildWarningEventArgs>();
        public List<BuildMessageEventArgs> Messages { get; } = new List<BuildMessageEventArgs>();

        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }

    [TestClass]
    public sealed class TaskTests
    {
        private const string Config = "{ \"profile\": \"zero\", \"publications\": [ { \"name\": \"_zero_public_0\", \"tablesInSchema\": [\"public\"] } ] }";
        private const string Users = "BEGIN;\n\nCREATE TABLE alembic_version (version_num varchar(32) NOT NULL);\nCOMMIT;\n";

        private string _dir = "";

        [TestInitialize]
        public void Setup()
        {
            _dir = Path.Combine(Path.GetTempPath(), "rg-task-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(_dir, "migrations"));
        }

        [TestCleanup]
        public void Cleanup()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private (ReplicaGuardCheck Task, RecordingBuildEngine Engine) Create(string? config = Config, params (string Name, string Text)[] files)
        {
            var items = new List<ITaskItem>();
            foreach ((string name, string text) in files)
            {
                string path = Path.Combine(_dir, "migrations", name);
                File.WriteAllText(path, text);
                items.Add(new TaskItem(path));
            }
            string? configPath = null;
            if (config != null)
            {
                configPath = Path.Combine(_dir, "replicaguard.json");
                File.WriteAllText(configPath, config);
            }
            var engine = new RecordingBuildEngine();
            var task = new ReplicaGuardCheck
            {
                BuildEngine = engine,
                Migrations = items.ToArray(),
                ProjectDirectory = _dir,
                ConfigFile = configPath,
                StampFile = Path.Combine(_dir, "obj", "replicaguard.clean.stamp"),
            };
            return (task, engine);
        }

        [TestMethod]
        public void SeedCaseIsAnErrorWithCodePositionsAndHelpLink()
        {
            (ReplicaGuardCheck task, RecordingBuildEngine engine) = Create(Config, ("0001_users.sql", Users));
            Assert.IsFalse(task.Execute());
            BuildErrorEventArgs e = engine.Errors.Single();
            Assert.AreEqual("RG1001", e.Code);
            Assert.AreEqual(Path.Combine(_dir, "migrations", "0001_users.sql"), e.File);
            Assert.AreEqual(3, e.LineNumber);
            Assert.AreEqual(1, e.ColumnNumber);
            Assert.AreEqual(3, e.EndLineNumber);
            Assert.AreEqual(29, e.EndColumnNumber);
            Assert.AreEqual("https://github.com/replicaguard/replicaguard/blob/main/docs/rules/RG1001.md", e.HelpLink);
            StringAssert.Contains(e.Message, "alembic_version");
            Assert.IsTrue(engine.Messages.Any(m => m.Message != null && m.Message.Contains("1 error(s), 0 warning(s), 0 suggestion(s)", StringComparison.Ordinal)));
            Assert.IsFalse(File.Exists(task.StampFile), "a run with results must not stamp");
        }

        [TestMethod]
        public void CleanRunSucceedsAndStamps()
        {
            (ReplicaGuardCheck task, RecordingBuildEngine engine) = Create(Config, ("0001_users.sql", "CREATE TABLE t (id int PRIMARY KEY);\n"));
            Assert.IsTrue(task.Execute());
            Assert.AreEqual(0, engine.Errors.Count + engine.Warnings.Count);
            Assert.IsTrue(File.Exists(task.StampFile));
        }

        [TestMethod]
        public void AStaleStampIsRemovedWhenResultsAppear()
        {
            (ReplicaGuardCheck task, _) = Create(Config, ("0001_users.sql", Users));
            Directory.CreateDirectory(Path.GetDirectoryName(task.StampFile)!);
            File.WriteAllText(task.StampFile!, "old");
            Assert.IsFalse(task.Execute());
            Assert.IsFalse(File.Exists(task.StampFile));
        }

        [TestMethod]
        public void WarningsHonourNoWarnWarningsAsErrorsAndTreatWarningsAsErrors()
        {
            string warnConfig = Config.TrimEnd('}', ' ') + ", \"rules\": { \"RG1001\": \"warning\" } }";

            (ReplicaGuardCheck plain, RecordingBuildEngine e1) = Create(warnConfig, ("0001_users.sql", Users));
            Assert.IsTrue(plain.Execute());
            Assert.AreEqual("RG1001", e1.Warnings.Single().Code);
            Assert.AreEqual(3, e1.Warnings[0].LineNumber);
            Assert.AreEqual("https://github.com/replicaguard/replicaguard/blob/main/docs/rules/RG1001.md", e1.Warnings[0].HelpLink);

            (ReplicaGuardCheck noWarn, RecordingBuildEngine e2) = Create(warnConfig, ("0001_users.sql", Users));
            noWarn.NoWarn = "1701;1702;RG1001";
            Assert.IsTrue(noWarn.Execute());
            Assert.AreEqual(0, e2.Warnings.Count + e2.Errors.Count);

            (ReplicaGuardCheck asErrors, RecordingBuildEngine e3) = Create(warnConfig, ("0001_users.sql", Users));
            asErrors.WarningsAsErrors = "RG1001";
            Assert.IsFalse(asErrors.Execute());
            Assert.AreEqual("RG1001", e3.Errors.Single().Code);

            (ReplicaGuardCheck all, RecordingBuildEngine e4) = Create(warnConfig, ("0001_users.sql", Users));
            all.TreatWarningsAsErrors = true;
            Assert.IsFalse(all.Execute());
            Assert.AreEqual("RG1001", e4.Errors.Single().Code);

            (ReplicaGuardCheck exempt, RecordingBuildEngine e5) = Create(warnConfig, ("0001_users.sql", Users));
            exempt.TreatWarningsAsErrors = true;
            exempt.WarningsNotAsErrors = "RG1001";
            Assert.IsTrue(exempt.Execute());
            Assert.AreEqual("RG1001", e5.Warnings.Single().Code);
        }

        [TestMethod]
        public void NoWarnSilencesTheRuleEvenAtErrorSeverityAsTheCompilerDoesForAnalyzers()
        {
            (ReplicaGuardCheck task, RecordingBuildEngine engine) = Create(Config, ("0001_users.sql", Users));
            task.NoWarn = "CS1591;RG1001";
            Assert.IsTrue(task.Execute());
            Assert.AreEqual(0, engine.Errors.Count + engine.Warnings.Count);
            Assert.IsTrue(File.Exists(task.StampFile), "NoWarn is an input of the target, so a silenced run may be stamped");
        }

        [TestMethod]
        public void FilesAreOrderedByConventionNotItemOrder()
        {
            // Listed V2 first: in item order the publication names a table that does not exist yet.
            (ReplicaGuardCheck task, RecordingBuildEngine engine) = Create(null,
                ("V2__publish.sql", "CREATE PUBLICATION p FOR TABLE t;\n"),
                ("V1__table.sql", "CREATE TABLE t (a int);\n"));
            Assert.IsFalse(task.Execute());
            BuildErrorEventArgs e = engine.Errors.Single();
            Assert.AreEqual("RG1001", e.Code);
            StringAssert.EndsWith(e.File, "V2__publish.sql");
        }

        [TestMethod]
        public void BrokenConfigIsOneErrorNamingTheFile()
        {
            (ReplicaGuardCheck task, RecordingBuildEngine engine) = Create("{ \"profil\": 1 }", ("0001_users.sql", Users));
            Assert.IsFalse(task.Execute());
            BuildErrorEventArgs e = engine.Errors.Single();
            Assert.AreEqual("RG9001", e.Code);
            StringAssert.Contains(e.Message, "profil");
            StringAssert.EndsWith(e.File, "replicaguard.json");
        }

        [TestMethod]
        public void InvalidPropertyIsAnError()
        {
            (ReplicaGuardCheck task, RecordingBuildEngine engine) = Create(Config, ("0001_users.sql", Users));
            task.PostgresVersion = "nine";
            Assert.IsFalse(task.Execute());
            StringAssert.Contains(engine.Errors.Single().Message, "ReplicaGuardPostgresVersion");
        }

        /// <summary>A task over the files already in migrations/ (not rewritten, so their timestamps stay), with a result cache.</summary>
        private (ReplicaGuardCheck Task, RecordingBuildEngine Engine) CreateCached(string? noWarn = null)
        {
            var items = new List<ITaskItem>();
            foreach (string path in Directory.GetFiles(Path.Combine(_dir, "migrations")).OrderBy(p => p, StringComparer.Ordinal))
            {
                items.Add(new TaskItem(path));
            }
            var engine = new RecordingBuildEngine();
            var task = new ReplicaGuardCheck
            {
                BuildEngine = engine,
                Migrations = items.ToArray(),
                ProjectDirectory = _dir,
                ConfigFile = Path.Combine(_dir, "replicaguard.json"),
                StampFile = Path.Combine(_dir, "obj", "replicaguard.clean.stamp"),
                CacheFile = Path.Combine(_dir, "obj", "replicaguard.results.txt"),
                NoWarn = noWarn,
            };
            return (task, engine);
        }

        private static string Describe(BuildErrorEventArgs e) =>
            $"{e.Code}|{e.HelpKeyword}|{e.HelpLink}|{e.File}|{e.LineNumber},{e.ColumnNumber},{e.EndLineNumber},{e.EndColumnNumber}|{e.Message}";

        [TestMethod]
        public void UnchangedInputsRelogTheCachedResultsAndStillFail()
        {
            Create(Config, ("0001_users.sql", Users), ("0002_posts.sql", "CREATE TABLE posts (id int, body text);\nUPDATE posts SET body = 'x';\n"));
            (ReplicaGuardCheck first, RecordingBuildEngine e1) = CreateCached();
            Assert.IsFalse(first.Execute());
            Assert.IsFalse(first.FromCache);
            Assert.IsTrue(e1.Errors.Count >= 2, string.Join("\n", e1.Errors.Select(Describe)));

            (ReplicaGuardCheck second, RecordingBuildEngine e2) = CreateCached();
            Assert.IsFalse(second.Execute(), "an unchanged build with errors must still fail");
            Assert.IsTrue(second.FromCache);
            CollectionAssert.AreEqual(e1.Errors.Select(Describe).ToList(), e2.Errors.Select(Describe).ToList());
            Assert.AreEqual(first.ErrorCount, second.ErrorCount);
            Assert.IsFalse(File.Exists(second.StampFile));
        }

        [TestMethod]
        public void CachedWarningsAndSuggestionsAreLoggedAlike()
        {
            string warnConfig = Config.TrimEnd('}', ' ') + ", \"rules\": { \"RG1001\": \"warning\", \"RG1002\": \"suggestion\" } }";
            Create(warnConfig, ("0001_users.sql", Users + "UPDATE alembic_version SET version_num = 'x';\n"));
            (ReplicaGuardCheck first, RecordingBuildEngine e1) = CreateCached();
            Assert.IsTrue(first.Execute());
            Assert.AreEqual(1, first.WarningCount);
            Assert.AreEqual(1, first.MessageCount);

            (ReplicaGuardCheck second, RecordingBuildEngine e2) = CreateCached();
            Assert.IsTrue(second.Execute());
            Assert.IsTrue(second.FromCache);
            BuildWarningEventArgs w1 = e1.Warnings.Single(), w2 = e2.Warnings.Single();
            Assert.AreEqual($"{w1.Code}|{w1.HelpLink}|{w1.File}|{w1.LineNumber},{w1.EndColumnNumber}|{w1.Message}",
                $"{w2.Code}|{w2.HelpLink}|{w2.File}|{w2.LineNumber},{w2.EndColumnNumber}|{w2.Message}");
            string Info(RecordingBuildEngine e) => e.Messages.Single(m => m.Code == "RG1002").Message ?? "";
            Assert.AreEqual(Info(e1), Info(e2));
            StringAssert.StartsWith(Info(e2), "info RG1002: ");
        }

        [TestMethod]
        public void AnEditInvalidatesTheCache()
        {
            Create(Config, ("0001_users.sql", Users));
            (ReplicaGuardCheck first, _) = CreateCached();
            Assert.IsFalse(first.Execute());

            string path = Path.Combine(_dir, "migrations", "0001_users.sql");
            File.WriteAllText(path, Users.Replace("NOT NULL", "PRIMARY KEY"));
            (ReplicaGuardCheck fixedRun, RecordingBuildEngine e2) = CreateCached();
            Assert.IsTrue(fixedRun.Execute(), string.Join("\n", e2.Errors.Select(Describe)));
            Assert.IsFalse(fixedRun.FromCache);
            Assert.AreEqual(0, e2.Errors.Count);

            // Same size, only the timestamp differs: still a new run, and the result follows the content.
            File.WriteAllText(path, Users);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            (ReplicaGuardCheck broken, RecordingBuildEngine e3) = CreateCached();
            Assert.IsFalse(broken.Execute());
            Assert.IsFalse(broken.FromCache);
            Assert.AreEqual("RG1001", e3.Errors.Single().Code);
        }

        [TestMethod]
        public void AddedFilesConfigAndSettingChangesInvalidateTheCache()
        {
            Create(Config, ("0001_users.sql", Users));
            Assert.IsFalse(CreateCached().Task.Execute());

            (ReplicaGuardCheck silenced, RecordingBuildEngine e1) = CreateCached(noWarn: "RG1001");
            Assert.IsTrue(silenced.Execute());
            Assert.IsFalse(silenced.FromCache);
            Assert.AreEqual(0, e1.Errors.Count);

            File.WriteAllText(Path.Combine(_dir, "migrations", "0002_more.sql"), "CREATE TABLE more (a int);\n");
            (ReplicaGuardCheck added, RecordingBuildEngine e2) = CreateCached();
            Assert.IsFalse(added.Execute());
            Assert.IsFalse(added.FromCache);
            Assert.AreEqual(2, e2.Errors.Count(e => e.Code == "RG1001"));

            string config = Path.Combine(_dir, "replicaguard.json");
            File.WriteAllText(config, Config.TrimEnd('}', ' ') + ", \"rules\": { \"RG1001\": \"warning\" } }");
            File.SetLastWriteTimeUtc(config, DateTime.UtcNow.AddMinutes(1));
            (ReplicaGuardCheck reconfigured, RecordingBuildEngine e3) = CreateCached();
            Assert.IsTrue(reconfigured.Execute());
            Assert.IsFalse(reconfigured.FromCache);
            Assert.AreEqual(2, e3.Warnings.Count);
        }

        [TestMethod]
        public void ACacheFileCutShortOrForOtherInputsIsNotUsed()
        {
            Create(Config, ("0001_users.sql", Users));
            (ReplicaGuardCheck first, _) = CreateCached();
            Assert.IsFalse(first.Execute());
            string cache = first.CacheFile!;
            string text = File.ReadAllText(cache);
            StringAssert.Contains(text, "\nend 1\n");

            File.WriteAllText(cache, text.Substring(0, text.IndexOf("\nend 1\n", StringComparison.Ordinal) + 1));
            (ReplicaGuardCheck cut, RecordingBuildEngine e2) = CreateCached();
            Assert.IsFalse(cut.Execute());
            Assert.IsFalse(cut.FromCache, "a file with no end line is incomplete");
            Assert.AreEqual(1, e2.Errors.Count);

            // A result line for another key (here: another project folder) is never re-logged.
            File.WriteAllText(cache, File.ReadAllText(cache).Replace("projectDirectory=" + _dir, "projectDirectory=/elsewhere"));
            (ReplicaGuardCheck other, _) = CreateCached();
            Assert.IsFalse(other.Execute());
            Assert.IsFalse(other.FromCache);
        }

        [TestMethod]
        public void AFailedRunIsNotCached()
        {
            Create("{ \"profil\": 1 }", ("0001_users.sql", Users));
            (ReplicaGuardCheck task, _) = CreateCached();
            Assert.IsFalse(task.Execute());
            Assert.IsFalse(File.Exists(task.CacheFile));
        }

        [TestMethod]
        public void EscapedFieldsRoundTrip()
        {
            foreach (string value in new[] { "", "plain", "tab\there", "line\nbreak\r\n", "back\\slash\\t", "\\" })
            {
                Assert.AreEqual(value, ResultCache.Unescape(ResultCache.Escape(value)));
                Assert.IsFalse(ResultCache.Escape(value).IndexOfAny(new[] { '\t', '\n', '\r' }) >= 0);
            }
        }

        [TestMethod]
        public void MissingFileIsAnErrorNotAnException()
        {
            var engine = new RecordingBuildEngine();
            var task = new ReplicaGuardCheck { BuildEngine = engine, Migrations = new ITaskItem[] { new TaskItem(Path.Combine(_dir, "missing.sql")) } };
            Assert.IsFalse(task.Execute());
            StringAssert.EndsWith(engine.Errors.Single().File, "missing.sql");
        }
    }
}
