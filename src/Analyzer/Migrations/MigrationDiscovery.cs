using System.Collections.Generic;
using System.IO;

namespace ReplicaGuard.Migrations
{
    /// <summary>Finds the migration files below a folder (the I/O half; ordering is <see cref="MigrationOrdering"/>).</summary>
    public static class MigrationDiscovery
    {
        /// <summary>Full paths of the files to apply, in order. Throws <see cref="MigrationInputException"/> on bad input.</summary>
        public static IReadOnlyList<string> Discover(string folder)
        {
            // Stub: filled in by the discovery work.
            var relative = new List<string>();
            foreach (string file in Directory.GetFiles(folder, "*.sql", SearchOption.AllDirectories))
            {
                relative.Add(file.Substring(folder.Length).TrimStart('/', '\\').Replace('\\', '/'));
            }
            var result = new List<string>();
            foreach (string path in MigrationOrdering.Order(relative).Applied)
            {
                result.Add(Path.Combine(folder, path));
            }
            return result;
        }
    }

    /// <summary>Bad input a user can act on: what, where, what to do. Front ends print it as one line, exit code 2.</summary>
    public sealed class MigrationInputException : System.Exception
    {
        public MigrationInputException(string path, string message)
            : base(message)
        {
            PathName = path;
        }

        public string PathName { get; }
    }
}
