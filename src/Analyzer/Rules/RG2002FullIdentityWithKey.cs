using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// RG2002: REPLICA IDENTITY FULL on a permanent table that has a usable key (a primary key or a unique index
    /// on NOT NULL columns): with wal_level = logical every UPDATE and DELETE then logs the whole old row.
    /// Located at the statement that set FULL.
    /// </summary>
    public sealed class RG2002FullIdentityWithKey : Rule
    {
        private readonly Dictionary<TableObject, StatementRef> _setFullBy = new Dictionary<TableObject, StatementRef>();

        public RG2002FullIdentityWithKey(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG2002;

        public override void BeforeStatement(StatementRef statement, Catalog catalog)
        {
            if (statement.Statement is AlterTableStatement alter
                && alter.Actions.Exists(a => a.Kind == AlterTableActionKind.ReplicaIdentity && a.Identity == ReplicaIdentityKind.Full)
                && catalog.FindRelation(alter.Name) is TableObject table)
            {
                Context.StateLog?.DictionaryEntry(_setFullBy, table);
                _setFullBy[table] = statement;
            }
        }

        public override void AfterHistory(Catalog catalog)
        {
            foreach (TableObject table in catalog.AllTables)
            {
                if (table.Dropped || table.Identity != ReplicaIdentityKind.Full || !IdentityRules.IsPublishable(table) || table.IsPartitioned)
                {
                    continue;
                }
                IndexObject? key = UsableKey(table);
                if (key == null || !_setFullBy.TryGetValue(table, out StatementRef? setBy))
                {
                    continue;
                }
                string sql = key.IsPrimary
                    ? "ALTER TABLE " + FixText.Qualified(table) + " REPLICA IDENTITY DEFAULT;"
                    : "ALTER TABLE " + FixText.Qualified(table) + " REPLICA IDENTITY USING INDEX " + Identifiers.Quote(key.Name) + ";";
                var fix = new CodeFix(
                    key.IsPrimary ? "Use the primary key as replica identity (REPLICA IDENTITY DEFAULT)" : "Use index " + key.Name + " as replica identity",
                    new[] { FixText.InsertAfter(key.CreatedBy != null && key.CreatedBy.Order > setBy.Order ? key.CreatedBy : setBy, sql) },
                    key.IsPrimary ? FixKinds.ReplicaIdentityDefault : FixKinds.ReplicaIdentityUsingIndex);
                string message = "Table " + table.QualifiedName + " has REPLICA IDENTITY FULL although " + (key.IsPrimary ? "its primary key \"" + key.Name + "\"" : "the unique index \"" + key.Name + "\" on NOT NULL columns")
                    + " can identify rows: every UPDATE and DELETE logs the whole old row to the WAL. Use the key as replica identity unless a consumer needs old row values.";
                Context.Report(Descriptor, message, setBy.HeadLocation, table.QualifiedName, new[] { table.CreatedBy.HeadLocation }, new[] { fix });
            }
        }

        private static IndexObject? UsableKey(TableObject table)
        {
            IndexObject? pk = table.PrimaryKey;
            if (pk != null && pk.QualifiesForIdentity)
            {
                return pk;
            }
            foreach (IndexObject index in table.Indexes)
            {
                if (!index.Dropped && index.Valid && Replayer.IdentityIndexProblem(table, index) == null)
                {
                    return index;
                }
            }
            return null;
        }
    }
}
