using System.Collections.Generic;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// The last statement that altered each table (ALTER TABLE of any kind, CREATE/ALTER INDEX on it). A fix
    /// placed earlier could use a name that a later RENAME changes or be undone by a later ALTER, so fixes go
    /// after it. It also remembers which table each REPLICA IDENTITY USING INDEX / ADD ... USING INDEX statement
    /// names, so the fixes of a table can find the ones PostgreSQL rejected (<see cref="RejectedIdentityStatements"/>).
    /// </summary>
    public sealed class TableChanges : IReplayListener
    {
        private readonly Dictionary<StatementRef, TableObject> _identityAttempts = new Dictionary<StatementRef, TableObject>();
        private Dictionary<TableObject, List<StatementRef>>? _rejectedByTable;
        private int _rejectedIndexed;
        private static readonly StatementRef[] NoStatements = new StatementRef[0];
        private readonly Dictionary<string, StatementRef> _tablesInRejectedPublicationChanges = new Dictionary<string, StatementRef>();
        private readonly Dictionary<string, StatementRef> _publicationsWithRejectedChanges = new Dictionary<string, StatementRef>();
        private int _publicationChangesIndexed;
        private readonly Dictionary<ColumnObject, List<StatementRef>> _notNullDropped = new Dictionary<ColumnObject, List<StatementRef>>();
        // Index names in 16 dictionaries by a cheap hash: one dictionary of a large schema's ~8k names has an entry
        // array on the large-object heap, old from birth and pointing at young lists, which keeps each analysis's
        // garbage alive through young collections until the next full one (see Syntax/ChunkedList.cs).
        private readonly Dictionary<string, List<NamedIndex>>[] _indexNamesCreated = NewIndexNameShards();
        private readonly Dictionary<string, StatementRef> _indexNamesUsed = new Dictionary<string, StatementRef>();
        private readonly Dictionary<TableObject, List<StatementRef>> _attachAttempts = new Dictionary<TableObject, List<StatementRef>>();
        private readonly Dictionary<TableObject, List<StatementRef>> _primaryKeyAdded = new Dictionary<TableObject, List<StatementRef>>();
        private readonly List<LikeCopy> _likeCopies = new List<LikeCopy>();
        private int _likeCopiesResolved;
        private readonly Dictionary<TableObject, List<LikeCopy>> _keyCopies = new Dictionary<TableObject, List<LikeCopy>>();

        /// <summary>A CREATE TABLE ... (LIKE source INCLUDING INDEXES): the table it created is known from the next statement on.</summary>
        private sealed class LikeCopy
        {
            public LikeCopy(TableObject source, StatementRef statement, ObjectName target)
            {
                Source = source;
                Statement = statement;
                Target = target;
            }

            public TableObject Source { get; }
            public StatementRef Statement { get; }
            public ObjectName Target { get; }
            public TableObject? Copy { get; set; }

            /// <summary>The copy had a primary key of its own at once (declared with it, or copied from another source).</summary>
            public bool CopyHadKey { get; set; }
        }

        /// <summary>An index name a CREATE INDEX or named constraint gives, with the schema the index lands in (null: not known).</summary>
        private readonly struct NamedIndex
        {
            public NamedIndex(StatementRef statement, SchemaObject? schema)
            {
                Statement = statement;
                Schema = schema;
            }

            public StatementRef Statement { get; }
            public SchemaObject? Schema { get; }
        }

        /// <summary>Set by an incremental analysis: how to undo this bookkeeping (see RuleContext.StateLog).</summary>
        internal UndoLog? StateLog { get; set; }

        public void BeforeStatement(StatementRef statement, Catalog catalog)
        {
            ResolveCopies(catalog);
            TableObject? table = null;
            switch (statement.Statement)
            {
                case AlterTableStatement alter:
                    table = catalog.FindRelation(alter.Name) as TableObject;
                    if (table != null && IsIdentityAttempt(alter))
                    {
                        Set(_identityAttempts, statement, table);
                    }
                    if (table != null)
                    {
                        RecordNotNullDrops(alter, table, statement);
                        RecordPrimaryKeyAdded(alter, table, statement);
                    }
                    RecordIndexesNamed(alter, statement);
                    RecordAttachAttempts(alter, statement, catalog);
                    break;
                case CreateTableStatement create:
                    RecordConstraintNames(create, statement, catalog);
                    // LIKE copies the source's columns, NOT NULLs and (INCLUDING INDEXES) keys as they are now: a fix
                    // placed at the source's CREATE would be copied too ("multiple primary keys" on the copy later).
                    foreach (LikeClause like in create.Likes)
                    {
                        if (catalog.FindRelation(like.Source) is TableObject source)
                        {
                            MarkChanged(source, statement, catalog);
                            if (like.IncludingIndexes)
                            {
                                StateLog?.ListAdd(_likeCopies);
                                _likeCopies.Add(new LikeCopy(source, statement, create.Name));
                            }
                        }
                    }
                    break;
                case CreateIndexStatement index:
                    table = catalog.FindRelation(index.Table) as TableObject;
                    if (index.Name != null)
                    {
                        RecordIndexName(index.Name.Value.Name, statement, table?.Schema);
                    }
                    break;
                case AlterIndexStatement alterIndex:
                    table = (catalog.FindRelation(alterIndex.Name) as IndexObject)?.Table;
                    AddReferencedIndexName(alterIndex.Name.Name, statement);
                    break;
                case DropStatement drop when drop.Kind == DropObjectKind.Index:
                    foreach (ObjectName name in drop.Names)
                    {
                        AddReferencedIndexName(name.Name, statement);
                    }
                    break;
            }
            if (table != null)
            {
                // Journaled like any catalog change (a rollback to an earlier point forgets it); the listener runs
                // before the statement's own changes, so rejecting the statement keeps it.
                MarkChanged(table, statement, catalog);
                if (statement.Statement is AlterTableStatement recursing && !recursing.Only)
                {
                    MarkDescendants(table, statement, catalog); // ALTER TABLE reaches children (a renamed inherited column)
                }
            }
        }

        /// <summary>
        /// CONSTRAINT name PRIMARY KEY / UNIQUE / EXCLUDE in a CREATE TABLE: the constraint's index takes that name as
        /// given (an unnamed one would get a free name), so an index a fix created under it earlier makes it fail.
        /// </summary>
        private void RecordConstraintNames(CreateTableStatement create, StatementRef statement, Catalog catalog)
        {
            foreach (TableConstraint constraint in create.Constraints)
            {
                RecordConstraintName(constraint, create, statement, catalog);
            }
            foreach (ColumnDefinition column in create.Columns)
            {
                foreach (TableConstraint constraint in column.Constraints)
                {
                    RecordConstraintName(constraint, create, statement, catalog);
                }
            }
        }

        /// <summary>The schema is looked up only for a named key constraint: most CREATE TABLEs have none.</summary>
        private void RecordConstraintName(TableConstraint constraint, CreateTableStatement create, StatementRef statement, Catalog catalog)
        {
            if (constraint.Name != null && (constraint.Kind == ConstraintKind.PrimaryKey || constraint.Kind == ConstraintKind.Unique
                || constraint.Kind == ConstraintKind.Exclude))
            {
                RecordIndexName(constraint.Name.Value.Name, statement, CreatedIn(create.Name, catalog));
            }
        }

        /// <summary>The schema a CREATE TABLE puts the table (and its constraints' indexes) in; null when not known.</summary>
        private static SchemaObject? CreatedIn(ObjectName name, Catalog catalog)
        {
            return name.Schema != null ? catalog.FindSchema(name.Schema) : catalog.CreationSchema(out bool _);
        }

        /// <summary>Journaled like any catalog change: a rollback to an earlier point forgets it.</summary>
        private static void MarkChanged(TableObject table, StatementRef statement, Catalog catalog)
        {
            catalog.Set(table, table.LastAlteredBy, statement, static (t, v) => t.LastAlteredBy = v);
        }

        /// <summary>Every inheritance child and partition below the table; a work list, as chains can be deep.</summary>
        private static void MarkDescendants(TableObject table, StatementRef statement, Catalog catalog)
        {
            if (!table.HasChildren)
            {
                return; // most tables: no work list to make
            }
            var pending = new Stack<TableObject>();
            pending.Push(table);
            while (pending.Count > 0)
            {
                TableObject current = pending.Pop();
                foreach (TableObject child in current.InheritChildren)
                {
                    Mark(child, statement, catalog, pending);
                }
                foreach (TableObject partition in current.Partitions)
                {
                    Mark(partition, statement, catalog, pending);
                }
            }
        }

        private static void Mark(TableObject table, StatementRef statement, Catalog catalog, Stack<TableObject> pending)
        {
            if (table.LastAlteredBy != statement) // also ends a cycle
            {
                MarkChanged(table, statement, catalog);
                pending.Push(table);
            }
        }

        /// <summary>
        /// ALTER COLUMN ... DROP NOT NULL fails on a column of the primary key or of the replica identity index
        /// (ATExecDropNotNull), so a key fix placed before it would make it fail. It reaches the partitions and, without
        /// ONLY, the inheritance children too.
        /// </summary>
        private void RecordNotNullDrops(AlterTableStatement alter, TableObject table, StatementRef statement)
        {
            foreach (AlterTableAction action in alter.Actions)
            {
                if (action.Kind == AlterTableActionKind.DropNotNull && action.Column != null)
                {
                    RecordNotNullDrop(table, action.Column.Value.Name, statement, alter.Only);
                }
            }
        }

        private void RecordNotNullDrop(TableObject table, string column, StatementRef statement, bool only)
        {
            var pending = new Stack<TableObject>();
            var seen = new HashSet<TableObject>();
            pending.Push(table);
            while (pending.Count > 0)
            {
                TableObject current = pending.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }
                ColumnObject? found = current.FindColumn(column);
                if (found != null)
                {
                    Add(_notNullDropped, found, statement);
                }
                foreach (TableObject partition in current.Partitions)
                {
                    pending.Push(partition);
                }
                if (!only)
                {
                    foreach (TableObject child in current.InheritChildren)
                    {
                        pending.Push(child); // it recurses to inheritance children too (ATSimpleRecursion)
                    }
                }
            }
        }

        /// <summary>ADD PRIMARY KEY, kept even when a later statement drops the key again: a key fix placed before it makes it fail.</summary>
        private void RecordPrimaryKeyAdded(AlterTableStatement alter, TableObject table, StatementRef statement)
        {
            foreach (AlterTableAction action in alter.Actions)
            {
                if (action.Kind != AlterTableActionKind.AddConstraint || action.Constraint == null)
                {
                    continue;
                }
                if (action.Constraint.Kind == ConstraintKind.PrimaryKey)
                {
                    Add(_primaryKeyAdded, table, statement);
                }
                if (action.Constraint.Name != null && (action.Constraint.Kind == ConstraintKind.PrimaryKey || action.Constraint.Kind == ConstraintKind.Unique
                    || action.Constraint.Kind == ConstraintKind.Exclude))
                {
                    RecordIndexName(action.Constraint.Name.Value.Name, statement, table.Schema); // the constraint's index takes its name
                }
            }
        }

        /// <summary>
        /// REPLICA IDENTITY USING INDEX i and ADD ... USING INDEX i name an index: a fix placed before them that promotes
        /// i (renaming it to the key's name) or creates one named i would make them fail or change.
        /// </summary>
        private void RecordIndexesNamed(AlterTableStatement alter, StatementRef statement)
        {
            foreach (AlterTableAction action in alter.Actions)
            {
                if (action.Kind == AlterTableActionKind.ReplicaIdentity && action.Identity == ReplicaIdentityKind.Index && action.Target != null)
                {
                    Set(_indexNamesUsed, action.Target.Value.Name, statement);
                }
                else if (action.Kind == AlterTableActionKind.AddConstraint && action.Constraint?.UsingIndex != null)
                {
                    Set(_indexNamesUsed, action.Constraint.UsingIndex.Value.Name, statement);
                }
            }
        }

        /// <summary>ALTER TABLE parent ATTACH PARTITION t: recorded for t, whether PostgreSQL accepts it or not.</summary>
        private void RecordAttachAttempts(AlterTableStatement alter, StatementRef statement, Catalog catalog)
        {
            foreach (AlterTableAction action in alter.Actions)
            {
                if (action.Kind == AlterTableActionKind.AttachPartition && action.Relation != null && catalog.FindRelation(action.Relation.Value) is TableObject partition)
                {
                    Add(_attachAttempts, partition, statement);
                    // A fix placed before it could decide whether it succeeds (a key's NOT NULL): fixes go after it.
                    MarkChanged(partition, statement, catalog);
                }
            }
        }

        /// <summary>
        /// True when an ATTACH PARTITION of the table after <paramref name="statement"/> is one PostgreSQL rejects: a fix
        /// that makes key columns NOT NULL can lift its reason ("column must be marked NOT NULL") and let it succeed,
        /// changing what follows.
        /// </summary>
        public bool RejectedAttachAfter(TableObject table, StatementRef statement, ISet<StatementRef> rejected)
        {
            if (!_attachAttempts.TryGetValue(table, out List<StatementRef>? attempts))
            {
                return false;
            }
            foreach (StatementRef attempt in attempts)
            {
                if (attempt.Order > statement.Order && rejected.Contains(attempt))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>True when a REPLICA IDENTITY USING INDEX or ADD ... USING INDEX after <paramref name="statement"/> names <paramref name="name"/>.</summary>
        public bool IndexNameUsedAfter(string name, StatementRef statement)
        {
            return After(_indexNamesUsed, name, statement);
        }

        private void RecordIndexName(string name, StatementRef statement, SchemaObject? schema)
        {
            Add(IndexNamesCreated(name), name, new NamedIndex(statement, schema));
        }

        /// <summary>
        /// True when an ALTER TABLE after <paramref name="statement"/> adds a primary key to the table, not counting
        /// statements PostgreSQL rejects anyway (a key the fix adds cannot make them succeed).
        /// </summary>
        public bool PrimaryKeyAddedAfter(TableObject table, StatementRef statement, ISet<StatementRef>? rejected)
        {
            return AnyAfter(_primaryKeyAdded, table, statement, rejected);
        }

        /// <summary>
        /// Finds the tables the LIKE copies seen so far created: the catalog is as the statement after each left it.
        /// Indexed once, like <see cref="RejectedIdentityStatements"/>.
        /// </summary>
        public void ResolveCopies(Catalog catalog)
        {
            if (_likeCopiesResolved < _likeCopies.Count)
            {
                StateLog?.Counter(_likeCopiesResolved, n => _likeCopiesResolved = n);
            }
            for (; _likeCopiesResolved < _likeCopies.Count; _likeCopiesResolved++)
            {
                LikeCopy copy = _likeCopies[_likeCopiesResolved];
                if (catalog.FindRelation(copy.Target) is TableObject created && created.CreatedBy == copy.Statement)
                {
                    // Fresh objects, not yet shared: no undo needed for their fields.
                    copy.Copy = created;
                    copy.CopyHadKey = created.PrimaryKey != null;
                    Add(_keyCopies, copy.Source, copy);
                }
            }
        }

        /// <summary>
        /// A key on <paramref name="keyColumns"/> given to the table before <paramref name="statement"/> would be copied by
        /// a later CREATE TABLE ... (LIKE it INCLUDING INDEXES), and copies of that copy, and break there: the copy has a
        /// key of its own ("multiple primary keys"), a later DROP NOT NULL on a copied key column, or a later index or
        /// DROP INDEX under the copied key's name. Call <see cref="ResolveCopies"/> first at the end of the history.
        /// </summary>
        public bool CopiedKeyConflictsAfter(TableObject table, StatementRef statement, IReadOnlyList<ColumnObject>? keyColumns, ISet<StatementRef>? rejected)
        {
            var pending = new Stack<TableObject>(); // a work list: copies of copies
            var seen = new HashSet<TableObject>();
            pending.Push(table);
            while (pending.Count > 0)
            {
                TableObject current = pending.Pop();
                if (!seen.Add(current) || !_keyCopies.TryGetValue(current, out List<LikeCopy>? copies))
                {
                    continue;
                }
                foreach (LikeCopy like in copies)
                {
                    if (like.Statement.Order <= statement.Order || like.Copy == null)
                    {
                        continue;
                    }
                    TableObject copy = like.Copy;
                    if (keyColumns == null || like.CopyHadKey || copy.PrimaryKey != null || PrimaryKeyAddedAfter(copy, like.Statement, rejected)
                        || NotNullDroppedAfter(Namesakes(copy, keyColumns), like.Statement, rejected))
                    {
                        return true;
                    }
                    string copiedName = Model.IndexNaming.MakeObjectName(copy.Name, null, "pkey");
                    if (IndexNameCreatedAfter(copiedName, copy, like.Statement, rejected) || IndexReferences.ContainsKey(copiedName))
                    {
                        return true;
                    }
                    pending.Push(copy);
                }
            }
            return false;
        }

        private static List<ColumnObject> Namesakes(TableObject table, IReadOnlyList<ColumnObject> columns)
        {
            var found = new List<ColumnObject>(columns.Count);
            foreach (ColumnObject column in columns)
            {
                ColumnObject? namesake = table.FindColumn(column.Name);
                if (namesake != null)
                {
                    found.Add(namesake);
                }
            }
            return found;
        }

        /// <summary>
        /// True when a statement after <paramref name="statement"/> drops NOT NULL on one of the columns, not counting
        /// statements PostgreSQL rejects anyway ("marked NOT NULL in parent table": a key cannot make them succeed).
        /// </summary>
        public bool NotNullDroppedAfter(IReadOnlyList<ColumnObject> columns, StatementRef statement, ISet<StatementRef>? rejected)
        {
            foreach (ColumnObject column in columns)
            {
                if (AnyAfter(_notNullDropped, column, statement, rejected))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// True when a CREATE INDEX or named constraint after <paramref name="statement"/> gives an index of the table's schema
        /// the name <paramref name="name"/> (any schema when the table moved, or the statement's schema is not known), not
        /// counting statements PostgreSQL rejects anyway: an index the fix adds cannot make them succeed.
        /// </summary>
        public bool IndexNameCreatedAfter(string name, TableObject table, StatementRef statement, ISet<StatementRef>? rejected)
        {
            if (!IndexNamesCreated(name).TryGetValue(name, out List<NamedIndex>? created))
            {
                return false;
            }
            for (int i = created.Count - 1; i >= 0 && created[i].Statement.Order > statement.Order; i--)
            {
                NamedIndex index = created[i];
                if ((rejected == null || !rejected.Contains(index.Statement)) && (index.Schema == null || table.MovedBy != null || index.Schema == table.Schema))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>True when a CREATE INDEX of the history so far names <paramref name="name"/>.</summary>
        public bool IndexNameCreated(string name) => IndexNamesCreated(name).ContainsKey(name);

        private Dictionary<string, List<NamedIndex>> IndexNamesCreated(string name)
        {
            int length = name.Length;
            int hash = length == 0 ? 0 : length + name[length - 1] * 3 + name[length / 2];
            return _indexNamesCreated[hash & 15];
        }

        private static Dictionary<string, List<NamedIndex>>[] NewIndexNameShards()
        {
            var shards = new Dictionary<string, List<NamedIndex>>[16];
            for (int i = 0; i < shards.Length; i++)
            {
                shards[i] = new Dictionary<string, List<NamedIndex>>();
            }
            return shards;
        }

        private void AddReferencedIndexName(string name, StatementRef statement)
        {
            Add(_indexReferences, name, statement);
        }

        private static bool IsIdentityAttempt(AlterTableStatement alter)
        {
            foreach (AlterTableAction action in alter.Actions)
            {
                if ((action.Kind == AlterTableActionKind.ReplicaIdentity && action.Identity == ReplicaIdentityKind.Index)
                    || (action.Kind == AlterTableActionKind.AddConstraint && action.Constraint?.UsingIndex != null))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// The statements that tried to give the table a key or identity from an index and that PostgreSQL rejects
        /// (RG1003's), in history order. The whole statement fails, so deleting one changes nothing on the server.
        /// </summary>
        public IReadOnlyList<StatementRef> RejectedIdentityStatements(TableObject table, IReadOnlyList<RejectedStatement> rejected)
        {
            if (_rejectedByTable == null)
            {
                _rejectedByTable = new Dictionary<TableObject, List<StatementRef>>();
            }
            // Indexed once per rejected statement however often this is asked (one call per diagnostic).
            if (_rejectedIndexed < rejected.Count)
            {
                StateLog?.Counter(_rejectedIndexed, n => _rejectedIndexed = n);
            }
            for (; _rejectedIndexed < rejected.Count; _rejectedIndexed++)
            {
                RejectedStatement r = rejected[_rejectedIndexed];
                if (r.Kind == RejectionKind.IdentityIndex && _identityAttempts.TryGetValue(r.Statement, out TableObject? target))
                {
                    Add(_rejectedByTable, target, r.Statement);
                }
            }
            return _rejectedByTable.TryGetValue(table, out List<StatementRef>? found) ? found : (IReadOnlyList<StatementRef>)NoStatements;
        }

        /// <summary>
        /// Table names listed by ALTER PUBLICATION ... ADD | SET statements that PostgreSQL rejected (so far), each with
        /// the last such statement. Taking such a table out of an earlier list can make that statement succeed and
        /// publish more (e.g. an ADD rejected because the table was already a member): the publication-list fix is
        /// not offered for them.
        /// </summary>
        public IReadOnlyDictionary<string, StatementRef> TablesInRejectedPublicationChanges(IReadOnlyList<RejectedStatement> rejected)
        {
            if (_publicationChangesIndexed < rejected.Count)
            {
                StateLog?.Counter(_publicationChangesIndexed, n => _publicationChangesIndexed = n);
            }
            for (; _publicationChangesIndexed < rejected.Count; _publicationChangesIndexed++)
            {
                StatementRef statement = rejected[_publicationChangesIndexed].Statement;
                if (statement.Statement is AlterPublicationStatement alter
                    && (alter.Action == AlterPublicationAction.Add || alter.Action == AlterPublicationAction.Set))
                {
                    Set(_publicationsWithRejectedChanges, alter.Name.Name, statement);
                    foreach (Syntax.Ast.PublicationObject item in alter.Objects)
                    {
                        if (item.Table != null)
                        {
                            Set(_tablesInRejectedPublicationChanges, item.Table.Value.Name, statement);
                        }
                    }
                }
            }
            return _tablesInRejectedPublicationChanges;
        }

        /// <summary>
        /// Relation names that statements PostgreSQL rejected (so far) found taken ("relation "i1" already exists", also
        /// "... in schema"). A fix that renames such a relation (promoting index i1 to the key) could let that statement
        /// succeed and change what follows. Indexed once, like <see cref="RejectedIdentityStatements"/>.
        /// </summary>
        public ICollection<string> NamesTakenInRejections(IReadOnlyList<RejectedStatement> rejected)
        {
            if (_takenNamesIndexed < rejected.Count)
            {
                StateLog?.Counter(_takenNamesIndexed, n => _takenNamesIndexed = n);
            }
            for (; _takenNamesIndexed < rejected.Count; _takenNamesIndexed++)
            {
                string message = rejected[_takenNamesIndexed].Message;
                const string Prefix = "relation \"";
                int end = message.StartsWith(Prefix, System.StringComparison.Ordinal) ? message.IndexOf("\" already exists", Prefix.Length, System.StringComparison.Ordinal) : -1;
                if (end > 0)
                {
                    Set(_namesTakenInRejections, message.Substring(Prefix.Length, end - Prefix.Length), rejected[_takenNamesIndexed].Statement);
                }
            }
            return _namesTakenInRejections.Keys;
        }

        /// <summary>A statement after <paramref name="statement"/> was rejected because <paramref name="name"/> was taken (index them first).</summary>
        public bool NameTakenInRejectionAfter(string name, StatementRef statement) => After(_namesTakenInRejections, name, statement);

        private readonly Dictionary<string, StatementRef> _namesTakenInRejections = new Dictionary<string, StatementRef>();
        private int _takenNamesIndexed;

        /// <summary>
        /// Publication names whose ALTER PUBLICATION ... ADD | SET PostgreSQL rejected, with the last such statement (filled
        /// by <see cref="TablesInRejectedPublicationChanges"/>). Taking a table out of such a publication's list can make
        /// that statement succeed: ADD TABLES IN SCHEMA is rejected while the publication lists a table with a column list.
        /// </summary>
        public IReadOnlyDictionary<string, StatementRef> PublicationsWithRejectedChanges => _publicationsWithRejectedChanges;

        /// <summary>Sets an entry of this bookkeeping, with its undo logged for an incremental analysis.</summary>
        private void Set<TKey, TValue>(Dictionary<TKey, TValue> entries, TKey key, TValue value)
            where TKey : notnull
        {
            StateLog?.DictionaryEntry(entries, key);
            entries[key] = value;
        }

        /// <summary>Appends an item to the key's list (in history order), with its undo logged.</summary>
        private void Add<TKey, TItem>(Dictionary<TKey, List<TItem>> entries, TKey key, TItem item)
            where TKey : notnull
        {
            if (!entries.TryGetValue(key, out List<TItem>? list))
            {
                // Capacity 1: nearly every key gets one item (an index name is created once), and the default first
                // array of 4 was ~0.25 MB per GitLab run of unused slots.
                list = new List<TItem>(1);
                Set(entries, key, list);
            }
            StateLog?.ListAdd(list);
            list.Add(item);
        }

        /// <summary>One of the key's statements comes after <paramref name="statement"/> and is not rejected.</summary>
        private static bool AnyAfter<TKey>(Dictionary<TKey, List<StatementRef>> recorded, TKey key, StatementRef statement, ISet<StatementRef>? rejected)
            where TKey : notnull
        {
            if (!recorded.TryGetValue(key, out List<StatementRef>? list))
            {
                return false;
            }
            for (int i = list.Count - 1; i >= 0 && list[i].Order > statement.Order; i--)
            {
                if (rejected == null || !rejected.Contains(list[i]))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The key's recorded statement comes after <paramref name="statement"/>.</summary>
        private static bool After<TKey>(Dictionary<TKey, StatementRef> recorded, TKey key, StatementRef statement)
            where TKey : notnull
        {
            return recorded.TryGetValue(key, out StatementRef? at) && at.Order > statement.Order;
        }

        /// <summary>
        /// True when a DROP INDEX or ALTER INDEX after <paramref name="statement"/> names <paramref name="name"/>. One before it
        /// ran before a fix placed at the statement existed (the fix itself checks those up to where it lands).
        /// </summary>
        public bool IndexNameReferencedAfter(string name, StatementRef statement)
        {
            return _indexReferences.TryGetValue(name, out List<StatementRef>? statements) && statements[statements.Count - 1].Order > statement.Order;
        }

        /// <summary>Every index name a DROP INDEX or ALTER INDEX of the history names, so far, with those statements in order.</summary>
        public IReadOnlyDictionary<string, List<StatementRef>> IndexReferences => _indexReferences;

        private readonly Dictionary<string, List<StatementRef>> _indexReferences = new Dictionary<string, List<StatementRef>>();

        /// <summary>The last statement that altered the table, or null.</summary>
        public StatementRef? LastChangeOf(TableObject table) => table.LastAlteredBy;
    }
}
