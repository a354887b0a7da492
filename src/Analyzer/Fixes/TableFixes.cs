using System;
using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Profiles;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// The fixes for a diagnostic about a table, best first (design.md "Fixes"): promote a unique NOT NULL index
    /// to the primary key, REPLICA IDENTITY USING INDEX, add a primary key on a candidate key, REPLICA IDENTITY
    /// FULL, take the table out of an explicit publication list. Only what PostgreSQL accepts on an empty table.
    /// </summary>
    public static class TableFixes
    {
        public static List<CodeFix> For(FixRequest request)
        {
            var fixes = new List<CodeFix>();
            TableObject table = request.Table;
            if (table.Dropped)
            {
                return fixes;
            }
            // A later DROP INDEX / ALTER INDEX of the name PostgreSQL gives the new key would then act on it: offer no key fix.
            bool keyRepairs = !request.IndexNameReferencedAfterFix(PrimaryKeyName(table), null);
            if (table.PrimaryKey == null && keyRepairs)
            {
                foreach (IndexObject index in table.Indexes)
                {
                    if (CanPromote(index) && Fits(request, KeyNames(index))
                        && !request.IndexNameReferencedAfterFix(index.Name, index)
                        && (request.NamesTakenInRejections == null || !request.NamesTakenInRejections.Contains(index.Name)))
                    {
                        fixes.Add(Promote(request, index));
                    }
                }
            }
            if (request.Goal != FixGoal.Key && table.PrimaryKey != null && table.Identity != ReplicaIdentityKind.Default && !table.PrimaryKey.Dropped)
            {
                // Not USING INDEX on the key: DEFAULT says the same and stays right if the key is replaced.
                CodeFix reset = DefaultIdentity(request, " becomes the identity");
                // A column list that leaves out a key column: DEFAULT and the wider list together.
                CodeFix? fitting = Fits(request, KeyNames(table.PrimaryKey)) ? reset : PublicationListFix.AddKeyColumns(request, table.PrimaryKey.KeyColumns, reset);
                if (fitting != null)
                {
                    fixes.Add(Keyed(request, fitting, IndexColumns(table.PrimaryKey)));
                }
            }
            if (request.Goal != FixGoal.Key)
            {
                foreach (IndexObject index in table.Indexes)
                {
                    if (!index.Dropped && index.Valid && index.ParentIndex == null && !index.IsPrimary && index != IdentityRules.IdentityIndex(table)
                        && Replayer.IdentityIndexProblem(table, index) == null && Fits(request, KeyNames(index)))
                    {
                        fixes.Add(UsingIndex(request, index));
                    }
                }
            }
            if (request.Goal == FixGoal.FitPublication && fixes.Count == 0)
            {
                CodeFix? covering = CoveringIndexIdentity(request);
                if (covering != null)
                {
                    fixes.Add(covering); // no existing index fits the filter: a key widened by the filter's columns does
                }
            }
            if (table.PrimaryKey == null && keyRepairs)
            {
                AddPrimaryKeyFixes(request, fixes);
            }
            else if (table.PrimaryKey == null && request.Goal != FixGoal.Key && !table.IsPartitioned)
            {
                AddKeysAsIdentityIndexes(request, fixes);
            }
            if (request.Goal != FixGoal.Key && table.Identity != ReplicaIdentityKind.Full
                && ConsumerProfile.Of(request.Settings).FullIsEnough && FullFits(request))
            {
                fixes.Add(new CodeFix(
                    "Set REPLICA IDENTITY FULL on " + table.QualifiedName + " (every UPDATE then logs the whole old row)",
                    new[] { AlterEdit(request, null, "ALTER TABLE " + FixText.Qualified(table) + " REPLICA IDENTITY FULL;") },
                    FixKinds.ReplicaIdentityFull));
            }
            if (request.Goal == FixGoal.FitPublication)
            {
                CodeFix? widen = PublicationListFix.AddIdentityColumns(request);
                if (widen != null)
                {
                    fixes.Add(widen);
                }
            }
            CodeFix? remove = PublicationListFix.Remove(request);
            if (remove != null)
            {
                fixes.Add(remove);
            }
            if (request.Goal != FixGoal.Key && fixes.Count == 0)
            {
                // The last resort: it publishes more rows. A table without identity also needs the key that fits once
                // the filters are gone.
                CodeFix? unfiltered = NeedsKey(request, keyRepairs) ? RemoveRowFiltersAndAddKey(request)
                    : NeedsKey(request, keyRepairs: true) ? RemoveRowFiltersAndAddIdentityIndex(request)
                    : table.PrimaryKey != null && table.Identity != ReplicaIdentityKind.Default ? RemoveRowFiltersAndUseKey(request)
                    : PublicationListFix.RemoveRowFilters(request, null, null);
                if (unfiltered != null)
                {
                    fixes.Add(unfiltered);
                }
            }
            return fixes;
        }

        /// <summary>
        /// RG1002: what a key on the columns every column list publishes needs, to be built at the end of the history when
        /// lists added later rule out every other fix (see <see cref="LaterListKey"/>).
        /// </summary>
        public static LaterListKey? KeyForLaterLists(FixRequest request)
        {
            TableObject table = request.Table;
            if (table.Dropped || request.IndexNameReferencedAfterFix(PrimaryKeyName(table), null))
            {
                return null;
            }
            return LaterListKey.For(request, BuilderOf(request));
        }

        /// <summary>One builder per request: it takes the table's columns and names as they are now.</summary>
        private static KeyFixBuilder BuilderOf(FixRequest request)
        {
            return request.KeyBuilder ??= new KeyFixBuilder(request, PrimaryKeyName(request.Table), ResetIdentity(request), ResetIdentityTitle(request));
        }

        /// <summary>No identity that fits once the filters are gone: none at all, or FULL under a column list (never fits).</summary>
        private static bool NeedsKey(FixRequest request, bool keyRepairs)
        {
            TableObject table = request.Table;
            return keyRepairs && table.PrimaryKey == null && IdentityRules.IdentityIndex(table) == null
                && (table.Identity != ReplicaIdentityKind.Full || !FullFits(request));
        }

        /// <summary>The best primary key that fits once the row filters are gone, with the removal of those filters.</summary>
        private static CodeFix? RemoveRowFiltersAndAddKey(FixRequest request)
        {
            CodeFix? key = KeyWithoutRowFilters(request, out FixAssumptions? keyAssumptions);
            if (key == null)
            {
                return null;
            }
            CodeFix? fix = PublicationListFix.RemoveRowFilters(request, key, keyAssumptions!.KeyColumns);
            if (fix == null)
            {
                return null;
            }
            // The key's assumptions; a key rebuilt for the later history keeps the filter removals (the edits after the key's).
            var removals = new List<TextEdit>(fix.Edits).GetRange(key.Edits.Count, fix.Edits.Count - key.Edits.Count);
            return Keyed(request, fix, new FixAssumptions(keyAssumptions.KeyColumns, indexNames: keyAssumptions.IndexNames, builder: keyAssumptions.Builder,
                knownUnique: keyAssumptions.KnownUnique, addsPrimaryKey: true, alsoEdits: removals, alsoTitle: fix.Title.Substring(key.Title.Length)));
        }

        /// <summary>
        /// The same when a later statement names the index a new key would get (t_pkey): the key as a unique index under
        /// a free name, used as the identity (as <see cref="AddKeysAsIdentityIndexes"/>), with the filters' removal.
        /// </summary>
        private static CodeFix? RemoveRowFiltersAndAddIdentityIndex(FixRequest request)
        {
            if (request.Table.IsPartitioned || KeyWithoutRowFilters(request, out FixAssumptions? keyAssumptions) == null)
            {
                return null;
            }
            CodeFix index = IdentityIndexInsteadOfKey(request, BuilderOf(request), keyAssumptions!, out FixAssumptions indexAssumptions);
            CodeFix? fix = PublicationListFix.RemoveRowFilters(request, index, keyAssumptions!.KeyColumns);
            return fix == null ? null : Keyed(request, fix, indexAssumptions);
        }

        /// <summary>The best primary key that fits once the row filters are gone, with its assumptions; null when there is none.</summary>
        private static CodeFix? KeyWithoutRowFilters(FixRequest request, out FixAssumptions? assumptions)
        {
            var assumed = new Dictionary<CodeFix, FixAssumptions>();
            var keys = new List<CodeFix>();
            AddPrimaryKeyFixes(request.WithoutRowFilters(assumed), keys);
            assumptions = keys.Count == 0 ? null : assumed[keys[0]];
            return keys.Count == 0 ? null : keys[0];
        }

        /// <summary>The key <paramref name="key"/> describes, as a unique index under a name free in the schema and in later statements, used as the identity.</summary>
        private static CodeFix IdentityIndexInsteadOfKey(FixRequest request, KeyFixBuilder builder, FixAssumptions key, out FixAssumptions assumptions)
        {
            TableObject table = request.Table;
            return builder.IdentityIndex(key.KeyColumns, key.KnownUnique,
                name => table.Schema.Relations.ContainsKey(name) || (request.IndexReferences != null && request.IndexReferences.ContainsKey(name)), out assumptions);
        }

        /// <summary>
        /// The table has a primary key, but its identity is something else that cannot fit (NOTHING, FULL under a column
        /// list, an index): back to DEFAULT, so the key is the identity, and the filters the key does not cover go.
        /// </summary>
        private static CodeFix? RemoveRowFiltersAndUseKey(FixRequest request)
        {
            TableObject table = request.Table;
            IndexObject key = table.PrimaryKey!;
            List<ColumnObject> columns = IndexColumns(key);
            if (columns.Count != key.KeyColumns.Length)
            {
                return null;
            }
            CodeFix? fix = PublicationListFix.RemoveRowFilters(request, DefaultIdentity(request, ""), columns);
            return fix == null ? null : Keyed(request, fix, columns);
        }

        /// <summary>REPLICA IDENTITY DEFAULT on a table with a primary key: the key becomes the identity.</summary>
        private static CodeFix DefaultIdentity(FixRequest request, string titleEnd)
        {
            TableObject table = request.Table;
            return new CodeFix("Set REPLICA IDENTITY DEFAULT on " + table.QualifiedName + " (its primary key " + table.PrimaryKey!.Name + titleEnd + ")",
                new[] { AlterEdit(request, null, "ALTER TABLE " + FixText.Qualified(table) + " REPLICA IDENTITY DEFAULT;") }, FixKinds.ReplicaIdentityDefault);
        }

        /// <summary>ADD CONSTRAINT ... PRIMARY KEY USING INDEX accepts it (index_check_primary_key and friends), on NOT NULL columns.</summary>
        private static bool CanPromote(IndexObject index)
        {
            if (index.Dropped || !index.Valid || !index.Unique || index.IsConstraint || index.HasExpressions || index.HasPredicate
                || index.Deferrable || index.Method != "btree" || !index.DefaultOrdering || index.Table.IsPartitioned || index.ParentIndex != null)
            {
                return false; // an index a partitioned parent's index created carries a derived name: not offered
            }
            var seen = new HashSet<ColumnObject>();
            foreach (ColumnObject? column in index.KeyColumns)
            {
                if (column == null || !column.NotNull || !seen.Add(column))
                {
                    return false; // a primary key names each column once
                }
            }
            return index.KeyColumns.Length > 0;
        }

        private static CodeFix Promote(FixRequest request, IndexObject index)
        {
            TableObject table = request.Table;
            string constraint = PrimaryKeyName(table);
            string sql = table.Schema.Relations.ContainsKey(constraint) && constraint != index.Name
                ? "ALTER TABLE " + FixText.Qualified(table) + " ADD PRIMARY KEY USING INDEX " + Identifiers.Quote(index.Name) + ResetIdentity(request) + ";"
                : "ALTER TABLE " + FixText.Qualified(table) + " ADD CONSTRAINT " + Identifiers.Quote(constraint) + " PRIMARY KEY USING INDEX " + Identifiers.Quote(index.Name) + ResetIdentity(request) + ";";
            return Keyed(request, new CodeFix(
                "Make unique index " + index.Name + " the primary key of " + table.QualifiedName + ResetIdentityTitle(request),
                new[] { AlterEdit(request, index, sql) },
                FixKinds.PromoteIndexToPrimaryKey), new FixAssumptions(IndexColumns(index), indexNames: new[] { constraint, index.Name }, addsPrimaryKey: true));
        }

        private static CodeFix UsingIndex(FixRequest request, IndexObject index)
        {
            TableObject table = request.Table;
            return Keyed(request, new CodeFix(
                "Set REPLICA IDENTITY USING INDEX " + index.Name + " on " + table.QualifiedName,
                new[] { AlterEdit(request, index, "ALTER TABLE " + FixText.Qualified(table) + " REPLICA IDENTITY USING INDEX " + Identifiers.Quote(index.Name) + ";") },
                FixKinds.ReplicaIdentityUsingIndex), new FixAssumptions(IndexColumns(index), identityIndex: index));
        }

        /// <summary>
        /// A primary key is the replica identity only under REPLICA IDENTITY DEFAULT: a key fix for a table whose
        /// identity is NOTHING, FULL or an index also sets DEFAULT (in the same ALTER TABLE).
        /// </summary>
        private static string ResetIdentity(FixRequest request)
        {
            return request.Goal != FixGoal.Key && request.Table.Identity != ReplicaIdentityKind.Default ? ", REPLICA IDENTITY DEFAULT" : "";
        }

        private static string ResetIdentityTitle(FixRequest request)
        {
            return ResetIdentity(request).Length == 0 ? "" : " and set its REPLICA IDENTITY back to DEFAULT";
        }

        /// <summary>The name PostgreSQL gives an unnamed primary key (ChooseConstraintName: makeObjectName(table, NULL, "pkey")).</summary>
        private static string PrimaryKeyName(TableObject table) => IndexNaming.MakeObjectName(table.Name, null, "pkey");

        /// <summary>Records what the fix assumes (see <see cref="FixRequest.Assumptions"/>).</summary>
        private static CodeFix Keyed(FixRequest request, CodeFix fix, IReadOnlyList<ColumnObject> columns)
        {
            return Keyed(request, fix, new FixAssumptions(columns));
        }

        private static CodeFix Keyed(FixRequest request, CodeFix fix, FixAssumptions assumptions)
        {
            if (request.Assumptions != null)
            {
                request.Assumptions[fix] = assumptions;
            }
            return fix;
        }

        private static List<ColumnObject> IndexColumns(IndexObject index)
        {
            var columns = new List<ColumnObject>(index.KeyColumns.Length);
            foreach (ColumnObject? column in index.KeyColumns)
            {
                if (column != null)
                {
                    columns.Add(column);
                }
            }
            return columns;
        }

        /// <summary>
        /// A row filter on columns outside every unique key (RG1004, PG 15+): a new unique index on a unique key's
        /// columns plus the filter's columns is unique too, and as the identity it covers the filter. Its columns
        /// must be NOT NULL (SET NOT NULL first) and inside every column list; FULL never fits a column list.
        /// </summary>
        private static CodeFix? CoveringIndexIdentity(FixRequest request)
        {
            TableObject table = request.Table;
            IndexObject? key = table.PrimaryKey ?? table.Indexes.Find(i => !i.Dropped && i.QualifiesForIdentity && !i.HasExpressions && i.Method == "btree");
            if (request.Settings.PostgresVersion < 15 || table.IsPartitioned || key == null || key.Dropped || key.HasExpressions)
            {
                return null;
            }
            var columns = new List<ColumnObject>();
            foreach (ColumnObject? column in key.KeyColumns)
            {
                if (column == null)
                {
                    return null;
                }
                if (!columns.Contains(column))
                {
                    columns.Add(column);
                }
            }
            foreach (PublicationRelation row in CheckedRows(request))
            {
                List<ColumnObject>? filterColumns = FilterColumns(request, row);
                if (filterColumns == null)
                {
                    return null;
                }
                foreach (ColumnObject column in filterColumns)
                {
                    if (!columns.Contains(column))
                    {
                        columns.Add(column);
                    }
                }
            }
            var names = new List<string>();
            foreach (ColumnObject column in columns)
            {
                if (column.Generated != GeneratedKind.None || column.LacksBtreeOrdering || !table.Columns.Contains(column))
                {
                    return null;
                }
                names.Add(column.Name);
            }
            string index = IndexNaming.Choose(table.Name, names, IndexNaming.Kind.UniqueConstraint, _ => false);
            if (names.Count == key.KeyColumns.Length || !Fits(request, names) || table.Schema.Relations.ContainsKey(index)
                || request.IndexNameReferencedAfterFix(index, null))
            {
                return null; // the filter adds no column (then it is not the problem), or a list or a name is in the way
            }
            // The builder keeps the names and landing point of now: LaterHistory may build the fix again under another name.
            KeyFixBuilder builder = BuilderOf(request);
            Func<Func<string, bool>, CodeFix> withFreeName = taken => builder.IdentityIndex(columns, knownUnique: true, taken, out FixAssumptions _);
            return Keyed(request, builder.IdentityIndexNamed(columns, knownUnique: true, index), new FixAssumptions(columns, index, withFreeName));
        }

        /// <summary>
        /// A later DROP INDEX / ALTER INDEX names the index PostgreSQL would give a new key (t_pkey): the keys
        /// <see cref="AddPrimaryKeyFixes"/> would offer, each as a unique index under a free name used as the identity.
        /// </summary>
        private static void AddKeysAsIdentityIndexes(FixRequest request, List<CodeFix> fixes)
        {
            var assumed = new Dictionary<CodeFix, FixAssumptions>();
            var keys = new List<CodeFix>();
            AddPrimaryKeyFixes(request.WithAssumptions(assumed), keys);
            KeyFixBuilder builder = BuilderOf(request);
            foreach (CodeFix key in keys)
            {
                CodeFix index = IdentityIndexInsteadOfKey(request, builder, assumed[key], out FixAssumptions indexAssumptions);
                fixes.Add(Keyed(request, index, indexAssumptions));
            }
        }

        /// <summary>Primary keys on the columns of a unique index that cannot be promoted as is, or on a likely key column.</summary>
        private static void AddPrimaryKeyFixes(FixRequest request, List<CodeFix> fixes)
        {
            TableObject table = request.Table;
            var seen = new HashSet<string>();
            foreach (IndexObject index in table.Indexes)
            {
                if (index.Dropped || !index.Unique || index.HasExpressions || index.HasPredicate || CanPromote(index) || index.KeyColumns.Length == 0)
                {
                    continue;
                }
                var columns = new List<ColumnObject>();
                foreach (ColumnObject? column in index.KeyColumns)
                {
                    if (column != null && !columns.Contains(column))
                    {
                        columns.Add(column); // a key names each column once ("appears twice in primary key")
                    }
                }
                AddPrimaryKeyFix(request, columns, "unique", seen, fixes);
            }
            if (table.IsPartitioned)
            {
                return; // a primary key must contain the partition key, which only a unique index is sure to
            }
            // No unique index: an identity column or one named "id", else the only column (alembic_version's case).
            ColumnObject? candidate = table.Columns.Find(c => c.IsIdentity) ?? table.Columns.Find(c => c.Name == "id")
                ?? (table.Columns.Count == 1 && !table.ColumnsUnknown ? table.Columns[0] : null);
            if (candidate != null && candidate.Generated == GeneratedKind.None)
            {
                AddPrimaryKeyFix(request, new List<ColumnObject> { candidate }, "not known to be unique", seen, fixes);
            }
            else if (candidate == null && fixes.Count == 0)
            {
                // Nothing else fits, and FULL never fits a column list: the columns every list publishes are
                // what a subscriber can key on.
                List<ColumnObject>? listed = ColumnsEveryListPublishes(request);
                if (listed != null)
                {
                    AddPrimaryKeyFix(request, listed, "not known to be unique", seen, fixes);
                }
            }
        }

        /// <summary>The table's columns (in table order, not generated, with a btree ordering) that every checked column list names; null when there is no list or no such column.</summary>
        private static List<ColumnObject>? ColumnsEveryListPublishes(FixRequest request)
        {
            List<PublicationRelation> lists = new List<PublicationRelation>();
            foreach (PublicationRelation row in CheckedRows(request))
            {
                if (row.Columns != null)
                {
                    lists.Add(row);
                }
            }
            if (lists.Count == 0 || request.Settings.PostgresVersion < 15)
            {
                return null;
            }
            var columns = new List<ColumnObject>();
            foreach (ColumnObject column in request.Table.Columns)
            {
                if (column.Generated == GeneratedKind.None && !column.LacksBtreeOrdering && lists.TrueForAll(row => row.ListsColumn(column.Name)))
                {
                    columns.Add(column);
                }
            }
            return columns.Count == 0 ? null : columns;
        }

        private static void AddPrimaryKeyFix(FixRequest request, List<ColumnObject> columns, string known, HashSet<string> seen, List<CodeFix> fixes)
        {
            if (request.Goal != FixGoal.Key)
            {
                // A row filter's columns must be in the identity: a key widened by them is still a key. Also for a table
                // without identity (RG1001/RG1002): a key outside the filter would trade one failure for another.
                foreach (PublicationRelation row in CheckedRows(request))
                {
                    List<ColumnObject>? filterColumns = FilterColumns(request, row);
                    if (filterColumns == null)
                    {
                        return;
                    }
                    foreach (ColumnObject column in filterColumns)
                    {
                        if (column.Generated != GeneratedKind.None || !request.Table.Columns.Contains(column))
                        {
                            return;
                        }
                        if (!columns.Contains(column))
                        {
                            columns = new List<ColumnObject>(columns) { column };
                        }
                    }
                }
            }
            var names = new List<string>();
            var nullable = new List<string>();
            foreach (ColumnObject column in columns)
            {
                if (column.LacksBtreeOrdering)
                {
                    return; // "data type json has no default operator class for access method btree"
                }
                names.Add(column.Name);
                if (!column.NotNull)
                {
                    nullable.Add(column.Name);
                }
            }
            string list = Join(names);
            if (!seen.Add(list) || !Fits(request, names))
            {
                return;
            }

            string title = "Add a primary key (" + list + ") to " + request.Table.QualifiedName + ResetIdentityTitle(request)
                + FixText.FailureRisk(known != "unique", nullable);
            TextEdit edit = (ResetIdentity(request).Length == 0 ? CreateTablePlacement.InsideCreate(request, names, "PRIMARY KEY (" + list + ")") : null)
                ?? AlterEdit(request, null, "ALTER TABLE " + FixText.Qualified(request.Table) + " ADD PRIMARY KEY (" + list + ")" + ResetIdentity(request) + ";");
            // RG1002 (assumptions recorded): the later history may need this key built again (see KeyFixBuilder).
            KeyFixBuilder? builder = request.Assumptions != null && request.Goal != FixGoal.Key && !request.Table.IsPartitioned ? BuilderOf(request) : null;
            fixes.Add(Keyed(request, new CodeFix(title, new[] { edit }, FixKinds.AddPrimaryKey),
                new FixAssumptions(columns, indexNames: new[] { PrimaryKeyName(request.Table) }, builder: builder, knownUnique: known == "unique", addsPrimaryKey: true)));
        }

        private static string Join(List<string> names)
        {
            var sb = new StringBuilder();
            foreach (string name in names)
            {
                if (sb.Length > 0)
                {
                    sb.Append(", ");
                }
                sb.Append(Identifiers.Quote(name));
            }
            return sb.ToString();
        }

        private static List<string> KeyNames(IndexObject index)
        {
            var names = new List<string>();
            foreach (ColumnObject? column in index.KeyColumns)
            {
                if (column != null)
                {
                    names.Add(column.Name);
                }
            }
            return names;
        }

        /// <summary>An identity on these key columns passes every covering row filter and column list (PG 15+).</summary>
        private static bool Fits(FixRequest request, List<string> keyColumns)
        {
            if (request.Settings.PostgresVersion < 15)
            {
                return true;
            }
            foreach (PublicationRelation row in CheckedRows(request))
            {
                if (!request.IgnoresRowFilters && row.RowFilterColumns != null && !row.RowFilterColumns.TrueForAll(c => keyColumns.Contains(c.Name)))
                {
                    return false;
                }
                if (row.Columns != null && !keyColumns.TrueForAll(row.ListsColumn))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The row filter's columns as the table's own (none when the request ignores filters; null when one is not the table's).</summary>
        private static List<ColumnObject>? FilterColumns(FixRequest request, PublicationRelation row)
        {
            return request.IgnoresRowFilters ? new List<ColumnObject>() : RowColumns.FilterColumnsOf(row, request.Table);
        }

        /// <summary>FULL fails with any column list (PG 15+); every column counts for a row filter.</summary>
        private static bool FullFits(FixRequest request)
        {
            if (request.Settings.PostgresVersion < 15)
            {
                return true;
            }
            foreach (PublicationRelation row in CheckedRows(request))
            {
                if (row.Columns != null)
                {
                    return false;
                }
            }
            return true;
        }

        private static IEnumerable<PublicationRelation> CheckedRows(FixRequest request)
        {
            foreach (Coverage coverage in request.CheckedCoverage())
            {
                yield return coverage.Row!;
            }
        }

        /// <summary>An ALTER TABLE placed right after the CREATE TABLE when that is possible, else after (or before) the diagnosed statement.</summary>
        private static TextEdit AlterEdit(FixRequest request, IndexObject? index, string sql)
        {
            return CreateTablePlacement.Frozen(request, index)(sql);
        }
    }
}
