using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>CREATE SCHEMA (with its elements), ALTER SCHEMA RENAME, DROP SCHEMA.</summary>
    public sealed partial class Replayer
    {
        private void ApplyCreateSchema(CreateSchemaStatement s)
        {
            string? name = s.Name?.Name ?? s.Authorization;
            if (name == null)
            {
                return;
            }
            if (_catalog.FindSchema(name) != null)
            {
                if (s.IfNotExists)
                {
                    return; // NOTICE: schema already exists, skipping (the elements are not created either)
                }
                throw Reject("schema \"" + name + "\" already exists");
            }
            if (name.StartsWith("pg_", System.StringComparison.Ordinal))
            {
                throw Reject("unacceptable schema name \"" + name + "\"");
            }
            var schema = new SchemaObject(name, isSystem: false, createdBy: _current);
            _catalog.AddSchema(schema);
            if (s.Elements.Count == 0)
            {
                return;
            }

            // Elements are created in the new schema: PostgreSQL puts it first on the path while they run.
            IReadOnlyList<string> savedPath = _catalog.SessionSearchPath;
            IReadOnlyList<string>? savedLocal = _catalog.LocalSearchPath;
            var path = new List<string> { name };
            path.AddRange(_catalog.SearchPath);
            _catalog.SetSearchPath(path, isLocal: false);
            try
            {
                foreach (Statement element in s.Elements)
                {
                    string? qualifier = (element as CreateTableStatement)?.Name.Schema ?? (element as CreateOtherRelationStatement)?.Name.Schema;
                    if (qualifier != null && qualifier != name)
                    {
                        throw Reject("CREATE specifies a schema (" + qualifier + ") different from the one being created (" + name + ")");
                    }
                    RejectedException? rejected = Dispatch(element);
                    if (rejected != null)
                    {
                        throw rejected;
                    }
                }
            }
            finally
            {
                _catalog.SetSearchPath(savedPath, isLocal: false);
                if (savedLocal != null)
                {
                    _catalog.SetSearchPath(savedLocal, isLocal: true);
                }
            }
        }

        private void ApplyAlterSchema(AlterSchemaStatement s)
        {
            SchemaObject schema = RequireSchema(s.Name.Name);
            if (_catalog.FindSchema(s.RenameTo.Name) != null)
            {
                throw Reject("schema \"" + s.RenameTo.Name + "\" already exists");
            }
            if (schema.IsSystem || s.RenameTo.Name.StartsWith("pg_", System.StringComparison.Ordinal))
            {
                throw Reject("unacceptable schema name \"" + s.RenameTo.Name + "\"");
            }
            _catalog.RenameSchema(schema, s.RenameTo.Name);
        }

        private void DropSchemas(DropStatement s)
        {
            foreach (ObjectName name in s.Names)
            {
                SchemaObject? schema = _catalog.FindSchema(name.Name);
                if (schema == null)
                {
                    if (s.IfExists)
                    {
                        continue;
                    }
                    throw Reject("schema \"" + name.Name + "\" does not exist");
                }
                if (schema.IsSystem || schema.IsTemporary)
                {
                    throw Reject("cannot drop schema " + schema.Name + " because it is required by the database system");
                }
                if (schema.Relations.Count > 0 && !s.Cascade)
                {
                    throw Reject("cannot drop schema " + schema.Name + " because other objects depend on it");
                }
                foreach (RelationObject relation in new List<RelationObject>(schema.Relations.Values))
                {
                    if (relation.Dropped)
                    {
                        continue;
                    }
                    if (relation is TableObject table)
                    {
                        DropTableObject(table);
                    }
                    else if (relation is IndexObject index)
                    {
                        // An index in this schema whose table lives elsewhere cannot exist; drop it with its table.
                        DropIndexObject(index);
                    }
                    else
                    {
                        _catalog.RemoveRelation(relation);
                    }
                }
                _catalog.RemoveSchema(schema);
            }
        }
    }
}
