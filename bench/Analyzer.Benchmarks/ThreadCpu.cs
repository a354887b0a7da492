using System;
using System.Runtime.InteropServices;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// CPU time of the calling thread (Linux getrusage(RUSAGE_THREAD)): unlike wall time it does not count the
    /// time the thread waited for a core, so it stays comparable on a loaded machine. 0 where unavailable.
    /// </summary>
    internal static class ThreadCpu
    {
        private const int RusageThread = 1;

        [StructLayout(LayoutKind.Sequential)]
        private struct Rusage
        {
            public long UserSeconds;
            public long UserMicroseconds;
            public long SystemSeconds;
            public long SystemMicroseconds;
            [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
            public long[] Rest;
        }

        [DllImport("libc", EntryPoint = "getrusage")]
        private static extern int GetRusage(int who, out Rusage usage);

        public static double Milliseconds()
        {
            try
            {
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || GetRusage(RusageThread, out Rusage u) != 0)
                {
                    return 0;
                }
                return (u.UserSeconds + u.SystemSeconds) * 1000.0 + (u.UserMicroseconds + u.SystemMicroseconds) / 1000.0;
            }
            catch (DllNotFoundException)
            {
                return 0;
            }
        }
    }
}
