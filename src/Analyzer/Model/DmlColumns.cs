using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// Parse analysis of UPDATE / ON CONFLICT DO UPDATE: a SET column the target table lacks fails the whole statement
    /// ("column "c" of relation "t" does not exist", 42703) before PostgreSQL checks any replica identity.
    /// </summary>
    public static class DmlColumns
    {
        /// <summary>The server's error for the first SET column a target table lacks, or null.</summary>
        public static string? FirstMissing(DmlStatement dml, Catalog catalog)
        {
            foreach (DmlTarget target in dml.Targets)
            {
                RelationObject? relation = target.SetColumns == null ? null : catalog.FindRelation(target.Table);
                if (relation is OtherRelation view && view.ViewColumns != null)
                {
                    foreach (Identifier column in target.SetColumns!)
                    {
                        if (!view.ViewColumns.Contains(column.Name))
                        {
                            return "column \"" + column.Name + "\" of relation \"" + view.Name + "\" does not exist";
                        }
                    }
                    continue;
                }
                if (!(relation is TableObject table) || table.ColumnsUnknown)
                {
                    continue; // unknown tables are RG9002's; only a simple view's columns are modelled
                }
                foreach (Identifier column in target.SetColumns!)
                {
                    if (table.FindColumn(column.Name) == null)
                    {
                        return IsSystemColumn(column.Name)
                            ? "cannot assign to system column \"" + column.Name + "\""
                            : "column \"" + column.Name + "\" of relation \"" + table.Name + "\" does not exist";
                    }
                }
            }
            return null;
        }

        private static bool IsSystemColumn(string name) =>
            name == "ctid" || name == "xmin" || name == "xmax" || name == "cmin" || name == "cmax" || name == "tableoid";
    }
}
