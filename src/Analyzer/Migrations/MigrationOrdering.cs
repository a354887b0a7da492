using System.Collections.Generic;

namespace ReplicaGuard.Migrations
{
    /// <summary>
    /// Orders migration files by the conventions users have (Flyway, golang-migrate, dbmate, numeric and
    /// timestamp prefixes, nested folders) and says which files are never applied and why. Pure: no I/O.
    /// </summary>
    public static class MigrationOrdering
    {
        /// <param name="relativePaths">Paths relative to the migration folder, with '/' separators.</param>
        public static OrderedMigrations Order(IEnumerable<string> relativePaths)
        {
            // Stub: filled in by the discovery work.
            var applied = new List<string>(relativePaths);
            applied.Sort(System.StringComparer.Ordinal);
            return new OrderedMigrations(applied, new List<SkippedMigration>());
        }
    }

    public sealed class OrderedMigrations
    {
        public OrderedMigrations(IReadOnlyList<string> applied, IReadOnlyList<SkippedMigration> skipped)
        {
            Applied = applied;
            Skipped = skipped;
        }

        /// <summary>Relative paths in the order they are applied.</summary>
        public IReadOnlyList<string> Applied { get; }

        public IReadOnlyList<SkippedMigration> Skipped { get; }
    }

    public sealed class SkippedMigration
    {
        public SkippedMigration(string path, string reason)
        {
            Path = path;
            Reason = reason;
        }

        public string Path { get; }
        public string Reason { get; }
    }
}
