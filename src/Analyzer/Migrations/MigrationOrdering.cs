using System;
using System.Collections.Generic;

namespace ReplicaGuard.Migrations
{
    /// <summary>
    /// Orders migration files by the conventions users have (Flyway, golang-migrate, dbmate, numeric and
    /// timestamp prefixes, nested folders) and says which files are never applied and why. Pure: no I/O.
    /// </summary>
    /// <remarks>
    /// The combined rule, for a folder that mixes conventions:
    /// <list type="number">
    /// <item>Only names ending in <c>.sql</c> or <c>.sql.postgres</c> (any case) are migrations; every other
    /// file is ignored silently, except <c>.sql.sqlite</c>, which is Skipped as SQLite-only.</item>
    /// <item>Skipped with a reason: Flyway undo files (<c>U&lt;version&gt;__desc.sql</c>) and golang-migrate
    /// down files (<c>*.down.sql</c>).</item>
    /// <item>Applied in three groups, one after the other:
    /// (a) plain files — golang-migrate <c>N_name.up.sql</c>, dbmate and DbUp <c>timestamp_name.sql</c>, any
    /// numeric or other name — in natural order of the relative path, segment by segment (digit runs compare as
    /// numbers, leading zeros ignored, other characters ordinally; the migration extension is left out of the
    /// last segment so <c>x.sql</c> sorts with <c>x.sql.postgres</c>);
    /// (b) Flyway versioned files (<c>V&lt;version&gt;__desc.sql</c>, upper-case V, version parts split on
    /// <c>.</c> or <c>_</c>) by version compared numerically part by part wherever they sit in the tree, as
    /// Flyway scans all its locations as one set (a missing part counts as 0, so 1.1 &lt; 1.1.1);
    /// (c) Flyway repeatable files (<c>R__desc.sql</c>) by description, ordinally, as Flyway does.</item>
    /// <item>Ties (equal versions, names that differ only in leading zeros) fall back to the ordinal order of the
    /// relative path, so the order never depends on the order of the input.</item>
    /// </list>
    /// Plain files come before Flyway's because Flyway itself never runs them: in a mixed folder they are the
    /// setup scripts a project runs by hand before handing over to Flyway.
    /// </remarks>
    public static class MigrationOrdering
    {
        /// <param name="relativePaths">Paths relative to the migration folder, with '/' separators.</param>
        public static OrderedMigrations Order(IEnumerable<string> relativePaths)
        {
            var applied = new List<MigrationName>();
            var skipped = new List<MigrationName>();
            foreach (string path in relativePaths)
            {
                if (path == null) continue;
                MigrationName? name = MigrationName.Classify(path);
                if (name == null) continue;
                (name.SkipReason == null ? applied : skipped).Add(name);
            }

            applied.Sort(CompareApplied);
            skipped.Sort(CompareByPath);

            var appliedPaths = new List<string>(applied.Count);
            foreach (MigrationName name in applied) appliedPaths.Add(name.Path);
            var skippedList = new List<SkippedMigration>(skipped.Count);
            foreach (MigrationName name in skipped) skippedList.Add(new SkippedMigration(name.Path, name.SkipReason!));
            return new OrderedMigrations(appliedPaths, skippedList);
        }

        private static int CompareApplied(MigrationName x, MigrationName y)
        {
            int c = ((int)x.Kind).CompareTo((int)y.Kind);
            if (c != 0) return c;
            switch (x.Kind)
            {
                case MigrationKind.FlywayVersioned:
                    c = CompareVersions(x.Version!, y.Version!);
                    break;
                case MigrationKind.FlywayRepeatable:
                    c = string.CompareOrdinal(x.Description, y.Description);
                    break;
            }
            return c != 0 ? c : CompareByPath(x, y);
        }

        private static int CompareByPath(MigrationName x, MigrationName y)
        {
            int c = NaturalComparer.ComparePaths(x.SortSegments, y.SortSegments);
            return c != 0 ? c : string.CompareOrdinal(x.Path, y.Path);
        }

