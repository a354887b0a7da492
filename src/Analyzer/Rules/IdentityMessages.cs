using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Model;

namespace ReplicaGuard.Rules
{
    /// <summary>PostgreSQL's own words for the replica identity failures, and phrases the rules share.</summary>
    internal static class IdentityMessages
    {
        public const string RowFilterDetail = "Column used in the publication WHERE expression is not part of the replica identity.";
        public const string ColumnListDetail = "Column list used by the publication does not cover the replica identity.";
        public const string GeneratedDetail = "Replica identity must not contain unpublished generated columns.";

        /// <summary>The server's error, and its DETAIL when there is one, quoted as a reviewer reads them.</summary>
        public static string ServerError(string tableName, bool update, IdentityFailure failure)
        {
            string head = update ? "cannot update table \"" + tableName + "\"" : "cannot delete from table \"" + tableName + "\"";
            switch (failure)
            {
                case IdentityFailure.RowFilter:
                    return "\"" + head + "\" (DETAIL: " + RowFilterDetail + ")";
                case IdentityFailure.ColumnList:
                    return "\"" + head + "\" (DETAIL: " + ColumnListDetail + ")";
                case IdentityFailure.GeneratedColumns:
                    return "\"" + head + "\" (DETAIL: " + GeneratedDetail + ")";
                default:
                    return "\"" + head + " because it does not have a replica identity and " + (update ? "publishes updates" : "publishes deletes") + "\"";
            }
        }

        /// <summary>"p", "p" and "q", ... for the publications that publish UPDATE or DELETE.</summary>
        public static string Publications(IReadOnlyList<Coverage> coverage)
        {
            var names = new List<string>();
            foreach (Coverage c in coverage)
            {
                if (c.Publication.PublishesUpdateOrDelete && !names.Contains(c.Publication.Name))
                {
                    names.Add(c.Publication.Name);
                }
            }
            var sb = new StringBuilder();
            for (int i = 0; i < names.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(i == names.Count - 1 ? " and " : ", ");
                }
                sb.Append('"').Append(names[i]).Append('"');
            }
            return sb.ToString();
        }

        /// <summary>Why a table that fails has no usable identity.</summary>
        public static string Reason(TableObject table)
        {
            switch (table.Identity)
            {
                case Syntax.Ast.ReplicaIdentityKind.Nothing:
                    return "has REPLICA IDENTITY NOTHING";
                case Syntax.Ast.ReplicaIdentityKind.Index:
                    return table.IdentityIndex == null || table.IdentityIndex.Dropped
                        ? "has lost its replica identity index (REPLICA IDENTITY USING INDEX on an index that was dropped)"
                        : "has a replica identity index \"" + table.IdentityIndex.Name + "\" that cannot be used";
                default:
                    IndexObject? pk = table.PrimaryKey;
                    if (pk == null)
                    {
                        return "has no primary key";
                    }
                    return pk.Deferrable
                        ? "has only a DEFERRABLE primary key, which cannot be the replica identity"
                        : "has a primary key \"" + pk.Name + "\" that is not valid";
            }
        }

        /// <summary>
        /// The key Zero, pglogical and AWS DMS need (postgres-semantics.md section 6): a primary key, or a unique,
        /// immediate, non-partial index without expressions on NOT NULL columns.
        /// </summary>
        public static bool HasConsumerKey(TableObject table)
        {
            IndexObject? primary = table.PrimaryKey;
            if (primary != null && IsConsumerKeyCandidate(primary))
            {
                return true; // most tables: no need to look at every index
            }
            foreach (IndexObject index in table.Indexes)
            {
                if (!IsConsumerKeyCandidate(index))
                {
                    continue;
                }
                if (index.IsPrimary)
                {
                    return true;
                }
                bool allNotNull = index.KeyColumns.Length > 0;
                foreach (ColumnObject? column in index.KeyColumns)
                {
                    allNotNull &= column != null && column.NotNull;
                }
                if (allNotNull)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsConsumerKeyCandidate(IndexObject index)
        {
            return !index.Dropped && index.Valid && index.Unique && !index.Deferrable && !index.HasPredicate && !index.HasExpressions;
        }
    }
}
