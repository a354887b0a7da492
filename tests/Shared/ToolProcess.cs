using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>The built tool run as users run it: `dotnet replicaguard.dll ...` from beside the test assembly.</summary>
    internal static class ToolProcess
    {
        internal sealed class Result
        {
            public int ExitCode;
            public string Out = "";
            public string Err = "";
        }

        public static Result Run(string workingDirectory, params string[] args)
        {
            string tool = Path.Combine(AppContext.BaseDirectory, "replicaguard.dll");
            Assert.IsTrue(File.Exists(tool), "replicaguard.dll not found beside the tests: " + tool);
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(tool);
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment["NO_COLOR"] = "1";
            using Process process = Process.Start(start)!;
            process.StandardInput.Close();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(60_000), "replicaguard did not finish in 60 s");
            return new Result { ExitCode = process.ExitCode, Out = stdout.Result, Err = stderr.Result };
        }
    }
}
