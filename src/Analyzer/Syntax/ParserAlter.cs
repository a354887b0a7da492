using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Syntax
{
    /// <summary>ALTER TABLE (every action that touches keys, columns, identity, schema, name, persistence, partitions), ALTER INDEX, ALTER SCHEMA.</summary>
    internal sealed partial class StatementParser
    {
        private Statement ParseAlter(out int headEnd)
        {
            headEnd = _pos;
            if (AcceptKw("table"))
            {
                return ParseAlterTable("TABLE", out headEnd);
            }
            if (AcceptKw("index"))
            {
                return ParseAlterIndex(out headEnd);
            }
            if (AcceptKw("publication"))
            {
                return ParseAlterPublication(out headEnd);
            }
            if (AcceptKw("schema"))
            {
                Identifier? name = ParseIdentifier("a schema name");
                headEnd = _pos;
                if (name != null && AcceptKws("rename", "to"))
                {
                    Identifier? to = ParseIdentifier("a schema name");
                    if (to != null)
                    {
                        return new AlterSchemaStatement(name.Value, to.Value);
                    }
                }
                return new OpaqueStatement();
            }
            OtherRelationKind kind;
            if (AcceptKw("view"))
            {
                kind = OtherRelationKind.View;
            }
            else if (AcceptKws("materialized", "view"))
            {
                kind = OtherRelationKind.MaterializedView;
            }
            else if (AcceptKws("foreign", "table"))
            {
                kind = OtherRelationKind.ForeignTable;
            }
            else if (AcceptKw("sequence"))
            {
                kind = OtherRelationKind.Sequence;
            }
            else
            {
                return new OpaqueStatement();
            }
            bool ifExists = AcceptIfExists();
            ObjectName? objectName = ParseObjectName("a name");
            headEnd = _pos;
            if (objectName == null)
            {
                return new OpaqueStatement();
            }
            if (AcceptKws("rename", "to"))
            {
                return new AlterOtherRelationStatement(kind, objectName.Value, ifExists, ParseIdentifier("a new name"), null);
            }
            if (AcceptKws("set", "schema"))
            {
                return new AlterOtherRelationStatement(kind, objectName.Value, ifExists, null, ParseIdentifier("a schema name"));
            }
            return new OpaqueStatement();
        }

        private Statement ParseAlterTable(string keyword, out int headEnd)
        {
            var stmt = new AlterTableStatement { ObjectKeyword = keyword };
            if (IsKw("all") && IsKwAt(1, "in"))
            {
                headEnd = _pos;
                return new OpaqueStatement(); // ALTER TABLE ALL IN TABLESPACE
            }
            stmt.IfExists = AcceptIfExists();
            stmt.Only = AcceptKw("only");
            ObjectName? name = ParseObjectName("a table name");
            headEnd = _pos;
            if (name == null)
            {
                return stmt;
            }
            stmt.Name = name.Value;
            AcceptOperatorStar();

            // Forms that stand alone.
            if (AcceptKw("rename"))
            {
                int start = _pos - 1;
                if (AcceptKw("to"))
                {
                    stmt.Actions = stmt.Actions.Add(new AlterTableAction(AlterTableActionKind.RenameTable) { Target = ParseIdentifier("a new table name") });
                }
                else if (AcceptKw("constraint"))
                {
                    var action = new AlterTableAction(AlterTableActionKind.RenameConstraint) { Column = ParseIdentifier("a constraint name") };
                    ExpectKw("to");
                    action.Target = ParseIdentifier("a new constraint name");
                    stmt.Actions = stmt.Actions.Add(action);
                }
                else
                {
                    AcceptKw("column");
                    var action = new AlterTableAction(AlterTableActionKind.RenameColumn) { Column = ParseIdentifier("a column name") };
                    ExpectKw("to");
                    action.Target = ParseIdentifier("a new column name");
                    stmt.Actions = stmt.Actions.Add(action);
                }
                stmt.Actions[stmt.Actions.Count - 1].Span = SpanFrom(start);
                return stmt;
            }
            if (IsKw("set") && IsKwAt(1, "schema"))
            {
                int start = _pos;
                _pos += 2;
                stmt.Actions = stmt.Actions.Add(new AlterTableAction(AlterTableActionKind.SetSchema) { Target = ParseIdentifier("a schema name"), Span = SpanFrom(start) });
                return stmt;
            }
            if (IsKw("attach") && IsKwAt(1, "partition"))
            {
                int start = _pos;
                _pos += 2;
                var action = new AlterTableAction(AlterTableActionKind.AttachPartition) { Relation = ParseObjectName("a partition name") };
                if (!AtEnd)
                {
                    action.Bound = ParsePartitionBound();
                }
                _pos = _end;
                action.Span = SpanFrom(start);
                stmt.Actions = stmt.Actions.Add(action);
                return stmt;
            }
            if (IsKw("detach") && IsKwAt(1, "partition"))
            {
                int start = _pos;
                _pos += 2;
                var action = new AlterTableAction(AlterTableActionKind.DetachPartition) { Relation = ParseObjectName("a partition name") };
                AcceptKw("concurrently");
                AcceptKw("finalize");
                action.Span = SpanFrom(start);
                stmt.Actions = stmt.Actions.Add(action);
                return stmt;
            }

            while (!Failed)
            {
                int start = _pos;
                AlterTableAction? action = ParseAlterTableAction();
                if (action == null)
                {
                    break;
                }
                action.Span = SpanFrom(start);
                stmt.Actions = stmt.Actions.Add(action);
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                if (!AtEnd)
                {
                    Fail("expected ',' or the end of the statement");
                }
                break;
            }
            return stmt;
        }

        private AlterTableAction? ParseAlterTableAction()
        {
            if (AcceptKw("add"))
            {
                if (IsTableConstraintStart())
                {
                    TableConstraint? c = ParseTableConstraint();
                    return c == null ? null : new AlterTableAction(AlterTableActionKind.AddConstraint) { Constraint = c };
                }
                AcceptKw("column");
                var add = new AlterTableAction(AlterTableActionKind.AddColumn) { IfNotExists = AcceptIfNotExists() };
                add.ColumnDefinition = ParseColumnDefinition(partitionColumn: false);
                return add.ColumnDefinition == null ? null : add;
            }
            if (AcceptKw("drop"))
            {
                if (AcceptKw("constraint"))
                {
                    var dropConstraint = new AlterTableAction(AlterTableActionKind.DropConstraint) { IfExists = AcceptIfExists() };
                    dropConstraint.Target = ParseIdentifier("a constraint name");
                    dropConstraint.Cascade = AcceptDropBehavior();
                    return dropConstraint;
                }
                AcceptKw("column");
                var drop = new AlterTableAction(AlterTableActionKind.DropColumn) { IfExists = AcceptIfExists() };
                drop.Column = ParseIdentifier("a column name");
                drop.Cascade = AcceptDropBehavior();
                return drop;
            }
            if (AcceptKw("alter"))
            {
                if (AcceptKw("constraint"))
                {
                    SkipAction();
                    return new AlterTableAction(AlterTableActionKind.Other);
                }
                AcceptKw("column");
                Identifier? column = ParseIdentifier("a column name");
                if (column == null)
                {
                    return null;
                }
                if (AcceptKws("set", "not"))
                {
                    ExpectKw("null");
                    return new AlterTableAction(AlterTableActionKind.SetNotNull) { Column = column };
                }
                if (AcceptKws("drop", "not"))
                {
                    ExpectKw("null");
                    return new AlterTableAction(AlterTableActionKind.DropNotNull) { Column = column };
                }
                if (IsKw("add") && IsKwAt(1, "generated"))
                {
                    SkipAction();
                    return new AlterTableAction(AlterTableActionKind.AddIdentity) { Column = column };
                }
                if (IsKw("type") || (IsKw("set") && IsKwAt(1, "data")))
                {
                    int typeAt = IsKw("type") ? 1 : 3; // TYPE t | SET DATA TYPE t
                    Token typeToken = PeekToken(typeAt);
                    string typeWord = typeToken.Kind == SyntaxKind.Identifier ? _names.FoldCase(_text, typeToken.Start, typeToken.Length) : "";
                    if (PeekToken(typeAt + 1).Kind == SyntaxKind.OpenBracket || IsKwAt(typeAt + 1, "array"))
                    {
                        typeWord += "[]";
                    }
                    SyntaxKind after = PeekToken(typeAt + 1).Kind;
                    bool oneWord = after == SyntaxKind.Comma || after == SyntaxKind.Semicolon || after == SyntaxKind.EndOfFile;
                    SkipAction();
                    return new AlterTableAction(AlterTableActionKind.AlterColumnType) { Column = column, TypeName = typeWord, TypeIsOneWord = oneWord };
                }
                SkipAction();
                return new AlterTableAction(AlterTableActionKind.Other) { Column = column };
            }
            if (AcceptKws("replica", "identity"))
            {
                var ri = new AlterTableAction(AlterTableActionKind.ReplicaIdentity);
                if (AcceptKw("default"))
                {
                    ri.Identity = ReplicaIdentityKind.Default;
                }
                else if (AcceptKw("full"))
                {
                    ri.Identity = ReplicaIdentityKind.Full;
                }
                else if (AcceptKw("nothing"))
                {
                    ri.Identity = ReplicaIdentityKind.Nothing;
                }
                else if (AcceptKws("using", "index"))
                {
                    ri.Identity = ReplicaIdentityKind.Index;
                    ri.Target = ParseIdentifier("an index name");
                }
                else
                {
                    Fail("expected DEFAULT, FULL, NOTHING or USING INDEX");
                    return null;
                }
                return ri;
            }
            if (AcceptKws("set", "logged"))
            {
                return new AlterTableAction(AlterTableActionKind.SetLogged);
            }
            if (AcceptKws("set", "unlogged"))
            {
                return new AlterTableAction(AlterTableActionKind.SetUnlogged);
            }
            if (AcceptKw("inherit"))
            {
                return new AlterTableAction(AlterTableActionKind.Inherit) { Relation = ParseObjectName("a parent table") };
            }
            if (AcceptKws("no", "inherit"))
            {
                return new AlterTableAction(AlterTableActionKind.NoInherit) { Relation = ParseObjectName("a parent table") };
            }
            if (AtEnd)
            {
                Fail("expected an ALTER TABLE action");
                return null;
            }
            // OWNER TO, ENABLE/DISABLE ..., SET (...), CLUSTER ON, VALIDATE CONSTRAINT, SET TABLESPACE, ...
            SkipAction();
            return new AlterTableAction(AlterTableActionKind.Other);
        }

        private void SkipAction()
        {
            while (!AtEnd && !IsKind(SyntaxKind.Comma))
            {
                if (IsKind(SyntaxKind.OpenParen) || IsKind(SyntaxKind.OpenBracket))
                {
                    SkipParens();
                }
                else
                {
                    _pos++;
                }
            }
        }

        private bool AcceptDropBehavior()
        {
            if (AcceptKw("cascade"))
            {
                return true;
            }
            AcceptKw("restrict");
            return false;
        }

        private Statement ParseAlterIndex(out int headEnd)
        {
            var stmt = new AlterIndexStatement();
            if (IsKw("all") && IsKwAt(1, "in"))
            {
                headEnd = _pos;
                return new OpaqueStatement();
            }
            stmt.IfExists = AcceptIfExists();
            ObjectName? name = ParseObjectName("an index name");
            headEnd = _pos;
            if (name == null)
            {
                return stmt;
            }
            stmt.Name = name.Value;
            if (AcceptKws("rename", "to"))
            {
                stmt.RenameTo = ParseIdentifier("a new index name");
                return stmt;
            }
            if (AcceptKws("set", "schema"))
            {
                stmt.SetSchema = ParseIdentifier("a schema name");
                return stmt;
            }
            if (AcceptKws("attach", "partition"))
            {
                stmt.AttachPartition = ParseObjectName("an index name");
                return stmt;
            }
            return new OpaqueStatement();
        }
    }
}
