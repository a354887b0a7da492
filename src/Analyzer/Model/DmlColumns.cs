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
                if (target.SetColumns == null || !(catalog.FindRelation(target.Table) is TableObject table) || table.ColumnsUnknown)
                {
                    continue; // unknown tables are RG9002's; a view's columns are not modelled
                }
                foreach (Identifier column in target.SetColumns)
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
