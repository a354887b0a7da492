using System;
using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// What a fix takes for granted about the rest of the history. A fix placed before a statement (RG1002) is
    /// computed before the later statements are known; the rule checks these at the end of the history.
    /// </summary>
    public sealed class FixAssumptions
    {
        private static readonly string[] NoNames = new string[0];

        public FixAssumptions(IReadOnlyList<ColumnObject> keyColumns, string? createdIndex = null, Func<Func<string, bool>, CodeFix>? withFreeIndexName = null,
            IReadOnlyList<string>? indexNames = null, IdentityIndexAlternative? asIdentityIndex = null)
        {
            AsIdentityIndex = asIdentityIndex;
            KeyColumns = keyColumns;
            IndexNames = indexNames ?? NoNames;
            CreatedIndex = createdIndex;
            WithFreeIndexName = withFreeIndexName;
        }

        /// <summary>The columns the fix makes a primary key or replica-identity index of: they must stay NOT NULL.</summary>
        public IReadOnlyList<ColumnObject> KeyColumns { get; }

        /// <summary>The index the fix creates by name, if any: no later statement may create that name.</summary>
        public string? CreatedIndex { get; }

        /// <summary>
        /// Index names the fix gives or takes away (a new primary key's index; a promoted index's old name): a later
        /// DROP INDEX / ALTER INDEX / CREATE INDEX of one of them would then fail or act on the key.
        /// </summary>
        public IReadOnlyList<string> IndexNames { get; }

        /// <summary>The same fix creating its index under the first name PostgreSQL's way that the given test does not call taken.</summary>
        public Func<Func<string, bool>, CodeFix>? WithFreeIndexName { get; }

        /// <summary>
        /// For a new primary key: a new unique index on the same columns made the replica identity instead. A later
        /// ADD PRIMARY KEY rules the key out (both would run); it does not rule this out.
        /// </summary>
        public IdentityIndexAlternative? AsIdentityIndex { get; }
    }

    /// <summary>A fix that creates a unique index under a name chosen at the end of the history and makes it the identity.</summary>
    public sealed class IdentityIndexAlternative
    {
        private readonly Func<Func<string, bool>, string> _chooseName;
        private readonly Func<string, CodeFix> _build;

        public IdentityIndexAlternative(Func<Func<string, bool>, string> chooseName, Func<string, CodeFix> build)
        {
            _chooseName = chooseName;
            _build = build;
        }

        /// <summary>The fix under the first name PostgreSQL's way that <paramref name="taken"/> does not call taken.</summary>
        public CodeFix Build(Func<string, bool> taken, out string indexName)
        {
            indexName = _chooseName(taken);
            return _build(indexName);
        }
    }
}
