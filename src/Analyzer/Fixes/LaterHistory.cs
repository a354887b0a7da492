using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// A fix placed before a statement (RG1002) is computed when the replay reaches that statement, before the later
    /// statements are known. At the end of the history, this drops the fixes the later history would break (both
    /// would run: the later statement then fails, or the identity no longer fits), using what each fix assumed
    /// (<see cref="FixAssumptions"/>) and what <see cref="TableChanges"/> saw later.
    /// </summary>
    public static class LaterHistory
    {
        /// <summary>
        /// The fixes minus those a later statement contradicts: a later primary key, a later DROP NOT NULL on a key
        /// column, a later DROP/ALTER/CREATE INDEX of a name the fix gives or takes, a later publication row the new
        /// identity does not fit; a new index whose name a later CREATE INDEX uses takes a free name instead. A new
        /// list: an incremental analysis reports the pending results again after the next edit. The caller resolves the
        /// history's LIKE copies first (<see cref="TableChanges.ResolveCopies"/>). <paramref name="rejected"/>: the statements
        /// PostgreSQL rejects; a fix cannot make a rejected ADD PRIMARY KEY or DROP NOT NULL succeed, so they are no obstacle.
        /// </summary>
        public static List<CodeFix> Allowed(IReadOnlyList<CodeFix> fixes, Dictionary<CodeFix, FixAssumptions> assumed, TableObject table, StatementRef statement, TableChanges changes,
            ISet<StatementRef> rejected, LaterListKey? laterListKey = null)
        {
            StatementRef? keyAddedLater = table.PrimaryKey?.CreatedBy;
            bool keyLater = (keyAddedLater != null && keyAddedLater.Order > statement.Order) || changes.PrimaryKeyAddedAfter(table, statement, rejected);
            var result = new List<CodeFix>(fixes.Count);
            CodeFix? keyBlockedByLaterFilters = null;
            List<CodeFix>? rebuilt = null;
            var rebuiltAssumptions = new Dictionary<CodeFix, FixAssumptions>();
            foreach (CodeFix fix in fixes)
            {
                assumed.TryGetValue(fix, out FixAssumptions? assumptions);
                bool addsKey = IsKeyFix(fix) || (assumptions != null && assumptions.AddsPrimaryKey);
                if (assumptions?.Builder != null && assumptions.AddsPrimaryKey)
                {
                    // A later statement names the key's index (t_pkey): a unique index under a free name avoids it.
                    bool asIndex = keyLater || NamesInTheWay(assumptions, table, statement, changes, rejected);
                    CodeFix? again = Rebuilt(assumptions, asIndex, table, statement, changes, out FixAssumptions? againAssumptions);
                    if (again != null && assumptions.AlsoEdits != null)
                    {
                        var edits = new List<TextEdit>(again.Edits);
                        edits.AddRange(assumptions.AlsoEdits);
                        again = new CodeFix(again.Title + assumptions.AlsoTitle, edits, fix.EquivalenceKey);
                    }
                    if (again != null)
                    {
                        rebuiltAssumptions[again] = againAssumptions!;
                        (rebuilt ??= new List<CodeFix>()).Add(again);
                        continue;
                    }
                }
                if (keyLater && addsKey)
                {
                    continue; // both would run: "multiple primary keys ... are not allowed"
                }
                if (fix.EquivalenceKey == FixKinds.ReplicaIdentityFull && !FitsLaterRows(table, statement, null, filters: true))
                {
                    continue; // a column list added later would then fail with FULL
                }
                if (assumptions == null)
                {
                    if (!IsKeyFix(fix) || !changes.CopiedKeyConflictsAfter(table, statement, null, rejected))
                    {
                        result.Add(fix);
                    }
                    continue;
                }
                if (assumptions.IdentityIndex != null && assumptions.IdentityIndex.Dropped && table.PrimaryKey != null && table.Identity == ReplicaIdentityKind.Default
                    && changes.IndexNameReferencedAfter(assumptions.IdentityIndex.Name, statement))
                {
                    continue; // dropped later, the index leaves the table without identity where its key would have served
                }
                if (changes.NotNullDroppedAfter(assumptions.KeyColumns, statement, rejected) || NamesInTheWay(assumptions, table, statement, changes, rejected))
                {
                    continue; // "column is in a primary key" / "in index used as replica identity"; "cannot drop index"
                }
                if (addsKey && changes.CopiedKeyConflictsAfter(table, statement, assumptions.KeyColumns, rejected))
                {
                    continue; // a later LIKE ... INCLUDING INDEXES copies the key to a table where it breaks a statement
                }
                if ((addsKey || assumptions.CreatedIndex != null) && changes.RejectedAttachAfter(table, statement, rejected))
                {
                    continue; // the NOT NULL the key sets could let a later rejected ATTACH PARTITION succeed
                }
                if (!FitsLaterRows(table, statement, assumptions.KeyColumns, filters: true))
                {
                    if (keyBlockedByLaterFilters == null && fix.EquivalenceKey == FixKinds.AddPrimaryKey && assumptions.CreatedIndex == null
                        && FitsLaterRows(table, statement, assumptions.KeyColumns, filters: false))
                    {
                        keyBlockedByLaterFilters = PublicationListFix.WithLaterFiltersRemoved(fix, table, statement, assumptions.KeyColumns);
                    }
                    continue;
                }
                if (assumptions.CreatedIndex != null && changes.IndexNameCreatedAfter(assumptions.CreatedIndex, table, statement, rejected))
                {
                    if (assumptions.WithFreeIndexName != null)
                    {
                        // The later CREATE INDEX would find the name taken: a name no statement of the history uses.
                        result.Add(assumptions.WithFreeIndexName(NameTaken(table, changes)));
                    }
                    continue;
                }
                result.Add(fix);
            }
            if (rebuilt != null)
            {
                result.AddRange(Allowed(rebuilt, rebuiltAssumptions, table, statement, changes, rejected));
            }
            if (result.Count == 0 && laterListKey != null)
            {
                // The later history ruled out every fix computed at the statement: the key of last resort, checked the same way.
                CodeFix? key = laterListKey.Build(table, changes, rejected, out FixAssumptions? keyAssumptions);
                if (key != null)
                {
                    result.AddRange(Allowed(new[] { key }, new Dictionary<CodeFix, FixAssumptions> { [key] = keyAssumptions! }, table, statement, changes, rejected));
                }
            }
            if (result.Count == 0 && keyBlockedByLaterFilters != null)
            {
                result.Add(keyBlockedByLaterFilters); // the last resort, as for RG1004: later filters no key can fit go
            }
            return result;
        }

        /// <summary>A name a new index of the fix must not take: a relation of the table's schema, or any name the history gives or names.</summary>
        private static System.Func<string, bool> NameTaken(TableObject table, TableChanges changes)
        {
            return name => table.Schema.Relations.ContainsKey(name) || changes.IndexNameCreated(name) || changes.IndexReferences.ContainsKey(name);
        }

        /// <summary>
        /// A key fix built again for the later history (see <see cref="KeyFixBuilder"/>): as a unique index used as the
        /// identity when <paramref name="asIndex"/> (a later ADD PRIMARY KEY: "multiple primary keys"; a later statement
        /// naming the key's index); with later row filters on other columns, widened by those columns (still a key). Null
        /// when neither applies or the filters name columns the table did not have then.
        /// </summary>
        private static CodeFix? Rebuilt(FixAssumptions key, bool asIndex, TableObject table, StatementRef statement, TableChanges changes, out FixAssumptions? assumptions)
        {
            assumptions = null;
            KeyFixBuilder builder = key.Builder!;
            var columns = new List<ColumnObject>(key.KeyColumns);
            foreach (PublicationRelation row in table.PublicationRows.Values)
            {
                if (row.AddedBy == null || row.AddedBy.Order <= statement.Order || row.Publication.Dropped || !row.Publication.PublishesUpdateOrDelete)
                {
                    continue;
                }
                List<ColumnObject>? filter = RowColumns.FilterColumnsOf(row, table);
                if (filter == null)
                {
                    return null;
                }
                foreach (ColumnObject column in filter)
                {
                    if (!builder.Knows(column))
                    {
                        return null;
                    }
                    if (!columns.Contains(column))
                    {
                        columns.Add(column);
                    }
                }
            }
            if (asIndex)
            {
                FixAssumptions indexAssumptions;
                CodeFix index = builder.IdentityIndex(columns, key.KnownUnique, NameTaken(table, changes), out indexAssumptions);
                assumptions = indexAssumptions;
                return index;
            }
            if (columns.Count == key.KeyColumns.Count || !FitsLaterRows(table, statement, columns, filters: true))
            {
                return null; // no later filter to cover, or the wider key does not fit a later column list either
            }
            FixAssumptions widenedAssumptions;
            CodeFix widened = builder.Key(columns, key.KnownUnique, out widenedAssumptions);
            assumptions = widenedAssumptions;
            return widened;
        }

        /// <summary>
        /// The identity the fix sets (a key on these columns, or FULL when null) fits the row filters (unless
        /// <paramref name="filters"/> is false) and column lists that publications add for the table after the statement
        /// (the fix was computed before they existed).
        /// </summary>
        private static bool FitsLaterRows(TableObject table, StatementRef statement, IReadOnlyList<ColumnObject>? keyColumns, bool filters)
        {
            foreach (PublicationRelation row in table.PublicationRows.Values)
            {
                if (row.AddedBy == null || row.AddedBy.Order <= statement.Order || row.Publication.Dropped || !row.Publication.PublishesUpdateOrDelete)
                {
                    continue;
                }
                if (keyColumns == null)
                {
                    if (row.Columns != null)
                    {
                        return false;
                    }
                    continue;
                }
                foreach (ColumnObject column in keyColumns)
                {
                    if (row.Columns != null && !row.Columns.Contains(column))
                    {
                        return false;
                    }
                }
                if (filters && row.RowFilterColumns != null && !row.RowFilterColumns.TrueForAll(c => ContainsColumn(keyColumns, c)))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsKeyFix(CodeFix fix) => fix.EquivalenceKey == FixKinds.AddPrimaryKey || fix.EquivalenceKey == FixKinds.PromoteIndexToPrimaryKey;

        private static bool ContainsColumn(IReadOnlyList<ColumnObject> columns, ColumnObject column)
        {
            foreach (ColumnObject c in columns)
            {
                if (c == column)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool NamesInTheWay(FixAssumptions assumptions, TableObject table, StatementRef statement, TableChanges changes, ISet<StatementRef> rejected)
        {
            foreach (string name in assumptions.IndexNames)
            {
                if (changes.IndexNameReferencedAfter(name, statement) || changes.IndexNameCreatedAfter(name, table, statement, rejected) || changes.IndexNameUsedAfter(name, statement)
                    || changes.NameTakenInRejectionAfter(name, statement))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