        /// <summary>Flyway version order: numerically part by part, a missing part counting as 0.</summary>
        internal static int CompareVersions(IReadOnlyList<string> x, IReadOnlyList<string> y)
        {
            int count = Math.Max(x.Count, y.Count);
            for (int k = 0; k < count; k++)
            {
                string a = k < x.Count ? x[k] : "0";
                string b = k < y.Count ? y[k] : "0";
                int c = NaturalComparer.CompareNatural(a, b);
                if (c != 0) return c;
            }
            return 0;
        }
    }

    internal enum MigrationKind
    {
        Plain = 0,
        FlywayVersioned = 1,
        FlywayRepeatable = 2,
    }

    /// <summary>What a file name says about a migration: its convention, sort key, and why it is skipped.</summary>
    internal sealed class MigrationName
    {
        private static readonly string[] MigrationExtensions = { ".up.sql.postgres", ".up.sql", ".sql.postgres", ".sql" };

        private MigrationName(string path, string[] sortSegments)
        {
            Path = path;
            SortSegments = sortSegments;
        }

        public string Path { get; }
        public string[] SortSegments { get; }
        public MigrationKind Kind { get; private set; }
        public IReadOnlyList<string>? Version { get; private set; }
        public string Description { get; private set; } = "";
        public string? SkipReason { get; private set; }

        /// <summary>Null when the file is not a migration at all (ignored silently).</summary>
        public static MigrationName? Classify(string path)
        {
            string[] segments = path.Split('/');
            string fileName = segments[segments.Length - 1];

            if (EndsWith(fileName, ".sql.sqlite"))
            {
                return Skipped(path, segments, fileName, "SQLite-only migration: never applied to PostgreSQL");
            }
            if (!EndsWith(fileName, ".sql") && !EndsWith(fileName, ".sql.postgres"))
            {
                return null;
            }
            if (EndsWith(fileName, ".down.sql") || EndsWith(fileName, ".down.sql.postgres"))
            {
                return Skipped(path, segments, fileName, "down migration: never applied on upgrade");
            }

            string stem = StripExtension(fileName);
            if (TrySplitFlyway(stem, 'U', out _, out _))
            {
                return Skipped(path, segments, fileName, "Flyway undo migration: never applied on upgrade");
            }

            var name = new MigrationName(path, SortKey(segments, stem));
            if (TrySplitFlyway(stem, 'V', out List<string>? version, out string description))
            {
                name.Kind = MigrationKind.FlywayVersioned;
                name.Version = version;
                name.Description = description;
            }
            else if (stem.StartsWith("R__", StringComparison.Ordinal) && stem.Length > 3)
            {
                name.Kind = MigrationKind.FlywayRepeatable;
                name.Description = stem.Substring(3);
            }
            return name;
        }

        private static MigrationName Skipped(string path, string[] segments, string fileName, string reason)
        {
            return new MigrationName(path, SortKey(segments, fileName)) { SkipReason = reason };
        }

        private static string[] SortKey(string[] segments, string lastSegment)
        {
            var key = (string[])segments.Clone();
            key[key.Length - 1] = lastSegment;
            return key;
        }

        private static bool EndsWith(string s, string suffix) => s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

        private static string StripExtension(string fileName)
        {
            foreach (string extension in MigrationExtensions)
            {
                if (EndsWith(fileName, extension)) return fileName.Substring(0, fileName.Length - extension.Length);
            }
            return fileName;
        }

        /// <summary>
        /// Flyway's <c>&lt;prefix&gt;&lt;version&gt;__&lt;description&gt;</c>: version is digit runs separated by
        /// single '.' or '_', ended by the first "__".
        /// </summary>
        private static bool TrySplitFlyway(string stem, char prefix, out List<string>? version, out string description)
        {
            version = null;
            description = "";
            if (stem.Length < 4 || stem[0] != prefix) return false;
            int separator = stem.IndexOf("__", 1, StringComparison.Ordinal);
            if (separator <= 1) return false;

            var parts = new List<string>();
            int start = 1;
            for (int k = 1; k <= separator; k++)
            {
                if (k == separator || stem[k] == '.' || stem[k] == '_')
                {
                    if (k == start) return false; // empty part: "V1..2__" or "V.1__"
                    parts.Add(stem.Substring(start, k - start));
                    start = k + 1;
                }
                else if (stem[k] < '0' || stem[k] > '9')
                {
                    return false;
                }
            }
            version = parts;
            description = stem.Substring(separator + 2);
            return true;
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
