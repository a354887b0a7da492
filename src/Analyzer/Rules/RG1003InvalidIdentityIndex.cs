using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Fixes;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Rules
{
    /// <summary>
    /// RG1003: REPLICA IDENTITY USING INDEX or ADD ... PRIMARY KEY | UNIQUE USING INDEX that PostgreSQL rejects,
    /// with PostgreSQL's reason. The replayer decides (Replayer.IdentityIndexProblem, AddConstraintUsingIndex);
    /// this rule reports its rejections of that kind, judged right after the statement so fixes see the catalog
    /// as it was. When the table still lacks an identity at the end of the history (RG1001), the recommended fixes
    /// replace the rejected statement with the table's repair (RG1001's fixes, which delete every rejected
    /// identity statement of the table), so one fix clears both results; merely deleting it is not offered then.
    /// </summary>
    public sealed class RG1003InvalidIdentityIndex : Rule
    {
        /// <summary>Past this many rejected identity statements on one table, only RG1001 carries the table's repair.</summary>
        private const int MaxSharedRepair = 16;

        private readonly Dictionary<TableObject, List<CodeFix>?> _repairs = new Dictionary<TableObject, List<CodeFix>?>();

        private int _seen;
        private readonly List<Pending> _pending = new List<Pending>();

        private sealed class Pending
        {
            public Pending(string message, Location location, TableObject? table, StatementRef statement, CodeFix remove)
            {
                Message = message;
                Location = location;
                Table = table;
                Statement = statement;
                Remove = remove;
            }

            public string Message { get; }
            public Location Location { get; }
            public TableObject? Table { get; }
            public StatementRef Statement { get; }

            /// <summary>Fixes that edit the statement itself (or go right before it), with the index they make the identity.</summary>
            public List<KeyValuePair<CodeFix, IndexObject>> InPlace { get; } = new List<KeyValuePair<CodeFix, IndexObject>>();

            /// <summary>Deleting the statement: enough when the table needs no identity at the end.</summary>
            public CodeFix Remove { get; }
        }

        public RG1003InvalidIdentityIndex(RuleContext context)
            : base(context)
        {
        }

        public override RuleDescriptor Descriptor => RuleCatalog.RG1003;

        public override void BeforeStatement(StatementRef statement, Catalog catalog) => ReportNew(catalog);

        public override void AfterHistory(Catalog catalog)
        {
            ReportNew(catalog);
            foreach (Pending p in _pending)
            {
                Context.Report(Descriptor, p.Message, p.Location, p.Table?.QualifiedName, null, () => FixesOf(p, catalog));
            }
        }

        private List<CodeFix> FixesOf(Pending p, Catalog catalog)
        {
            var fixes = new List<CodeFix>();
            List<CodeFix>? repair = p.Table == null ? null : RepairOf(p.Table, catalog);
            if (repair != null)
            {
                fixes.AddRange(repair);
            }
            // Making the statement itself succeed changes the history from here on: only when no later statement
            // alters the table and the index it uses is still there at the end.
            StatementRef? later = p.Table == null ? null : Context.Changes.LastChangeOf(p.Table);
            if (later == null || later.Order <= p.Statement.Order)
            {
                foreach (KeyValuePair<CodeFix, IndexObject> inPlace in p.InPlace)
                {
                    if (!inPlace.Value.Dropped)
                    {
                        fixes.Add(inPlace.Key);
                    }
                }
            }
            if (repair == null || repair.Count == 0)
            {
                fixes.Add(p.Remove);
            }
            return fixes;
        }

        /// <summary>
        /// The table's repair, computed once per table and shared by its results. Each repair deletes every rejected
        /// statement of the table, so past a few of them only RG1001 carries it (results times edits stays linear).
        /// </summary>
        private List<CodeFix>? RepairOf(TableObject table, Catalog catalog)
        {
            if (!_repairs.TryGetValue(table, out List<CodeFix>? repair))
            {
                repair = Context.Changes.RejectedIdentityStatements(table, Context.Rejected).Count > MaxSharedRepair
                    ? null
                    : RG1001MissingReplicaIdentity.RepairOf(Context, table, catalog) ?? RG1004FilterOrColumnListOutsideIdentity.RepairOf(Context, table, catalog);
                Context.StateLog?.DictionaryEntry(_repairs, table);
                _repairs[table] = repair;
            }
            return repair;
        }

        /// <summary>The rejections added since the last statement: the catalog is still as it was before that statement.</summary>
        private void ReportNew(Catalog catalog)
        {
            IReadOnlyList<RejectedStatement> rejected = Context.Rejected;
            if (_seen < rejected.Count)
            {
                Context.StateLog?.Counter(_seen, seen => _seen = seen);
            }
            for (; _seen < rejected.Count; _seen++)
            {
                RejectedStatement r = rejected[_seen];
                if (r.Kind == RejectionKind.IdentityIndex)
                {
                    Report(r, catalog);
                }
            }
        }

        private void Report(RejectedStatement rejected, Catalog catalog)
        {
            StatementRef statement = rejected.Statement;
            var alter = statement.Statement as AlterTableStatement;
            TableObject? table = alter == null ? null : catalog.FindTable(alter.Name);
            AlterTableAction? action = alter?.Actions.Find(a =>
                (a.Kind == AlterTableActionKind.ReplicaIdentity && a.Identity == ReplicaIdentityKind.Index)
                || (a.Kind == AlterTableActionKind.AddConstraint && a.Constraint?.UsingIndex != null));
            string what = action?.Kind == AlterTableActionKind.AddConstraint
                ? (action.Constraint!.Kind == ConstraintKind.PrimaryKey ? "ADD PRIMARY KEY USING INDEX" : "ADD UNIQUE USING INDEX")
                : "REPLICA IDENTITY USING INDEX";
            string message = "PostgreSQL rejects this " + what + (table != null ? " on " + table.QualifiedName : "") + ": \"" + rejected.Message
                + "\". The statement fails, so the table keeps its previous replica identity. Use an index that is unique, immediate (not DEFERRABLE), not partial, without expressions, on NOT NULL columns of this table.";
            // The server rejects the whole statement, so removing it changes nothing but the failure.
            SourceFile file = statement.File.File;
            var remove = new CodeFix(
                "Remove this statement (PostgreSQL rejects it, so it changes nothing)",
                new[] { new TextEdit(file, file.ToOriginal(statement.Statement.Span), "") },
                FixKinds.RemoveRejectedStatement);
            Location location = action != null ? statement.ToLocation(action.Span) : statement.HeadLocation;
            var pending = new Pending(message, location, table, statement, remove);
            if (table != null && action != null)
            {
                AddInPlaceFixes(statement, table, action, rejected.Message, pending.InPlace);
            }
            Context.StateLog?.ListAdd(_pending);
            _pending.Add(pending);
        }

        private static void AddInPlaceFixes(StatementRef statement, TableObject table, AlterTableAction action, string reason, List<KeyValuePair<CodeFix, IndexObject>> fixes)
        {
            string? indexName = action.Kind == AlterTableActionKind.ReplicaIdentity ? action.Target?.Name : action.Constraint!.UsingIndex!.Value.Name;
            IndexObject? index = indexName != null && table.Schema.Relations.TryGetValue(indexName, out RelationObject? r) ? r as IndexObject : null;
            if (index != null && index.Table == table && reason.EndsWith("is nullable", System.StringComparison.Ordinal))
            {
                var nullable = new List<string>();
                var sql = new System.Text.StringBuilder();
                foreach (ColumnObject? column in index.KeyColumns)
                {
                    if (column != null && !column.NotNull && !nullable.Contains(column.Name))
                    {
                        nullable.Add(column.Name);
                        if (sql.Length > 0)
                        {
                            sql.Append(FixText.LineEnding(statement.File.File));
                        }
                        sql.Append("ALTER TABLE ").Append(FixText.Qualified(table)).Append(" ALTER COLUMN ").Append(Identifiers.Quote(column.Name)).Append(" SET NOT NULL;");
                    }
                }
                fixes.Add(new KeyValuePair<CodeFix, IndexObject>(new CodeFix(
                    "Make " + string.Join(", ", nullable.ToArray()) + " NOT NULL first (fails if existing rows have NULL there)",
                    new[] { FixText.InsertBefore(statement, sql.ToString()) },
                    FixKinds.SetNotNull), index));
            }
            if (action.Kind == AlterTableActionKind.ReplicaIdentity && action.Target != null)
            {
                foreach (IndexObject candidate in table.Indexes)
                {
                    if (candidate != index && !candidate.Dropped && candidate.Valid && Replayer.IdentityIndexProblem(table, candidate) == null)
                    {
                        fixes.Add(new KeyValuePair<CodeFix, IndexObject>(new CodeFix(
                            "Use index " + candidate.Name + " instead",
                            new[] { new TextEdit(statement.File.File, statement.File.File.ToOriginal(action.Target.Value.Span), Identifiers.Quote(candidate.Name)) },
                            FixKinds.ReplicaIdentityUsingIndex), candidate));
                    }
                }
            }
        }
    }
}
