using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// A private PostgreSQL server for this test run: its own initdb'd temp directory, unix socket and port.
    /// It never touches the system cluster; it is stopped by the process id it wrote to postmaster.pid.
    /// </summary>
    public sealed class PgServer : IDisposable
    {
        public const string NotFoundMessage =
            "PostgreSQL server binaries not found (install Debian's postgresql package: apt-get install -y postgresql)";

        private const int SigInt = 2;
        private const int SigQuit = 3;
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

        private Process? _launcher;
        private int _postmasterPid;

        private PgServer(string binDir, int majorVersion, string rootDir, int port)
        {
            BinDir = binDir;
            MajorVersion = majorVersion;
            RootDir = rootDir;
            Port = port;
        }

        public static PgServer? Current { get; private set; }

        public static string? StartupError { get; private set; }

        public string BinDir { get; }
        public int MajorVersion { get; }

        /// <summary>The temp directory: holds the data directory, the socket and the log.</summary>
        public string RootDir { get; }
        public string DataDir => Path.Combine(RootDir, "data");
        public string LogFile => Path.Combine(RootDir, "server.log");
        public int Port { get; }

        /// <summary>The running server, or a failed assertion saying why there is none.</summary>
        public static PgServer Get()
        {
            if (Current == null)
            {
                Assert.Fail(StartupError ?? "the PostgreSQL test server was not started");
            }
            return Current!;
        }

        /// <summary>Called once per test assembly; a failure is remembered so every test that needs the server fails with it.</summary>
        public static void StartShared()
        {
            try
            {
                Current = Start();
            }
            catch (Exception ex)
            {
                StartupError = ex is AssertFailedException ? ex.Message : "PostgreSQL test server failed to start: " + ex;
            }
        }

        public static void StopShared()
        {
            Current?.Dispose();
            Current = null;
        }

        public string ConnectionString(string database = "postgres") =>
            new NpgsqlConnectionStringBuilder
            {
                Host = RootDir,
                Port = Port,
                Username = "postgres",
                Database = database,
                Pooling = false,
                Timeout = 30,
                CommandTimeout = 600,
            }.ConnectionString;

        public NpgsqlConnection Open(string database = "postgres")
        {
            var connection = new NpgsqlConnection(ConnectionString(database));
            connection.Open();
            return connection;
        }

        public string LogTail(int lines = 40)
        {
            try
            {
                string[] all = File.ReadAllLines(LogFile);
                return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
            }
            catch (IOException ex)
            {
                return "(no server log: " + ex.Message + ")";
            }
        }

        private static PgServer Start()
        {
            (string binDir, int major) = FindBinaries();
            string root = Path.Combine(ScratchRoot(), "replicaguard-pg-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            var server = new PgServer(binDir, major, root, FindFreePort());
            try
            {
                if (IsRoot())
                {
                    RunToEnd("chown", new[] { "postgres:postgres", root });
                }
                server.InitDb();
                server.Launch();
                server.WaitUntilReady();
                ProbeFunction.Install(server);
                return server;
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }

        /// <summary>A RAM disk when there is one: DDL creates and unlinks relation files, which costs on a real disk.</summary>
        private static string ScratchRoot()
        {
            const string shm = "/dev/shm";
            return Directory.Exists(shm) && new DriveInfo(shm).AvailableFreeSpace > 1L << 30 ? shm : Path.GetTempPath();
        }

        /// <summary>/usr/lib/postgresql/N/bin with initdb, postgres and pg_ctl; 15 preferred, else the newest.</summary>
        private static (string BinDir, int Major) FindBinaries()
        {
            const string root = "/usr/lib/postgresql";
            var candidates = new List<(string, int)>();
            if (Directory.Exists(root))
            {
                foreach (string dir in Directory.GetDirectories(root))
                {
                    string bin = Path.Combine(dir, "bin");
                    bool complete = new[] { "initdb", "postgres", "pg_ctl" }.All(name => File.Exists(Path.Combine(bin, name)));
                    if (complete && int.TryParse(Path.GetFileName(dir), out int major))
                    {
                        candidates.Add((bin, major));
                    }
                }
            }
            if (candidates.Count == 0)
            {
                throw new AssertFailedException(NotFoundMessage);
            }
            return candidates.OrderByDescending(c => c.Item2 == 15).ThenByDescending(c => c.Item2).First();
        }

        private void InitDb()
        {
            var (code, output) = RunToEnd(Path.Combine(BinDir, "initdb"),
                new[] { "-D", DataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C" }, asPostgres: true);
            if (code != 0)
            {
                throw new InvalidOperationException("initdb failed (exit " + code + "):" + Environment.NewLine + output);
            }
        }

        private void Launch()
        {
            // sh only redirects the server's output into the log; exec makes it the postmaster itself.
            string command = "exec '" + Path.Combine(BinDir, "postgres") + "' -D '" + DataDir + "' -p " + Port
                + " -k '" + RootDir + "' -c listen_addresses='' -c wal_level=logical -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=20"
                + " -c max_locks_per_transaction=1024"
                + " > '" + LogFile + "' 2>&1";
            _launcher = Process.Start(StartInfo("sh", new[] { "-c", command }, asPostgres: true, redirect: false));
        }

        private void WaitUntilReady()
        {
            var clock = Stopwatch.StartNew();
            Exception? last = null;
            while (clock.Elapsed < StartTimeout)
            {
                if (_launcher != null && _launcher.HasExited)
                {
                    throw new InvalidOperationException("postgres exited with code " + _launcher.ExitCode + "; server log:" + Environment.NewLine + LogTail());
                }
                try
                {
                    using (Open())
                    {
                    }
                    _postmasterPid = ReadPostmasterPid();
                    return;
                }
                catch (Exception ex) when (ex is NpgsqlException || ex is IOException || ex is SocketException)
                {
                    last = ex;
                    Thread.Sleep(100);
                }
            }
            throw new TimeoutException("PostgreSQL did not accept connections within " + StartTimeout.TotalSeconds + " s ("
                + last?.Message + "); server log:" + Environment.NewLine + LogTail());
        }

        private int ReadPostmasterPid()
        {
            string first = File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).First();
            return int.Parse(first.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            int pid = _postmasterPid;
            if (pid == 0 && File.Exists(Path.Combine(DataDir, "postmaster.pid")))
            {
                try
                {
                    pid = ReadPostmasterPid();
                }
                catch (Exception ex) when (ex is IOException || ex is FormatException || ex is InvalidOperationException)
                {
                    pid = 0;
                }
            }
            if (pid > 0)
            {
                // SIGINT is PostgreSQL's fast shutdown; SIGQUIT only if it does not go away.
                Kill(pid, SigInt);
                if (!WaitForExit(pid, TimeSpan.FromSeconds(30)))
                {
                    Kill(pid, SigQuit);
                    WaitForExit(pid, TimeSpan.FromSeconds(10));
                }
            }
            _launcher?.WaitForExit(10_000);
            _launcher?.Dispose();
            try
            {
                if (Directory.Exists(RootDir))
                {
                    Directory.Delete(RootDir, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Console.WriteLine("could not delete " + RootDir + ": " + ex.Message);
            }
        }

        private static bool WaitForExit(int pid, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                if (!Directory.Exists("/proc/" + pid))
                {
                    return true;
                }
                Thread.Sleep(50);
            }
            return false;
        }

        private static int FindFreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static bool IsRoot() => geteuid() == 0;

        private static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, bool asPostgres, bool redirect)
        {
            var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = redirect, RedirectStandardError = redirect };
            if (asPostgres && IsRoot())
            {
                // initdb and postgres refuse to run as root.
                info.FileName = "runuser";
                foreach (string a in new[] { "-u", "postgres", "--", file })
                {
                    info.ArgumentList.Add(a);
                }
            }
            else
            {
                info.FileName = file;
            }
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }
            return info;
        }

        private static (int ExitCode, string Output) RunToEnd(string file, IEnumerable<string> args, bool asPostgres = false)
        {
            using var process = Process.Start(StartInfo(file, args, asPostgres, redirect: true))
                ?? throw new InvalidOperationException("could not start " + file);
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);

        [DllImport("libc")]
        private static extern uint geteuid();

        private static void Kill(int pid, int signal) => kill(pid, signal);
    }

    /// <summary>Starts the private server once for the whole test assembly and stops it at the end.</summary>
    [TestClass]
    public sealed class PgServerLifetime
    {
        [AssemblyInitialize]
        public static void Start(TestContext context) => PgServer.StartShared();

        [AssemblyCleanup]
        public static void Stop() => PgServer.StopShared();
    }
}
