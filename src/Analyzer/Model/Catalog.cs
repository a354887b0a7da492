using System;
using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// The replayed database: schemas, relations and publications, plus the session state that decides where
    /// unqualified names go (search_path). All changes go through methods that record how to undo them.
    /// </summary>
    public sealed class Catalog
    {
        public const string TempSchemaName = "pg_temp";

        private readonly Journal _journal = new Journal();
        private readonly Dictionary<string, SchemaObject> _schemas = new Dictionary<string, SchemaObject>();
        private readonly Dictionary<string, PublicationObject> _publications = new Dictionary<string, PublicationObject>();
        private readonly List<TableObject> _tables = new List<TableObject>();
        private readonly IReadOnlyList<string> _initialSearchPath;
        private readonly string _userName;
        private SchemaObject? _tempSchema;

        public Catalog(IReadOnlyList<string> initialSearchPath, string userName)
        {
            _initialSearchPath = initialSearchPath;
            _userName = userName;
            SessionSearchPath = initialSearchPath;
            AddSchemaUnjournaled(new SchemaObject("public", isSystem: false, createdBy: null));
            AddSchemaUnjournaled(new SchemaObject("pg_catalog", isSystem: true, createdBy: null));
            AddSchemaUnjournaled(new SchemaObject("information_schema", isSystem: true, createdBy: null));
            AddSchemaUnjournaled(new SchemaObject("pg_toast", isSystem: true, createdBy: null));
        }

        /// <summary>search_path set by SET / set_config(..., false).</summary>
        public IReadOnlyList<string> SessionSearchPath { get; private set; }

        /// <summary>search_path set by SET LOCAL, until the transaction ends.</summary>
        public IReadOnlyList<string>? LocalSearchPath { get; private set; }

        public IReadOnlyList<string> SearchPath => LocalSearchPath ?? SessionSearchPath;

        public bool InTransaction { get; private set; }

        public IEnumerable<SchemaObject> Schemas => _schemas.Values;

        public IEnumerable<PublicationObject> Publications => _publications.Values;

        internal bool HasPublications => _publications.Count > 0;

        /// <summary>The publications as a struct-enumerable collection: the identity checks walk them for every table.</summary>
        internal Dictionary<string, PublicationObject>.ValueCollection PublicationValues => _publications.Values;

        /// <summary>Every table ever created, in creation order; check <see cref="RelationObject.Dropped"/>.</summary>
        public IReadOnlyList<TableObject> AllTables => _tables;

        // ----- journal and transactions -----

        internal int Mark => _journal.Mark;

        internal void RollbackTo(int mark) => _journal.RollbackTo(mark);

        internal void Record(Action undo) => _journal.Record(undo);

        /// <summary>Keeps the undo entries of committed statements too (for an incremental analysis; memory grows with the history).</summary>
        internal void KeepHistory() => _journal.KeepAll = true;

        /// <summary>The state between two files: the journal's mark, and the temporary schema (created without a journal entry).</summary>
        internal FileBoundary MarkFileBoundary() => new FileBoundary(_journal.Mark, _tempSchema);

        /// <summary>Back to a boundary marked in this history (only with <see cref="KeepHistory"/>); the next file then begins.</summary>
        internal void RollbackTo(FileBoundary boundary)
        {
            _journal.RollbackTo(boundary.JournalMark);
            _tempSchema = boundary.TempSchema;
        }

        internal readonly struct FileBoundary
        {
            public FileBoundary(int journalMark, SchemaObject? tempSchema)
            {
                JournalMark = journalMark;
                TempSchema = tempSchema;
            }

            public int JournalMark { get; }
            public SchemaObject? TempSchema { get; }
        }

        /// <summary>Called after each statement: outside a transaction nothing can be rolled back any more.</summary>
        internal void StatementCompleted()
        {
            if (!InTransaction)
            {
                _journal.Clear();
            }
        }

        private readonly List<KeyValuePair<string, int>> _savepoints = new List<KeyValuePair<string, int>>();
        private int _transactionMark;
        private IReadOnlyList<string> _sessionPathAtBegin = Array.Empty<string>();

        internal void BeginTransaction()
        {
            if (InTransaction)
            {
                return; // WARNING: there is already a transaction in progress
            }
            InTransaction = true;
            _transactionMark = _journal.Mark;
            _sessionPathAtBegin = SessionSearchPath;
            _savepoints.Clear();
        }

        internal void EndTransaction(bool commit)
        {
            if (!InTransaction)
            {
                return;
            }
            if (!commit)
            {
                _journal.RollbackTo(_transactionMark);
                SessionSearchPath = _sessionPathAtBegin;
            }
            InTransaction = false;
            LocalSearchPath = null;
            _savepoints.Clear();
            _journal.Clear();
        }

        internal void Savepoint(string name)
        {
            if (InTransaction)
            {
                _savepoints.Add(new KeyValuePair<string, int>(name, _journal.Mark));
            }
        }

        /// <summary>False when the savepoint does not exist (the server rejects the statement).</summary>
        internal bool RollbackToSavepoint(string name, bool release)
        {
            for (int i = _savepoints.Count - 1; i >= 0; i--)
            {
                if (_savepoints[i].Key == name)
                {
                    if (!release)
                    {
                        _journal.RollbackTo(_savepoints[i].Value);
                        _savepoints.RemoveRange(i + 1, _savepoints.Count - i - 1);
                    }
                    else
                    {
                        _savepoints.RemoveRange(i, _savepoints.Count - i);
                    }
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// A new migration file starts like a new session: search_path back to the initial setting. An open
        /// transaction is taken as committed (migration tools commit each file).
        /// </summary>
        internal void ResetSession()
        {
            EndTransaction(commit: true);
            SessionSearchPath = _initialSearchPath;
            LocalSearchPath = null;
        }

        // ----- search_path -----

        internal void SetSearchPath(IReadOnlyList<string>? schemas, bool isLocal)
        {
            IReadOnlyList<string> value = schemas ?? _initialSearchPath;
            if (isLocal)
            {
                if (InTransaction)
                {
                    LocalSearchPath = value;
                }
                return; // SET LOCAL outside a transaction block has no effect
            }
            SessionSearchPath = value;
            if (InTransaction)
            {
                // A session SET inside a transaction also overrides an earlier SET LOCAL.
                LocalSearchPath = null;
            }
        }

        /// <summary>One search_path entry as the schema it names ("$user" resolved), or null when that schema does not exist.</summary>
        private SchemaObject? PathSchema(string entry)
        {
            string name = entry == "$user" ? _userName : entry;
            if (name == TempSchemaName)
            {
                return _tempSchema;
            }
            return _schemas.TryGetValue(name, out SchemaObject? schema) ? schema : null;
        }

        /// <summary>Where an unqualified CREATE goes: the first existing schema of the path (pg_temp first makes it temporary).</summary>
        internal SchemaObject? CreationSchema(out bool temporary)
        {
            temporary = false;
            IReadOnlyList<string> path = SearchPath;
            for (int i = 0; i < path.Count; i++)
            {
                string name = path[i] == "$user" ? _userName : path[i];
                if (name == TempSchemaName)
                {
                    // pg_temp names the creation schema only when it comes first (or exists already and comes first).
                    temporary = true;
                    return TempSchema();
                }
                if (_schemas.TryGetValue(name, out SchemaObject? schema))
                {
                    return schema;
                }
            }
            return null;
        }

        internal SchemaObject TempSchema()
        {
            if (_tempSchema == null)
            {
                _tempSchema = new SchemaObject(TempSchemaName, isSystem: false, createdBy: null) { IsTemporary = true };
            }
            return _tempSchema;
        }

        public SchemaObject? FindSchema(string name)
        {
            if (name == TempSchemaName || name.StartsWith("pg_temp_", StringComparison.Ordinal))
            {
                return _tempSchema;
            }
            return _schemas.TryGetValue(name, out SchemaObject? schema) ? schema : null;
        }

        /// <summary>RangeVarGetRelid: qualified names in their schema; unqualified ones in pg_temp, then the path.</summary>
        public RelationObject? FindRelation(ObjectName name)
        {
            // The listeners and then the replayer look up the same name of the same statement in turn: answer the
            // repeat from the last lookup while nothing that could change the answer has happened since.
            int version = NamesVersion;
            // Names are values: the same schema and name under the same path and naming version find the same relation.
            if (_lastLookup.Name is ObjectName last && last.Equals(name) && _lastLookup.Version == version
                && ReferenceEquals(_lastLookup.Path, SearchPath) && ReferenceEquals(_lastLookup.TempSchema, _tempSchema))
            {
                return _lastLookup.Found;
            }
            RelationObject? found = Lookup(name);
            _lastLookup = new LastLookup(name, found, version, SearchPath, _tempSchema);
            return found;
        }

        private LastLookup _lastLookup;

        /// <summary>Bumped by every change of which name finds which relation (add, drop, rename, move, schemas).</summary>
        private int _namesChanged;

        /// <summary>Changes with when a rollback may have changed names back.</summary>
        private int NamesVersion => _namesChanged + _journal.Rollbacks;

        private readonly struct LastLookup
        {
            public LastLookup(ObjectName name, RelationObject? found, int version, IReadOnlyList<string> path, SchemaObject? tempSchema)
            {
                Name = name;
                Found = found;
                Version = version;
                Path = path;
                TempSchema = tempSchema;
            }

            public ObjectName? Name { get; }
            public RelationObject? Found { get; }
            public int Version { get; }
            public IReadOnlyList<string>? Path { get; }
            public SchemaObject? TempSchema { get; }
        }

        private RelationObject? Lookup(ObjectName name)
        {
            if (name.Schema != null)
            {
                SchemaObject? schema = FindSchema(name.Schema);
                return schema != null && schema.Relations.TryGetValue(name.Name, out RelationObject? r) ? r : null;
            }
            if (_tempSchema != null && _tempSchema.Relations.TryGetValue(name.Name, out RelationObject? temp))
            {
                return temp;
            }
            // An index loop, not an iterator: this runs for nearly every statement, several times.
            SchemaObject?[] path = PathSchemas();
            for (int i = 0; i < path.Length; i++)
            {
                SchemaObject? schema = path[i];
                if (schema != null && schema.Relations.TryGetValue(name.Name, out RelationObject? r))
                {
                    return r;
                }
            }
            return null;
        }

        /// <summary>
        /// The search path's entries as the schemas they name (null where none exists), worked out again only when
        /// the path, the schemas or the temporary schema change: unqualified names are most lookups, and each entry
        /// ("$user" first by default) was a dictionary lookup every time.
        /// </summary>
        private SchemaObject?[] PathSchemas()
        {
            IReadOnlyList<string> path = SearchPath;
            int version = _schemasChanged + _journal.Rollbacks;
            if (!ReferenceEquals(path, _pathSchemasOf) || version != _pathSchemasVersion || !ReferenceEquals(_tempSchema, _pathSchemasTemp))
            {
                var schemas = new SchemaObject?[path.Count];
                for (int i = 0; i < schemas.Length; i++)
                {
                    schemas[i] = PathSchema(path[i]);
                }
                _pathSchemas = schemas;
                _pathSchemasOf = path;
                _pathSchemasVersion = version;
                _pathSchemasTemp = _tempSchema;
            }
            return _pathSchemas;
        }

        private SchemaObject?[] _pathSchemas = new SchemaObject?[0];
        private IReadOnlyList<string>? _pathSchemasOf;
        private int _pathSchemasVersion;
        private SchemaObject? _pathSchemasTemp;

        /// <summary>Bumped by every change of which name finds which schema (add, drop, rename).</summary>
        private int _schemasChanged;

        /// <summary>The schema a qualified or unqualified name refers to for lookup of indexes by name in the path.</summary>
        public TableObject? FindTable(ObjectName name) => FindRelation(name) as TableObject;

        // ----- schemas -----

        private void AddSchemaUnjournaled(SchemaObject schema) => _schemas[schema.Name] = schema;

        internal void AddSchema(SchemaObject schema)
        {
            _namesChanged++;
            _schemasChanged++;
            _schemas[schema.Name] = schema;
            Record(() => _schemas.Remove(schema.Name));
        }

        internal void RemoveSchema(SchemaObject schema)
        {
            _namesChanged++;
            _schemasChanged++;
            _schemas.Remove(schema.Name);
            schema.Dropped = true;
            Record(() =>
            {
                schema.Dropped = false;
                _schemas[schema.Name] = schema;
            });
            foreach (PublicationObject publication in _publications.Values)
            {
                RemovePublicationSchema(publication, schema);
            }
        }

        internal void RenameSchema(SchemaObject schema, string newName)
        {
            _namesChanged++;
            _schemasChanged++;
            Rename(_schemas, schema, schema.Name, newName, name => schema.Name = name);
        }

        /// <summary>Re-keys an object in the dictionary that finds it by name, renames it, and records the undo (relations: RenameRelation).</summary>
        private void Rename<T>(Dictionary<string, T> byName, T item, string oldName, string newName, Action<string> setName)
        {
            byName.Remove(oldName);
            setName(newName);
            byName[newName] = item;
            Record(() =>
            {
                byName.Remove(newName);
                setName(oldName);
                byName[oldName] = item;
            });
        }

        // ----- relations -----

        internal void AddRelation(RelationObject relation)
        {
            _namesChanged++;
            relation.Schema.Relations[relation.Name] = relation;
            _journal.Record(new UndoStep(UnaddRelation, relation));
            if (relation is TableObject table)
            {
                AddToList(_tables, table);
            }
        }

        private static readonly Action<UndoStep> UnaddRelation = step =>
        {
            var relation = (RelationObject)step.Target;
            relation.Schema.Relations.Remove(relation.Name);
        };

        internal void RemoveRelation(RelationObject relation)
        {
            _namesChanged++;
            SchemaObject schema = relation.Schema;
            schema.Relations.Remove(relation.Name);
            relation.Dropped = true;
            Record(() =>
            {
                relation.Dropped = false;
                schema.Relations[relation.Name] = relation;
            });
        }

        internal void RenameRelation(RelationObject relation, string newName)
        {
            _namesChanged++;
            RelationMap names = relation.Schema.Relations;
            string oldName = relation.Name;
            names.Remove(oldName);
            relation.Name = newName;
            names[newName] = relation;
            Record(() =>
            {
                names.Remove(newName);
                relation.Name = oldName;
                names[oldName] = relation;
            });
        }

        internal void MoveRelation(RelationObject relation, SchemaObject target)
        {
            _namesChanged++;
            SchemaObject old = relation.Schema;
            old.Relations.Remove(relation.Name);
            relation.Schema = target;
            target.Relations[relation.Name] = relation;
            Record(() =>
            {
                target.Relations.Remove(relation.Name);
                relation.Schema = old;
                old.Relations[relation.Name] = relation;
            });
        }

        /// <summary>
        /// Sets a field of a model object and records how to restore it. Pass a static lambda: it is kept as the undo,
        /// so recording allocates nothing (hot: NOT NULL, inheritance counts, identity, "changed by" stamps).
        /// </summary>
        internal void Set<TObject, T>(TObject target, T current, T value, Action<TObject, T> assign)
            where TObject : class
        {
            if (EqualityComparer<T>.Default.Equals(current, value))
            {
                return;
            }
            assign(target, value);
            _journal.Record(new UndoStep(SetBack<TObject, T>.Undo, target, Box(current), assign));
        }

        /// <summary>Sets a field and records how to restore it (a closure: for rarely changed fields).</summary>
        internal void Set<T>(T current, T value, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, value))
            {
                return;
            }
            assign(value);
            Record(() => assign(current));
        }

        internal void AddToList<T>(List<T> list, T item)
        {
            list.Add(item);
            _journal.Record(new UndoStep(ListUndo<T>.Remove, list, item));
        }

        internal void RemoveFromList<T>(List<T> list, T item)
        {
            int index = list.IndexOf(item);
            if (index < 0)
            {
                return;
            }
            list.RemoveAt(index);
            _journal.Record(new UndoStep(ListUndo<T>.Insert, list, item, number: index));
        }

        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;

        /// <summary>Small counts (inheritance counts of every column of an attached partition).</summary>
        private static readonly object[] BoxedSmallInts = { 0, 1, 2, 3 };

        /// <summary>Flags and small counts are most of what <see cref="Set{TObject, T}"/> restores: one shared box for each value.</summary>
        private static object? Box<T>(T value)
        {
            if (value is bool flag)
            {
                return flag ? BoxedTrue : BoxedFalse;
            }
            if (value is int number && number >= 0 && number < BoxedSmallInts.Length)
            {
                return BoxedSmallInts[number];
            }
            return value;
        }

        /// <summary>The undo of <see cref="Set{TObject, T}"/> for one pair of types: assign the old value back.</summary>
        private static class SetBack<TObject, T>
            where TObject : class
        {
            public static readonly Action<UndoStep> Undo = step => ((Action<TObject, T>)step.Extra!)((TObject)step.Target, (T)step.Value!);
        }

        /// <summary>Undo steps of list changes. Undo runs newest first, so an added item is found from the end.</summary>
        private static class ListUndo<T>
        {
            public static readonly Action<UndoStep> Remove = step =>
            {
                var list = (List<T>)step.Target;
                int index = list.LastIndexOf((T)step.Value!);
                if (index >= 0)
                {
                    list.RemoveAt(index);
                }
            };

            public static readonly Action<UndoStep> Insert = step =>
            {
                var list = (List<T>)step.Target;
                list.Insert(Math.Min(step.Number, list.Count), (T)step.Value!);
            };
        }

        // ----- publications -----

        public PublicationObject? FindPublication(string name) => _publications.TryGetValue(name, out PublicationObject? p) ? p : null;

        internal void AddPublication(PublicationObject publication)
        {
            _publications[publication.Name] = publication;
            Record(() => _publications.Remove(publication.Name));
        }

        internal void RemovePublication(PublicationObject publication)
        {
            _publications.Remove(publication.Name);
            publication.Dropped = true;
            Record(() =>
            {
                publication.Dropped = false;
                _publications[publication.Name] = publication;
            });
            foreach (TableObject table in new List<TableObject>(publication.Tables))
            {
                RemovePublicationRow(publication, table);
            }
        }

        internal void RenamePublication(PublicationObject publication, string newName) =>
            Rename(_publications, publication, publication.Name, newName, name => publication.Name = name);

        internal void AddPublicationRow(PublicationRelation row)
        {
            row.Table.PublicationRows[row.Publication] = row;
            row.Publication.Tables.Add(row.Table);
            Record(() =>
            {
                row.Table.PublicationRows.Remove(row.Publication);
                row.Publication.Tables.Remove(row.Table);
            });
        }

        internal void RemovePublicationRow(PublicationObject publication, TableObject table)
        {
            if (!table.TryGetPublicationRow(publication, out PublicationRelation row))
            {
                return;
            }
            table.PublicationRows.Remove(publication);
            publication.Tables.Remove(table);
            Record(() =>
            {
                table.PublicationRows[publication] = row;
                publication.Tables.Add(table);
            });
        }

        internal void AddPublicationSchema(PublicationObject publication, SchemaObject schema, StatementRef? addedBy)
        {
            publication.Schemas[schema] = addedBy;
            Record(() => publication.Schemas.Remove(schema));
        }

        internal void RemovePublicationSchema(PublicationObject publication, SchemaObject schema)
        {
            if (!publication.Schemas.TryGetValue(schema, out StatementRef? addedBy))
            {
                return;
            }
            publication.Schemas.Remove(schema);
            Record(() => publication.Schemas[schema] = addedBy);
        }
    }
}
