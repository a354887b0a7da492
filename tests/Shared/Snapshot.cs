using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Verify-style snapshots: compares with `Class.Method.verified.txt` beside the test source file. On any
    /// difference (or a missing verified file) it writes `Class.Method.received.txt` there and fails with a
    /// diff summary. Never accepted under CI; locally REPLICAGUARD_ACCEPT=1 writes the verified file instead.
    /// </summary>
    public static class Snapshot
    {
        public static void Match(string actual, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
        {
            string folder = Path.GetDirectoryName(sourceFile) ?? ".";
            string baseName = Path.Combine(folder, Path.GetFileNameWithoutExtension(sourceFile) + "." + method);
            string verifiedPath = baseName + ".verified.txt";
            string receivedPath = baseName + ".received.txt";
            string received = Normalize(actual);

            string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (verified == received)
            {
                File.Delete(receivedPath);
                return;
            }

            if (MayAccept())
            {
                File.WriteAllText(verifiedPath, received, new UTF8Encoding(false));
                File.Delete(receivedPath);
                return;
            }

            File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
            string summary = verified == null
                ? $"No verified snapshot {Path.GetFileName(verifiedPath)}; received written to {receivedPath}."
                : $"Snapshot differs from {Path.GetFileName(verifiedPath)}: {DiffSummary(verified, received)} Received written to {receivedPath}.";
            Assert.Fail(summary + " Review it; to accept, rename it to .verified.txt (or run locally with REPLICAGUARD_ACCEPT=1).");
        }

        /// <summary>CI forbids accepting even when REPLICAGUARD_ACCEPT is set.</summary>
        private static bool MayAccept() =>
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && Environment.GetEnvironmentVariable("REPLICAGUARD_ACCEPT") == "1";

        public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

        /// <summary>The first differing line, both versions of it, and the line counts.</summary>
        public static string DiffSummary(string expected, string actual)
        {
            string[] expectedLines = expected.Split('\n');
            string[] actualLines = actual.Split('\n');
            int common = Math.Min(expectedLines.Length, actualLines.Length);
            int line = 0;
            while (line < common && expectedLines[line] == actualLines[line])
            {
                line++;
            }
            string expectedLine = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
            string actualLine = line < actualLines.Length ? actualLines[line] : "<end of file>";
            return $"first difference at line {line + 1}: expected \"{expectedLine}\" but received \"{actualLine}\" " +
                $"({expectedLines.Length} lines verified, {actualLines.Length} received).";
        }
    }
}
