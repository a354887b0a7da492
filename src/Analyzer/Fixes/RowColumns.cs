using System.Collections.Generic;
using ReplicaGuard.Model;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// A publication row's filter and column list seen from the table being fixed. With publish_via_partition_root a
    /// partition is checked against its root's row, whose columns are the root's objects: PostgreSQL maps them to the
    /// partition by name (pub_rf_contains_invalid_column), and so do the fixes.
    /// </summary>
    internal static class RowColumns
    {
        /// <summary>
        /// The row filter's columns as the table's own columns: empty when the row has no filter, null when a column
        /// has no namesake in the table (then no identity of the table can contain it).
        /// </summary>
        public static List<ColumnObject>? FilterColumnsOf(PublicationRelation row, TableObject table)
        {
            var columns = new List<ColumnObject>();
            if (row.RowFilterColumns == null)
            {
                return columns;
            }
            foreach (ColumnObject filterColumn in row.RowFilterColumns)
            {
                ColumnObject? column = row.Table == table ? filterColumn : table.FindColumn(filterColumn.Name);
                if (column == null)
                {
                    return null;
                }
                columns.Add(column);
            }
            return columns;
        }

        /// <summary>The row filter uses only these identity columns (by name: the row may be an ancestor's).</summary>
        public static bool FilterFits(PublicationRelation row, IEnumerable<ColumnObject?> identityColumns)
        {
            if (row.RowFilterColumns == null)
            {
                return true;
            }
            var names = new HashSet<string>();
            foreach (ColumnObject? column in identityColumns)
            {
                if (column != null)
                {
                    names.Add(column.Name);
                }
            }
            return row.RowFilterColumns.TrueForAll(c => names.Contains(c.Name));
        }
    }
}
