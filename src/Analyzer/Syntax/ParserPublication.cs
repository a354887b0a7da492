using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Syntax
{
    /// <summary>CREATE/ALTER PUBLICATION in every PostgreSQL 13 to 18 form. DROP PUBLICATION is a <see cref="DropStatement"/>.</summary>
    internal sealed partial class StatementParser
    {
        private Statement ParseCreatePublication(out int headEnd)
        {
            var stmt = new CreatePublicationStatement();
            Identifier? name = ParseIdentifier("a publication name");
            headEnd = _pos;
            if (name == null)
            {
                return stmt;
            }
            stmt.Name = name.Value;
            if (AcceptKw("for"))
            {
                if (IsKw("all") && IsKwAt(1, "tables"))
                {
                    _pos += 2;
                    stmt.AllTables = true;
                }
                else
                {
                    ParsePublicationObjects(stmt.Objects, allowFilters: true);
                }
            }
            if (AcceptKw("with"))
            {
                ParsePublicationOptions(stmt.Options);
            }
            if (!AtEnd && !Failed)
            {
                Fail("expected WITH or the end of the statement");
            }
            return CheckVersion(stmt, stmt.Objects);
        }

        private Statement ParseAlterPublication(out int headEnd)
        {
            var stmt = new AlterPublicationStatement();
            Identifier? name = ParseIdentifier("a publication name");
            headEnd = _pos;
            if (name == null)
            {
                return stmt;
            }
            stmt.Name = name.Value;
            if (AcceptKw("add"))
            {
                stmt.Action = AlterPublicationAction.Add;
                ParsePublicationObjects(stmt.Objects, allowFilters: true);
            }
            else if (AcceptKw("drop"))
            {
                stmt.Action = AlterPublicationAction.Drop;
                ParsePublicationObjects(stmt.Objects, allowFilters: true);
            }
            else if (AcceptKw("set"))
            {
                if (IsKind(SyntaxKind.OpenParen))
                {
                    stmt.Action = AlterPublicationAction.SetOptions;
                    ParsePublicationOptions(stmt.Options);
                }
                else
                {
                    stmt.Action = AlterPublicationAction.Set;
                    ParsePublicationObjects(stmt.Objects, allowFilters: true);
                }
            }
            else if (AcceptKws("rename", "to"))
            {
                stmt.Action = AlterPublicationAction.Rename;
                stmt.RenameTo = ParseIdentifier("a new publication name");
            }
            else
            {
                stmt.Action = AlterPublicationAction.Other; // OWNER TO
                _pos = _end;
            }
            if (!AtEnd && !Failed)
            {
                Fail("expected ',' or the end of the statement");
            }
            return CheckVersion(stmt, stmt.Objects);
        }

        /// <summary>Schemas, column lists and row filters exist from PostgreSQL 15; older servers reject them.</summary>
        private Statement CheckVersion(Statement stmt, List<PublicationObject> objects)
        {
            if (Failed || _version >= 15)
            {
                return stmt;
            }
            foreach (PublicationObject o in objects)
            {
                string? feature = o.IsSchema ? "TABLES IN SCHEMA" : o.Columns != null ? "a column list" : o.RowFilterColumns != null ? "a row filter" : null;
                if (feature != null)
                {
                    return new UnparsedStatement(
                        "PostgreSQL " + _version + " does not support " + feature + " in publications (PostgreSQL 15 or later); the server will reject this statement",
                        o.Span);
                }
            }
            return stmt;
        }

        /// <summary>TABLE [ONLY] t [*] [(cols)] [WHERE (expr)], TABLES IN SCHEMA s | CURRENT_SCHEMA, and continuations.</summary>
        private void ParsePublicationObjects(List<PublicationObject> objects, bool allowFilters)
        {
            bool schemaMode = false;
            bool any = false;
            while (!Failed)
            {
                int start = _pos;
                if (AcceptKw("table"))
                {
                    schemaMode = false;
                    any = true;
                }
                else if (IsKw("tables") && IsKwAt(1, "in") && IsKwAt(2, "schema"))
                {
                    _pos += 3;
                    schemaMode = true;
                    any = true;
                }
                else if (!any)
                {
                    Fail("expected TABLE or TABLES IN SCHEMA");
                    return;
                }

                PublicationObject? obj;
                if (schemaMode)
                {
                    if (AcceptKw("current_schema"))
                    {
                        obj = PublicationObject.ForSchema(null, currentSchema: true);
                    }
                    else
                    {
                        Identifier? schema = ParseIdentifier("a schema name");
                        obj = schema == null ? null : PublicationObject.ForSchema(schema, currentSchema: false);
                    }
                }
                else
                {
                    bool only = AcceptKw("only");
                    bool parenthesised = only && Accept(SyntaxKind.OpenParen);
                    ObjectName? table = ParseObjectName("a table name");
                    if (parenthesised)
                    {
                        Expect(SyntaxKind.CloseParen, "')'");
                    }
                    obj = table == null ? null : PublicationObject.ForTable(table.Value);
                    if (obj != null)
                    {
                        obj.Only = only;
                        AcceptOperatorStar();
                        if (IsKind(SyntaxKind.OpenParen))
                        {
                            obj.Columns = ParseColumnList();
                        }
                        if (AcceptKw("where"))
                        {
                            int filterStart = _pos;
                            SkipParens();
                            obj.RowFilterColumns = CollectNames(filterStart, _pos);
                            obj.RowFilterSpan = SpanFrom(filterStart);
                        }
                    }
                }
                if (obj == null)
                {
                    return;
                }
                obj.Span = SpanFrom(start);
                objects.Add(obj);
                if (!Accept(SyntaxKind.Comma))
                {
                    return;
                }
            }
        }

        private void ParsePublicationOptions(PublicationOptions options)
        {
            Expect(SyntaxKind.OpenParen, "'('");
            var seen = new HashSet<string>();
            while (!Failed)
            {
                Identifier? name = ParseIdentifier("a publication parameter");
                if (name == null)
                {
                    return;
                }
                string? value = null;
                Token valueToken = default;
                if (IsKind(SyntaxKind.Operator) && _tokens.GetText(Cur) == "=")
                {
                    _pos++;
                    if (AtEnd)
                    {
                        Fail("expected a value");
                        return;
                    }
                    valueToken = Cur;
                    value = valueToken.Kind == SyntaxKind.Identifier || valueToken.Kind == SyntaxKind.QuotedIdentifier
                        ? _names.Normalize(_text, valueToken)
                        : Identifiers.StringValue(_text, valueToken);
                    _pos++;
                }

                if (!seen.Add(name.Value.Name))
                {
                    options.Error ??= "conflicting or redundant options";
                }
                switch (name.Value.Name)
                {
                    case "publish":
                        options.Publish = value ?? "";
                        options.PublishSpan = valueToken.Span;
                        break;
                    case "publish_via_partition_root":
                        bool? flag = ParseBoolean(value);
                        if (flag == null)
                        {
                            options.Error ??= "publish_via_partition_root requires a Boolean value";
                        }
                        options.ViaPartitionRoot = flag ?? false;
                        break;
                    case "publish_generated_columns" when _version >= 18:
                        options.GeneratedColumns = value ?? "stored";
                        break;
                    default:
                        options.Error ??= "unrecognized publication parameter: \"" + name.Value.Name + "\"";
                        break;
                }
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                Expect(SyntaxKind.CloseParen, "')' or ','");
                return;
            }
        }

        /// <summary>PostgreSQL's parse_bool: true/false/on/off/yes/no/1/0 and unique prefixes; a bare option means true.</summary>
        private static bool? ParseBoolean(string? value)
        {
            if (value == null)
            {
                return true;
            }
            string v = value.Trim().ToLowerInvariant();
            if (v.Length == 0)
            {
                return null;
            }
            if ("true".StartsWith(v, System.StringComparison.Ordinal) || "yes".StartsWith(v, System.StringComparison.Ordinal) || v == "on" || v == "1")
            {
                return true;
            }
            if ("false".StartsWith(v, System.StringComparison.Ordinal) || "no".StartsWith(v, System.StringComparison.Ordinal) || v == "off" || v == "of" || v == "0")
            {
                return false;
            }
            return null;
        }
    }
}
