using System;
using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    public enum IdentityFailure
    {
        None,

        /// <summary>DETAIL: Column used in the publication WHERE expression is not part of the replica identity.</summary>
        RowFilter,

        /// <summary>DETAIL: Column list used by the publication does not cover the replica identity.</summary>
        ColumnList,

        /// <summary>PG 18: Replica identity must not contain unpublished generated columns.</summary>
        GeneratedColumns,

        /// <summary>cannot update table "t" because it does not have a replica identity and publishes updates.</summary>
        NoIdentity,
    }

    /// <summary>One publication that covers a table, and the statement that made it cover it.</summary>
    public sealed class Coverage
    {
        public Coverage(PublicationObject publication, PublicationRelation? row, StatementRef? cause)
        {
            Publication = publication;
            Row = row;
            Cause = cause;
        }

        /// <summary>No coverage: one read-only empty list for every table no publication covers.</summary>
        internal static readonly Coverage[] None = new Coverage[0];

        public PublicationObject Publication { get; }

        /// <summary>The pg_publication_rel row whose row filter and column list apply, when there is one.</summary>
        public PublicationRelation? Row { get; }

        public StatementRef? Cause { get; }

        /// <summary>
        /// This coverage as the whole list of a table's: made once, so that a FOR ALL TABLES publication's shared
        /// coverage (see IdentityRules) gives every table it alone covers the same list.
        /// </summary>
        internal IReadOnlyList<Coverage> Alone => _alone ??= new[] { this };

        private Coverage[]? _alone;
    }

    /// <summary>What an UPDATE and a DELETE on a table would do right now (CheckCmdReplicaIdentity).</summary>
    public sealed class IdentityVerdict
    {
        public IdentityVerdict(IdentityFailure update, IdentityFailure delete, IReadOnlyList<Coverage> coverage)
        {
            Update = update;
            Delete = delete;
            Coverage = coverage;
        }

        public static readonly IdentityVerdict Fine = new IdentityVerdict(IdentityFailure.None, IdentityFailure.None, Model.Coverage.None);

        public IdentityFailure Update { get; }
        public IdentityFailure Delete { get; }
        public IReadOnlyList<Coverage> Coverage { get; }

        public bool LacksIdentity => Update == IdentityFailure.NoIdentity || Delete == IdentityFailure.NoIdentity;
    }

    /// <summary>
    /// PostgreSQL's replica identity rules (execReplication.c, relcache.c, pg_publication.c), as functions of the
    /// catalog. The rules and the tests both ask here; nothing else decides whether a table fails.
    /// </summary>
    public static class IdentityRules
    {
        /// <summary>RelationGetReplicaIndex != InvalidOid, or FULL.</summary>
        public static bool HasUsableIdentity(TableObject table)
        {
            return table.Identity == ReplicaIdentityKind.Full || IdentityIndex(table) != null;
        }

        /// <summary>The index PostgreSQL uses as replica identity (rd_replidindex), or null.</summary>
        public static IndexObject? IdentityIndex(TableObject table)
        {
            switch (table.Identity)
            {
                case ReplicaIdentityKind.Default:
                    IndexObject? pk = table.PrimaryKey;
                    return pk != null && pk.QualifiesForIdentity ? pk : null;
                case ReplicaIdentityKind.Index:
                    IndexObject? index = table.IdentityIndex;
                    return index != null && !index.Dropped && index.QualifiesForIdentity ? index : null;
                default:
                    return null;
            }
        }

        /// <summary>is_publishable_class: ordinary or partitioned, permanent, not in a system schema.</summary>
        public static bool IsPublishable(TableObject table)
        {
            return !table.Dropped
                && (table.Kind == RelationKind.Table || table.Kind == RelationKind.PartitionedTable)
                && table.Persistence == Persistence.Permanent
                && !table.Schema.IsSystem
                && !table.Schema.IsTemporary;
        }

        /// <summary>Ancestors through partitioning, nearest first (get_partition_ancestors).</summary>
        public static List<TableObject> PartitionAncestors(TableObject table)
        {
            var result = new List<TableObject>();
            for (TableObject? p = table.PartitionParent; p != null && result.Count < 1000; p = p.PartitionParent)
            {
                result.Add(p);
            }
            return result;
        }

        /// <summary>Every live publication that covers the table (GetRelationPublications with ancestors, schemas, ALL TABLES).</summary>
        public static IReadOnlyList<Coverage> CoveringPublications(TableObject table, Catalog catalog, IReadOnlyList<string> initialSearchPath)
        {
            Dictionary<string, PublicationObject>.ValueCollection publications = catalog.PublicationValues; // no boxed enumerator per table
            if (publications.Count == 0 || !IsPublishable(table))
            {
                return Coverage.None; // the rules ask for every table: most histories have no publication at all
            }
            // Most tables are covered by one publication (or none): the list is made at the second.
            Coverage? only = null;
            List<Coverage>? several = null;
            // Most tables are no partition: no list to make.
            List<TableObject> ancestors = table.PartitionParent == null ? NoAncestors : PartitionAncestors(table);
            foreach (PublicationObject publication in publications)
            {
                if (publication.Dropped)
                {
                    continue;
                }
                Coverage coverage;
                if (publication.AllTables)
                {
                    coverage = AllTablesCoverage(publication);
                }
                else if (IsCoveredByList(table, ancestors, publication, initialSearchPath, out StatementRef? cause))
                {
                    coverage = new Coverage(publication, RowForChecks(table, ancestors, publication), Later(Later(cause, publication.OptionsChangedBy), table.MovedBy));
                }
                else
                {
                    continue;
                }
                if (several != null)
                {
                    several.Add(coverage);
                }
                else if (only == null)
                {
                    only = coverage;
                }
                else
                {
                    several = new List<Coverage>(4) { only, coverage };
                }
            }
            return several ?? (only == null ? Coverage.None : only.Alone);
        }

        /// <summary>
        /// What a FOR ALL TABLES publication gives every table: the same publication, no row and the same cause,
        /// so one object serves them all (the final pass asked for a new one for every table of the catalog).
        /// Made again when the cause changes; nothing else in it can.
        /// </summary>
        private static Coverage AllTablesCoverage(PublicationObject publication)
        {
            StatementRef? cause = Later(publication.CreatedBy, publication.OptionsChangedBy);
            Coverage? shared = publication.AllTablesCoverage;
            if (shared == null || shared.Cause != cause)
            {
                shared = new Coverage(publication, null, cause);
                publication.AllTablesCoverage = shared;
            }
            return shared;
        }

        /// <summary>Read only (the ancestors of a table that is no partition).</summary>
        private static readonly List<TableObject> NoAncestors = new List<TableObject>();

        private static bool IsCoveredByList(TableObject table, List<TableObject> ancestors, PublicationObject publication, IReadOnlyList<string> initialSearchPath, out StatementRef? cause)
        {
            cause = null;
            bool covered = false;
            if (table.TryGetPublicationRow(publication, out PublicationRelation? own))
            {
                covered = true;
                cause = own.AddedBy;
            }
            if (publication.Schemas.TryGetValue(table.Schema, out StatementRef? schemaCause))
            {
                cause = covered ? cause : schemaCause;
                covered = true;
            }
            foreach (TableObject ancestor in ancestors)
            {
                if (covered)
                {
                    break;
                }
                if (ancestor.TryGetPublicationRow(publication, out PublicationRelation? row))
                {
                    covered = true;
                    cause = row.AddedBy;
                }
                else if (publication.Schemas.TryGetValue(ancestor.Schema, out StatementRef? ancestorSchemaCause))
                {
                    covered = true;
                    cause = ancestorSchemaCause;
                }
            }
            if (!covered && publication.IsDeclared)
            {
                covered = MatchesDeclaration(table, publication, initialSearchPath) || AnyMatchesDeclaration(ancestors, publication, initialSearchPath);
            }
            return covered;
        }

        // A loop, not List.Exists with a lambda: the lambda's closure was allocated on every call, for every table.
        private static bool AnyMatchesDeclaration(List<TableObject> tables, PublicationObject publication, IReadOnlyList<string> initialSearchPath)
        {
            foreach (TableObject table in tables)
            {
                if (MatchesDeclaration(table, publication, initialSearchPath))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool MatchesDeclaration(TableObject table, PublicationObject publication, IReadOnlyList<string> initialSearchPath)
        {
            if (publication.DeclaredSchemaNames.Contains(table.Schema.Name) || publication.DeclaredTableNames.Contains(table.QualifiedName))
            {
                return true;
            }
            if (publication.DeclaredTableNames.Contains(table.Name))
            {
                foreach (string schema in initialSearchPath)
                {
                    if (schema == table.Schema.Name)
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>
        /// The row whose filter and column list PostgreSQL validates: the table's own row, or with
        /// publish_via_partition_root the topmost published ancestor's (pub_rf_contains_invalid_column).
        /// </summary>
        private static PublicationRelation? RowForChecks(TableObject table, List<TableObject> ancestors, PublicationObject publication)
        {
            if (publication.ViaPartitionRoot && ancestors.Count > 0)
            {
                TableObject? topmost = null;
                foreach (TableObject ancestor in ancestors)
                {
                    if (ancestor.TryGetPublicationRow(publication, out _) || publication.Schemas.ContainsKey(ancestor.Schema))
                    {
                        topmost = ancestor;
                    }
                }
                if (topmost != null)
                {
                    return topmost.TryGetPublicationRow(publication, out PublicationRelation? top) ? top : null;
                }
            }
            return table.TryGetPublicationRow(publication, out PublicationRelation? own) ? own : null;
        }

        private static StatementRef? Later(StatementRef? a, StatementRef? b)
        {
            if (a == null)
            {
                return b;
            }
            if (b == null)
            {
                return a;
            }
            return a.Order >= b.Order ? a : b;
        }

        /// <summary>CheckCmdReplicaIdentity for UPDATE and DELETE on a leaf table, for the target major version.</summary>
        public static IdentityVerdict Check(TableObject table, Catalog catalog, IReadOnlyList<string> initialSearchPath, int postgresVersion)
        {
            if (table.Kind != RelationKind.Table || !IsPublishable(table))
            {
                return IdentityVerdict.Fine;
            }
            IReadOnlyList<Coverage> coverage = CoveringPublications(table, catalog, initialSearchPath);
            if (coverage.Count == 0)
            {
                return IdentityVerdict.Fine;
            }

            bool publishesUpdate = false, publishesDelete = false;
            bool rfValidUpdate = true, rfValidDelete = true, colsValidUpdate = true, colsValidDelete = true;
            bool genValidUpdate = true, genValidDelete = true;
            // Only row filters, column lists and PG 18's generated columns need the identity's columns: most
            // tables have neither, and the rules check every table.
            HashSet<ColumnObject>? identityColumns = null;

            for (int i = 0; i < coverage.Count; i++) // not foreach: an interface's enumerator is an object
            {
                Coverage c = coverage[i];
                PublicationObject p = c.Publication;
                bool update = (p.Publish & PublishActions.Update) != 0;
                bool delete = (p.Publish & PublishActions.Delete) != 0;
                publishesUpdate |= update;
                publishesDelete |= delete;
                if (!update && !delete)
                {
                    continue;
                }
                // A listed table without a row filter or column list (the usual case) needs no identity columns.
                if (postgresVersion >= 15 && !p.AllTables && c.Row != null && (c.Row.RowFilterColumns != null || c.Row.Columns != null))
                {
                    identityColumns ??= IdentityKeyColumns(table);
                    if (RowFilterInvalid(table, c.Row, identityColumns))
                    {
                        rfValidUpdate &= !update;
                        rfValidDelete &= !delete;
                    }
                    if (ColumnListInvalid(table, c.Row, identityColumns))
                    {
                        colsValidUpdate &= !update;
                        colsValidDelete &= !delete;
                    }
                }
                if (postgresVersion >= 18 && GeneratedColumnsInvalid(table, p, c.Row, identityColumns ??= IdentityKeyColumns(table)))
                {
                    genValidUpdate &= !update;
                    genValidDelete &= !delete;
                }
            }

            bool hasIdentity = HasUsableIdentity(table);
            IdentityFailure updateFailure = !rfValidUpdate ? IdentityFailure.RowFilter
                : !colsValidUpdate ? IdentityFailure.ColumnList
                : !genValidUpdate ? IdentityFailure.GeneratedColumns
                : !hasIdentity && publishesUpdate ? IdentityFailure.NoIdentity
                : IdentityFailure.None;
            IdentityFailure deleteFailure = !rfValidDelete ? IdentityFailure.RowFilter
                : !colsValidDelete ? IdentityFailure.ColumnList
                : !genValidDelete ? IdentityFailure.GeneratedColumns
                : !hasIdentity && publishesDelete ? IdentityFailure.NoIdentity
                : IdentityFailure.None;
            return new IdentityVerdict(updateFailure, deleteFailure, coverage);
        }

        /// <summary>INDEX_ATTR_BITMAP_IDENTITY_KEY: the identity index's key columns (empty without one).</summary>
        public static HashSet<ColumnObject> IdentityKeyColumns(TableObject table)
        {
            var set = new HashSet<ColumnObject>();
            IndexObject? index = IdentityIndex(table);
            if (index != null)
            {
                foreach (ColumnObject? c in index.KeyColumns)
                {
                    if (c != null)
                    {
                        set.Add(c);
                    }
                }
            }
            return set;
        }

        internal static bool RowFilterInvalid(TableObject table, PublicationRelation row, HashSet<ColumnObject> identityColumns)
        {
            if (row.RowFilterColumns == null || table.Identity == ReplicaIdentityKind.Full)
            {
                return false;
            }
            foreach (ColumnObject filterColumn in row.RowFilterColumns)
            {
                // Matched by name in the leaf, as PostgreSQL maps an ancestor's filter to the child.
                ColumnObject? column = table.FindColumn(filterColumn.Name);
                if (column == null || !identityColumns.Contains(column))
                {
                    return true;
                }
            }
            return false;
        }

        internal static bool ColumnListInvalid(TableObject table, PublicationRelation row, HashSet<ColumnObject> identityColumns)
        {
            if (row.Columns == null)
            {
                return false;
            }
            if (table.Identity == ReplicaIdentityKind.Full)
            {
                return true;
            }
            foreach (ColumnObject column in identityColumns)
            {
                if (!row.ListsColumn(column.Name))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>PG 18: generated columns in the identity must be published (stored, with publish_generated_columns = stored).</summary>
        private static bool GeneratedColumnsInvalid(TableObject table, PublicationObject publication, PublicationRelation? row, HashSet<ColumnObject> identityColumns)
        {
            IEnumerable<ColumnObject> columns = table.Identity == ReplicaIdentityKind.Full ? table.Columns : identityColumns;
            foreach (ColumnObject column in columns)
            {
                if (column.Generated == GeneratedKind.None)
                {
                    continue;
                }
                if (column.Generated == GeneratedKind.Virtual)
                {
                    return true;
                }
                bool listed = row != null && row.ListsColumn(column.Name);
                if (!listed && publication.GeneratedColumns != "stored")
                {
                    return true;
                }
            }
            return false;
        }
    }
}
