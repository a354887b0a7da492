using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Syntax
{
    /// <summary>DROP, SET/RESET search_path, DO blocks.</summary>
    internal sealed partial class StatementParser
    {
        private Statement ParseDrop(out int headEnd)
        {
            headEnd = _pos;
            DropObjectKind kind;
            if (AcceptKw("table"))
            {
                kind = DropObjectKind.Table;
            }
            else if (AcceptKw("index"))
            {
                kind = DropObjectKind.Index;
            }
            else if (AcceptKw("schema"))
            {
                kind = DropObjectKind.Schema;
            }
            else if (AcceptKw("publication"))
            {
                kind = DropObjectKind.Publication;
            }
            else if (AcceptKw("view"))
            {
                kind = DropObjectKind.View;
            }
            else if (AcceptKws("materialized", "view"))
            {
                kind = DropObjectKind.MaterializedView;
            }
            else if (AcceptKws("foreign", "table"))
            {
                kind = DropObjectKind.ForeignTable;
            }
            else if (AcceptKw("sequence"))
            {
                kind = DropObjectKind.Sequence;
            }
            else
            {
                return new OpaqueStatement();
            }

            bool concurrently = kind == DropObjectKind.Index && AcceptKw("concurrently");
            bool ifExists = AcceptIfExists();
            var names = new List<ObjectName>();
            while (!Failed)
            {
                ObjectName? name = ParseObjectName("a name");
                if (name == null)
                {
                    break;
                }
                names.Add(name.Value);
                if (!Accept(SyntaxKind.Comma))
                {
                    break;
                }
            }
            headEnd = _pos;
            bool cascade = AcceptDropBehavior();
            if (!AtEnd)
            {
                Fail("expected CASCADE, RESTRICT or the end of the statement");
            }
            return new DropStatement(kind, names, ifExists, cascade, concurrently);
        }

        private Statement ParseSetOrReset()
        {
            if (AcceptKw("reset"))
            {
                if (AcceptKw("search_path") || AcceptKw("all"))
                {
                    return new SetSearchPathStatement(null, isLocal: false);
                }
                return new OpaqueStatement();
            }

            ExpectKw("set");
            bool isLocal = AcceptKw("local");
            if (!isLocal)
            {
                AcceptKw("session");
            }
            if (!AcceptKw("search_path"))
            {
                if (AcceptKw("schema"))
                {
                    // SET SCHEMA 'x' is an alias for SET search_path TO 'x'.
                    return ParseSearchPathValues(isLocal);
                }
                return new OpaqueStatement();
            }
            if (AcceptKw("from"))
            {
                return new OpaqueStatement(); // FROM CURRENT: no change
            }
            if (!AcceptKw("to"))
            {
                if (!(IsKind(SyntaxKind.Operator) && _tokens.GetText(Cur) == "="))
                {
                    Fail("expected TO or =");
                    return new OpaqueStatement();
                }
                _pos++;
            }
            return ParseSearchPathValues(isLocal);
        }

        private Statement ParseSearchPathValues(bool isLocal)
        {
            if (AcceptKw("default"))
            {
                return new SetSearchPathStatement(null, isLocal);
            }
            var schemas = new List<string>();
            while (!AtEnd && !Failed)
            {
                Token t = Cur;
                if (t.Kind == SyntaxKind.String || t.Kind == SyntaxKind.EscapeString || t.Kind == SyntaxKind.UnicodeString
                    || t.Kind == SyntaxKind.DollarString)
                {
                    // Each literal is one schema name, taken as written (search_path quotes list elements).
                    schemas.Add(Identifiers.Truncate(Identifiers.StringValue(_text, t)));
                    _pos++;
                }
                else if (IsIdentifierToken(t))
                {
                    schemas.Add(_names.Normalize(_text, t));
                    _pos++;
                }
                else
                {
                    Fail("expected a schema name");
                    break;
                }
                if (!Accept(SyntaxKind.Comma))
                {
                    break;
                }
            }
            if (!AtEnd)
            {
                Fail("expected ',' or the end of the statement");
            }
            return new SetSearchPathStatement(schemas, isLocal);
        }

        private Statement ParseDo()
        {
            ExpectKw("do");
            Token body = default;
            bool found = false;
            while (!AtEnd)
            {
                Token t = Cur;
                if (t.Kind == SyntaxKind.DollarString || t.Kind == SyntaxKind.String || t.Kind == SyntaxKind.EscapeString)
                {
                    body = t;
                    found = true;
                }
                _pos++;
            }
            if (!found)
            {
                return new OpaqueStatement();
            }
            string code = Identifiers.StringValue(_text, body);
            string? what = DynamicSqlScanner.FindCatalogChange(code);
            if (what == null)
            {
                return new OpaqueStatement();
            }
            return new UnparsedStatement("a DO block runs " + what + "; its effect depends on run-time values and is not replayed", body.Span);
        }
    }
}
