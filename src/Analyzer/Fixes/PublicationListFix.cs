using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;
using PublicationItem = ReplicaGuard.Syntax.Ast.PublicationObject;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// Takes the table out of the explicit FOR TABLE / ADD TABLE list that publishes it, when that list is the only
    /// thing making UPDATE or DELETE on it checked.
    /// </summary>
    internal static class PublicationListFix
    {
        public static CodeFix? Remove(FixRequest request)
        {
            Coverage? only = null;
            foreach (Coverage coverage in request.Coverage)
            {
                if ((coverage.Publication.Publish & request.FailingActions) == 0)
                {
                    continue; // it never checks the failing action
                }
                if (only != null)
                {
                    return null; // several publications: one removal does not repair it
                }
                only = coverage;
            }
            if (only == null || only.Row == null || only.Row.Table != request.Table || only.Row.AddedBy == null
                || only.Publication.Schemas.ContainsKey(request.Table.Schema))
            {
                return null;
            }
            if (AncestorIsMember(request.Table, only.Publication))
            {
                return null; // a parent listed without ONLY (or the partition root) would publish it again
            }
            StatementRef added = only.Row.AddedBy;
            if (request.TablesInRejectedPublicationChanges != null
                && request.TablesInRejectedPublicationChanges.TryGetValue(request.Table.Name, out StatementRef? rejected) && rejected.Order > added.Order)
            {
                return null; // a later rejected ADD/SET naming it could then succeed and publish more
            }
            if (request.PublicationsWithRejectedChanges != null
                && request.PublicationsWithRejectedChanges.TryGetValue(only.Publication.Name, out StatementRef? rejectedChange) && rejectedChange.Order > added.Order)
            {
                return null; // a later rejected ADD/SET of this publication could then succeed (a schema once no list is left)
            }
            List<TextEdit>? edits = only.Row.Item == null ? null : RemovalEdits(added, only.Row.Item, only.Row.RepeatedItems);
            if (edits == null)
            {
                return null;
            }
            return new CodeFix(
                "Remove " + request.Table.QualifiedName + " from publication " + only.Publication.Name,
                edits,
                FixKinds.RemoveFromPublication);
        }

        /// <summary>
        /// An ancestor the publication publishes (an inheritance parent listed without ONLY publishes its children; a
        /// partitioned table, listed or in a published schema, publishes its partitions).
        /// </summary>
        private static bool AncestorIsMember(TableObject table, Model.PublicationObject publication)
        {
            var seen = new HashSet<TableObject>();
            var pending = new Stack<TableObject>(); // a work list: inheritance chains can be deep
            pending.Push(table);
            while (pending.Count > 0)
            {
                TableObject current = pending.Pop();
                if (current.PartitionParent != null && seen.Add(current.PartitionParent))
                {
                    TableObject root = current.PartitionParent;
                    if (publication.Tables.Contains(root) || publication.Schemas.ContainsKey(root.Schema))
                    {
                        return true;
                    }
                    pending.Push(root);
                }
                foreach (TableObject parent in current.InheritParents)
                {
                    if (seen.Add(parent))
                    {
                        if (publication.Tables.Contains(parent))
                        {
                            return true;
                        }
                        pending.Push(parent);
                    }
                }
            }
            return false;
        }

        /// <summary>
        /// The edits that take <paramref name="item"/> and the items repeating it out of the statement's list: each run
        /// of removed items goes with the comma before it (or, at the start, the one after it); "TABLE" stays when the
        /// next kept item needs it. Removing every item removes the whole FOR clause, or an ADD statement.
        /// </summary>
        private static List<TextEdit>? RemovalEdits(StatementRef added, PublicationItem item, List<PublicationItem>? repeats)
        {
            List<PublicationItem>? items = ItemsOf(added);
            if (items == null)
            {
                return null;
            }
            var removed = new bool[items.Count];
            int count = 0;
            var toRemove = new List<PublicationItem> { item };
            if (repeats != null)
            {
                toRemove.AddRange(repeats);
            }
            foreach (PublicationItem remove in toRemove)
            {
                int at = items.IndexOf(remove);
                if (at < 0)
                {
                    return null;
                }
                count += removed[at] ? 0 : 1;
                removed[at] = true;
            }
            SourceFile file = added.File.File;
            string text = file.Text;
            var edits = new List<TextEdit>();
            if (count == items.Count)
            {
                TextSpan all;
                if (added.Statement is CreatePublicationStatement create)
                {
                    // CREATE PUBLICATION p FOR TABLE t WITH (...) -> CREATE PUBLICATION p WITH (...)
                    all = TextSpan.FromBounds(create.Name.Span.End, items[items.Count - 1].Span.End);
                }
                else if (((AlterPublicationStatement)added.Statement).Action == AlterPublicationAction.Add)
                {
                    all = added.Statement.Span; // the statement only added this table
                }
                else
                {
                    return null; // SET TABLE t alone: removing it changes what else stays published
                }
                edits.Add(new TextEdit(file, file.ToOriginal(all), ""));
                return edits;
            }
            for (int first = 0; first < items.Count; first++)
            {
                if (!removed[first])
                {
                    continue;
                }
                int last = first;
                while (last + 1 < items.Count && removed[last + 1])
                {
                    last++;
                }
                TextSpan span;
                if (last + 1 == items.Count)
                {
                    span = TextSpan.FromBounds(items[first - 1].Span.End, items[last].Span.End); // a kept item comes before
                }
                else
                {
                    PublicationItem next = items[last + 1];
                    int from = items[first].Span.Start;
                    if (StartsWithTableKeyword(text, items[first].Span) && next.Table != null && !StartsWithTableKeyword(text, next.Span))
                    {
                        from = SkipWord(text, from); // keep "TABLE" for the table that now follows it (not before TABLES IN SCHEMA)
                    }
                    span = TextSpan.FromBounds(from, next.Span.Start);
                }
                edits.Add(new TextEdit(file, file.ToOriginal(span), ""));
                first = last;
            }
            return edits;
        }

        /// <summary>The list item that named the table itself when its row was added (not a parent's, not a schema).</summary>
        private static PublicationItem? OwnItem(PublicationRelation row, TableObject table)
        {
            return row.Table == table ? row.Item : null;
        }

        /// <summary>The items of the CREATE PUBLICATION ... FOR / ALTER PUBLICATION ... ADD | SET that added a row.</summary>
        private static List<PublicationItem>? ItemsOf(StatementRef added)
        {
            switch (added.Statement)
            {
                case CreatePublicationStatement c:
                    return c.Objects;
                case AlterPublicationStatement a when a.Action == AlterPublicationAction.Add || a.Action == AlterPublicationAction.Set:
                    return a.Objects;
                default:
                    return null;
            }
        }

        /// <summary>
        /// A column list that leaves out replica identity columns (PG 15+: "Column list used by the publication does
        /// not cover the replica identity"): add them to the list where the table was listed. Only for a key identity
        /// (FULL fits no column list) and a row the table's own list item added.
        /// </summary>
        public static CodeFix? AddIdentityColumns(FixRequest request)
        {
            TableObject table = request.Table;
            IndexObject? identity = table.Identity == ReplicaIdentityKind.Full ? null : IdentityRules.IdentityIndex(table);
            return identity == null ? null : AddKeyColumns(request, identity.KeyColumns, null);
        }

        /// <summary>
        /// The same for the identity <paramref name="first"/> sets (REPLICA IDENTITY DEFAULT on a keyed table): its edits,
        /// then the key's columns added to the lists that leave them out.
        /// </summary>
        public static CodeFix? AddKeyColumns(FixRequest request, IReadOnlyList<ColumnObject?> identity, CodeFix? first)
        {
            TableObject table = request.Table;
            if (request.Settings.PostgresVersion < 15)
            {
                return null;
            }
            var edits = new List<TextEdit>();
            var added = new List<string>();
            foreach (Coverage coverage in request.CheckedCoverage())
            {
                PublicationRelation row = coverage.Row!;
                if (!RowColumns.FilterFits(row, identity))
                {
                    return null; // the row filter does not fit either: a wider list alone repairs nothing
                }
                if (!ListWidening(row, identity, out TextEdit? edit))
                {
                    return null;
                }
                if (edit != null)
                {
                    edits.Add(edit);
                    added.Add(coverage.Publication.Name + (row.Table == table ? "" : " (the list of its partition root " + row.Table.QualifiedName + ")"));
                }
            }
            if (edits.Count == 0)
            {
                return null;
            }
            string widen = "the replica identity columns of " + table.QualifiedName + " to the column list of publication " + string.Join(", ", added.ToArray());
            if (first == null)
            {
                return new CodeFix("Add " + widen, edits, FixKinds.AddIdentityColumnsToColumnList);
            }
            edits.InsertRange(0, first.Edits);
            return new CodeFix(first.Title + ", and add " + widen, edits, FixKinds.AddIdentityColumnsToColumnList);
        }

        /// <summary>
        /// The edit that adds the identity columns a row's column list leaves out (null when it has no list or leaves
        /// none out); false when that is impossible: a generated or missing column, or a row a parent's item or a
        /// schema added (no list of its own to edit).
        /// </summary>
        private static bool ListWidening(PublicationRelation row, IEnumerable<ColumnObject?> identity, out TextEdit? edit)
        {
            edit = null;
            if (row.Columns == null)
            {
                return true;
            }
            var missing = new List<string>();
            foreach (ColumnObject? column in identity)
            {
                if (column == null || column.Generated != GeneratedKind.None || row.Table.FindColumn(column.Name) == null)
                {
                    return false;
                }
                if (!row.ListsColumn(column.Name) && !missing.Contains(column.Name))
                {
                    missing.Add(column.Name);
                }
            }
            if (missing.Count == 0)
            {
                return true;
            }
            // The row is the table's own or, with publish_via_partition_root, its root's: the list to edit is
            // where that table was named (a wider root list also fits its other partitions).
            PublicationItem? item = OwnItem(row, row.Table);
            if (item == null || item.Columns == null || item.Columns.Count == 0)
            {
                return false;
            }
            List<Syntax.Ast.Identifier> listed = item.Columns;
            var text = new System.Text.StringBuilder();
            foreach (string name in missing)
            {
                text.Append(", ").Append(Identifiers.Quote(name));
            }
            SourceFile file = row.AddedBy!.File.File;
            edit = new TextEdit(file, file.ToOriginal(new TextSpan(listed[listed.Count - 1].Span.End, 0)), text.ToString());
            return true;
        }

        /// <summary>
        /// A row filter on columns outside the replica identity, where no identity can fit (the filter's columns are
        /// outside the column list, or the table has no key to widen): drop the WHERE clause where the table is
        /// listed. The publication then publishes every row of the table: the title says so. A table without identity
        /// needs a key too: <paramref name="key"/> (on <paramref name="keyColumns"/>) comes with the fix.
        /// </summary>
        public static CodeFix? RemoveRowFilters(FixRequest request, CodeFix? key, IReadOnlyList<ColumnObject>? keyColumns)
        {
            TableObject table = request.Table;
            bool full = keyColumns == null && table.Identity == ReplicaIdentityKind.Full; // a key fix also sets the identity back to DEFAULT
            IEnumerable<ColumnObject?>? identity = full ? null : (IEnumerable<ColumnObject?>?)keyColumns ?? IdentityRules.IdentityIndex(table)?.KeyColumns;
            if (request.Settings.PostgresVersion < 15 || (identity == null && !full))
            {
                return null; // without an identity (or the key that comes with the fix), UPDATE and DELETE fail anyway
            }
            var edits = new List<TextEdit>();
            var publications = new List<string>();
            var widened = new List<string>();
            foreach (Coverage coverage in request.CheckedCoverage())
            {
                PublicationRelation row = coverage.Row!;
                if (row.Columns != null && full)
                {
                    return null; // FULL fits no column list
                }
                if (!ListWidening(row, identity!, out TextEdit? widening))
                {
                    return null; // the column list does not fit the identity either, and cannot be widened here
                }
                if (widening != null)
                {
                    edits.Add(widening); // the list leaves out identity columns: it fails too once the filter is gone
                    widened.Add(coverage.Publication.Name);
                }
                if (full || RowColumns.FilterFits(row, identity!))
                {
                    continue;
                }
                TextEdit? edit = FilterRemovalEdit(row);
                if (edit == null)
                {
                    return null;
                }
                edits.Add(edit);
                publications.Add(coverage.Publication.Name + FilterSource(row, table));
            }
            return publications.Count == 0 ? null : WithFilterRemovals(table, key, edits, publications, widened);
        }

        /// <summary>
        /// A key fix placed before a statement, whose identity fits the column lists that publications add later but
        /// not their row filters (RG1002, see <see cref="LaterHistory"/>): the key plus the removal of those filters.
        /// </summary>
        public static CodeFix? WithLaterFiltersRemoved(CodeFix key, TableObject table, StatementRef statement, IReadOnlyList<ColumnObject> keyColumns)
        {
            var edits = new List<TextEdit>();
            var publications = new List<string>();
            foreach (PublicationRelation row in table.PublicationRows.Values)
            {
                if (row.AddedBy == null || row.AddedBy.Order <= statement.Order || row.Publication.Dropped || !row.Publication.PublishesUpdateOrDelete
                    || RowColumns.FilterFits(row, keyColumns))
                {
                    continue;
                }
                TextEdit? edit = FilterRemovalEdit(row);
                if (edit == null)
                {
                    return null;
                }
                edits.Add(edit);
                publications.Add(row.Publication.Name + FilterSource(row, table));
            }
            return WithFilterRemovals(table, key, edits, publications);
        }

        private static CodeFix? WithFilterRemovals(TableObject table, CodeFix? key, List<TextEdit> edits, List<string> publications, List<string>? widened = null)
        {
            if (edits.Count == 0)
            {
                return null;
            }
            string removal = "the row filter of " + table.QualifiedName + " in publication " + string.Join(", ", publications.ToArray()) + " (it then publishes every row)"
                + (widened == null || widened.Count == 0 ? "" : ", and add the replica identity columns to its column list in publication " + string.Join(", ", widened.ToArray()));
            if (key != null)
            {
                edits.InsertRange(0, key.Edits);
            }
            return new CodeFix(key == null ? "Remove " + removal : key.Title + " and remove " + removal, edits, FixKinds.RemoveRowFilter);
        }

        /// <summary>Where the filter that goes is written, when that is not the table's own list item.</summary>
        private static string FilterSource(PublicationRelation row, TableObject table)
        {
            if (row.Table != table)
            {
                return " (the filter of its partition root " + row.Table.QualifiedName + ")";
            }
            return row.Item == null ? " (the filter of its parent's list item, which the parent and its other children lose too)" : "";
        }

        /// <summary>
        /// Deletes " WHERE (...)" from the list item that gave the row its filter (the root's item for a root's row; a
        /// parent's item for an inheritance child listed through it, which then publishes every row of the parent too).
        /// </summary>
        private static TextEdit? FilterRemovalEdit(PublicationRelation row)
        {
            PublicationItem? item = row.AddedThrough;
            if (item == null || item.RowFilterSpan == null || row.AddedBy == null)
            {
                return null;
            }
            SourceFile file = row.AddedBy.File.File;
            TextSpan filter = item.RowFilterSpan.Value;
            int where = file.Text.LastIndexOf("where", filter.Start, filter.Start - item.Span.Start, System.StringComparison.OrdinalIgnoreCase);
            if (where < 0)
            {
                return null;
            }
            int start = where;
            while (start > item.Span.Start && char.IsWhiteSpace(file.Text[start - 1]))
            {
                start--;
            }
            return new TextEdit(file, file.ToOriginal(TextSpan.FromBounds(start, filter.End)), "");
        }

        private static bool StartsWithTableKeyword(string text, TextSpan span)
        {
            return span.Length > 5 && string.Compare(text, span.Start, "table", 0, 5, System.StringComparison.OrdinalIgnoreCase) == 0
                && !char.IsLetterOrDigit(text[span.Start + 5]) && text[span.Start + 5] != '_' && text[span.Start + 5] != 's';
        }

        private static int SkipWord(string text, int start)
        {
            int i = start + 5;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            return i;
        }
    }
}
