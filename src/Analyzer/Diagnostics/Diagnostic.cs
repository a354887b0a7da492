using System;
using System.Collections.Generic;
using System.Threading;

namespace ReplicaGuard.Diagnostics
{
    /// <summary>One result of an analysis, with everything a front end needs to show and fix it.</summary>
    public sealed class Diagnostic
    {
        private IReadOnlyList<CodeFix>? _fixes;
        private FixSource? _buildFixes;

        public Diagnostic(
            RuleDescriptor rule,
            Severity severity,
            string message,
            Location location,
            string? objectName,
            IReadOnlyList<Location> relatedLocations,
            IReadOnlyList<CodeFix> fixes)
            : this(rule, severity, message, location, objectName, relatedLocations, fixes, null)
        {
        }

        /// <summary>
        /// A result whose fixes are built on the first read of <see cref="Fixes"/>: the IDE's analyzer shows results
        /// and never reads their fixes, which are most of a result's text. <paramref name="buildFixes"/> must give
        /// the same fixes whenever it is called (it may run more than once when threads race).
        /// </summary>
        public Diagnostic(
            RuleDescriptor rule,
            Severity severity,
            string message,
            Location location,
            string? objectName,
            IReadOnlyList<Location> relatedLocations,
            Func<IReadOnlyList<CodeFix>> buildFixes)
            : this(rule, severity, message, location, objectName, relatedLocations, new FactoryFixes(buildFixes))
        {
        }

        /// <summary>A result whose fixes <paramref name="source"/> builds on the first read (one source may serve many results).</summary>
        internal Diagnostic(
            RuleDescriptor rule,
            Severity severity,
            string message,
            Location location,
            string? objectName,
            IReadOnlyList<Location> relatedLocations,
            FixSource source)
            : this(rule, severity, message, location, objectName, relatedLocations, null, source)
        {
        }

        /// <summary>Either the fixes or the source that builds them.</summary>
        private Diagnostic(
            RuleDescriptor rule,
            Severity severity,
            string message,
            Location location,
            string? objectName,
            IReadOnlyList<Location> relatedLocations,
            IReadOnlyList<CodeFix>? fixes,
            FixSource? source)
        {
            Rule = rule;
            Severity = severity;
            Message = message;
            Location = location;
            ObjectName = objectName;
            RelatedLocations = relatedLocations;
            _fixes = fixes;
            _buildFixes = source;
        }

        public RuleDescriptor Rule { get; }
        public string Id => Rule.Id;
        public Severity Severity { get; }
        public string Message { get; }
        public Location Location { get; }

        /// <summary>The object concerned as PostgreSQL stores it, unquoted: <c>schema.table</c>. Null when none.</summary>
        public string? ObjectName { get; }

        public IReadOnlyList<Location> RelatedLocations { get; }

        /// <summary>Fixes, best first.</summary>
        public IReadOnlyList<CodeFix> Fixes => _fixes ?? BuildFixes();

        /// <summary>The fixes are not read yet and will come from another replay of the history (<see cref="FixBuilding.OnFirstRead"/>).</summary>
        internal bool FixesAwaitAnotherReplay => Volatile.Read(ref _buildFixes) is DeferredFixes;

        private IReadOnlyList<CodeFix> BuildFixes()
        {
            FixSource? source = Volatile.Read(ref _buildFixes);
            if (source == null)
            {
                return Volatile.Read(ref _fixes)!; // another thread built them and let go of the source in between
            }
            IReadOnlyList<CodeFix> built = source.FixesOf(this);
            IReadOnlyList<CodeFix> kept = Interlocked.CompareExchange(ref _fixes, built, null) ?? built;
            Volatile.Write(ref _buildFixes, null);
            return kept;
        }

        private sealed class FactoryFixes : FixSource
        {
            private readonly Func<IReadOnlyList<CodeFix>> _build;

            public FactoryFixes(Func<IReadOnlyList<CodeFix>> build) => _build = build;

            public override IReadOnlyList<CodeFix> FixesOf(Diagnostic diagnostic) => _build();
        }

        public override string ToString() => $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
    }
}
