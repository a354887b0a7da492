using System;
using System.IO;

namespace ReplicaGuard.Cli.Input
{
    /// <summary>Paths as users see them: relative to the current directory when under it, '/' separators.</summary>
    public static class DisplayPath
    {
        public static string For(string fullPath, string workingDirectory)
        {
            string relative = Path.GetRelativePath(workingDirectory, fullPath);
            bool underWorkingDirectory = !Path.IsPathRooted(relative)
                && relative != ".."
                && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !relative.StartsWith("../", StringComparison.Ordinal);
            string shown = underWorkingDirectory ? relative : fullPath;
            return shown.Replace('\\', '/');
        }
    }
}
