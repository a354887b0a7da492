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
            IReadOnlyList<string>? indexNames = null, KeyFixBuilder? builder = null, bool knownUnique = false, bool addsPrimaryKey = false,
            IndexObject? identityIndex = null, IReadOnlyList<TextEdit>? alsoEdits = null, string? alsoTitle = null)
        {
            AlsoEdits = alsoEdits;
            AlsoTitle = alsoTitle;
            IdentityIndex = identityIndex;
            AddsPrimaryKey = addsPrimaryKey;
            Builder = builder;
            KnownUnique = knownUnique;
            KeyColumns = keyColumns;
            IndexNames = indexNames ?? NoNames;
            CreatedIndex = createdIndex;
            WithFreeIndexName = withFreeIndexName;
        }

        /// <summary>The fix adds a primary key (alone or with other edits): a later ADD PRIMARY KEY would then fail.</summary>
        public bool AddsPrimaryKey { get; }

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
        /// For a new primary key (RG1002): builds it again on more columns, or as a unique index used as the identity,
        /// when the later history rules the key out as offered (see <see cref="LaterHistory"/>).
        /// </summary>
        public KeyFixBuilder? Builder { get; }

        /// <summary>
        /// What the fix does besides its key (the last resort's filter removals), for <see cref="Builder"/>'s rebuilt
        /// key: those edits and the words that describe them.
        /// </summary>
        public IReadOnlyList<TextEdit>? AlsoEdits { get; }

        /// <summary>See <see cref="AlsoEdits"/>.</summary>
        public string? AlsoTitle { get; }

        /// <summary>The existing index the fix makes the identity (REPLICA IDENTITY USING INDEX), if any.</summary>
        public IndexObject? IdentityIndex { get; }

        /// <summary>The key's columns are a unique index's: no duplicates to fear.</summary>
        public bool KnownUnique { get; }
    }
}
