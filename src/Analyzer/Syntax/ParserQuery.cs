using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// Queries: SELECT ... INTO (creates a table), SELECT set_config('search_path', ...), and the DML PostgreSQL
    /// checks against the replica identity, including data-modifying CTEs.
    /// </summary>
    internal sealed partial class StatementParser
    {
        private Statement ParseQueryStatement(out int headEnd)
        {
            headEnd = _start + 1;
            if (IsKw("select"))
            {
                Statement? setConfig = TryParseSetConfig();
                if (setConfig != null)
                {
                    return setConfig;
                }
                int into = FindSelectInto(_pos, _end);
                if (into >= 0)
                {
                    return ParseSelectInto(into, out headEnd);
                }
                return new OpaqueStatement();
            }

            var dml = new DmlStatement();
            if (AcceptKw("with"))
            {
                AcceptKw("recursive");
                // name [(cols)] AS [NOT] [MATERIALIZED] ( query ), ...
                while (!AtEnd && !Failed)
                {
                    ParseIdentifier("a CTE name");
                    if (IsKind(SyntaxKind.OpenParen))
                    {
                        SkipParens();
                    }
                    ExpectKw("as");
                    AcceptKw("not");
                    AcceptKw("materialized");
                    if (!IsKind(SyntaxKind.OpenParen))
                    {
                        Fail("expected '('");
                        break;
                    }
                    int open = _pos;
                    SkipParens();
                    int close = _pos - 1;
                    ParseDmlTargets(dml, open + 1, close);
                    // SEARCH / CYCLE clauses
                    while (!AtEnd && !IsKind(SyntaxKind.Comma) && (IsKw("search") || IsKw("cycle")))
                    {
                        while (!AtEnd && !IsKind(SyntaxKind.Comma) && !IsKw("select") && !IsKw("update") && !IsKw("delete") && !IsKw("insert") && !IsKw("merge"))
                        {
                            _pos++;
                        }
                    }
                    if (!Accept(SyntaxKind.Comma))
                    {
                        break;
                    }
                }
                if (Failed)
                {
                    return dml;
                }
                if (IsKw("select"))
                {
                    int into = FindSelectInto(_pos, _end);
                    if (into >= 0)
                    {
                        Statement selectInto = ParseSelectInto(into, out headEnd);
                        if (selectInto is CreateTableStatement withQuery)
                        {
                            // FROM may name the CTEs: neither their names nor their columns are relations we know.
                            withQuery.QueryRelations = NodeList<ObjectName>.Empty;
                            withQuery.QueryStarSource = null;
                            withQuery.QueryColumnsUnknown = true;
                        }
                        return selectInto;
                    }
                }
            }
            int mainStart = _pos;
            ParseDmlTargets(dml, mainStart, _end);
            _pos = _end;
            headEnd = mainStart + 1;
            if (dml.Targets.Count == 0)
            {
                return new OpaqueStatement();
            }
            return dml;
        }

        /// <summary>Finds DML targets in the statement that starts at token position <paramref name="from"/>.</summary>
        private void ParseDmlTargets(DmlStatement dml, int from, int to)
        {
            // Parse within [from, to) and leave the outer cursor where it was; a target we cannot read is
            // simply not checked (it cannot change the catalog).
            int savedPos = _pos;
            int savedEnd = _end;
            string? savedError = _error;
            _pos = from;
            _end = to;
            if (AcceptKw("update"))
            {
                bool only = AcceptKw("only");
                ObjectName? table = ParseObjectName("a table name");
                if (table != null)
                {
                    var target = new DmlTarget(DmlKind.Update, table.Value, only);
                    AcceptOperatorStar(); // UPDATE t * (inheritance children, the old spelling)
                    if (AcceptKw("as") || (IsName && !IsKw("set")))
                    {
                        _pos++; // alias
                    }
                    if (AcceptKw("set"))
                    {
                        target.SetColumns = ParseSetTargets(_pos, _end, null, merge: false);
                    }
                    dml.Targets.Add(target);
                }
            }
            else if (AcceptKw("delete"))
            {
                ExpectKw("from");
                bool only = AcceptKw("only");
                ObjectName? table = ParseObjectName("a table name");
                if (table != null)
                {
                    dml.Targets.Add(new DmlTarget(DmlKind.Delete, table.Value, only));
                }
            }
            else if (AcceptKw("insert"))
            {
                ExpectKw("into");
                ObjectName? table = ParseObjectName("a table name");
                int doUpdate = table == null ? -1 : FindOnConflictDoUpdate(_pos, _end);
                if (doUpdate >= 0)
                {
                    var target = new DmlTarget(DmlKind.InsertOnConflictUpdate, table!.Value, false);
                    _pos = doUpdate + 2;
                    if (AcceptKw("set"))
                    {
                        target.SetColumns = ParseSetTargets(_pos, _end, null, merge: false);
                    }
                    dml.Targets.Add(target);
                }
            }
            else if (AcceptKw("merge"))
            {
                ExpectKw("into");
                bool only = AcceptKw("only");
                ObjectName? table = ParseObjectName("a table name");
                if (table != null)
                {
                    var target = new DmlTarget(DmlKind.Merge, table.Value, only);
                    ScanMergeActions(target, _pos, _end);
                    if (target.MergeUpdates || target.MergeDeletes)
                    {
                        dml.Targets.Add(target);
                    }
                }
            }
            _error = savedError;
            _pos = savedPos;
            _end = savedEnd;
        }

        /// <summary>Position of DO in a top-level DO UPDATE, or -1.</summary>
        private int FindOnConflictDoUpdate(int from, int to)
        {
            int depth = 0;
            for (int p = from; p + 1 < to; p++)
            {
                Token t = _tokens[_sig[p]];
                if (t.Kind == SyntaxKind.OpenParen)
                {
                    depth++;
                }
                else if (t.Kind == SyntaxKind.CloseParen)
                {
                    depth--;
                }
                else if (depth == 0 && t.Kind == SyntaxKind.Identifier && _tokens.Is(_sig[p], "do") && _tokens.Is(_sig[p + 1], "update"))
                {
                    return p;
                }
            }
            return -1;
        }

        /// <summary>
        /// The target columns of SET col[.field|[i]] = expr, (col, ...) = ..., added to <paramref name="columns"/> (or a
        /// new list), up to a top-level FROM, WHERE or RETURNING (WHEN in MERGE); null when an assignment is not read
        /// (then nothing is judged by its columns).
        /// </summary>
        private List<Identifier>? ParseSetTargets(int from, int to, List<Identifier>? columns, bool merge)
        {
            columns = columns ?? new List<Identifier>();
            int p = from;
            while (p < to)
            {
                Token t = _tokens[_sig[p]];
                if (t.Kind == SyntaxKind.OpenParen)
                {
                    // (a, b.x, c[1]) = ...: each name that follows '(' or ',' inside the list
                    p++;
                    while (p < to && _tokens[_sig[p]].Kind != SyntaxKind.CloseParen)
                    {
                        if (!IsIdentifierToken(_tokens[_sig[p]]))
                        {
                            return null;
                        }
                        columns.Add(ColumnAt(p));
                        p = SkipToTopLevel(p + 1, to, SyntaxKind.CloseParen, stopAtClauses: false, merge);
                        if (p < to && _tokens[_sig[p]].Kind == SyntaxKind.Comma)
                        {
                            p++;
                        }
                    }
                }
                else if (IsIdentifierToken(t))
                {
                    columns.Add(ColumnAt(p));
                }
                else
                {
                    return null;
                }
                p = SkipToTopLevel(p + 1, to, SyntaxKind.Comma, stopAtClauses: true, merge);
                if (p >= to || _tokens[_sig[p]].Kind != SyntaxKind.Comma)
                {
                    break;
                }
                p++;
            }
            return columns;
        }

        private Identifier ColumnAt(int p)
        {
            Token t = _tokens[_sig[p]];
            return new Identifier(Identifiers.Normalize(_text, t), t.Span);
        }

        /// <summary>The first ',' or <paramref name="close"/> at depth 0 (or ';', or FROM, WHERE, RETURNING, in MERGE WHEN), or <paramref name="to"/>.</summary>
        private int SkipToTopLevel(int p, int to, SyntaxKind close, bool stopAtClauses, bool merge)
        {
            int depth = 0;
            for (; p < to; p++)
            {
                Token t = _tokens[_sig[p]];
                if (t.Kind == SyntaxKind.OpenParen || t.Kind == SyntaxKind.OpenBracket)
                {
                    depth++;
                }
                else if (depth > 0 && (t.Kind == SyntaxKind.CloseParen || t.Kind == SyntaxKind.CloseBracket))
                {
                    depth--;
                }
                else if (depth == 0 && (t.Kind == SyntaxKind.Comma || t.Kind == close || t.Kind == SyntaxKind.Semicolon
                    || (stopAtClauses && t.Kind == SyntaxKind.Identifier && (_tokens.Is(_sig[p], "from") || _tokens.Is(_sig[p], "where") || _tokens.Is(_sig[p], "returning")
                        || (merge && _tokens.Is(_sig[p], "when"))))))
                {
                    return p;
                }
            }
            return to;
        }

        /// <summary>WHEN [NOT] MATCHED [BY SOURCE|TARGET] [AND ...] THEN UPDATE | DELETE | INSERT | DO NOTHING.</summary>
        private void ScanMergeActions(DmlTarget target, int from, int to)
        {
            int depth = 0;
            bool setColumnsRead = true;
            for (int p = from; p + 1 < to; p++)
            {
                Token t = _tokens[_sig[p]];
                if (t.Kind == SyntaxKind.OpenParen)
                {
                    depth++;
                }
                else if (t.Kind == SyntaxKind.CloseParen)
                {
                    depth--;
                }
                else if (depth == 0 && _tokens.Is(_sig[p], "then"))
                {
                    if (_tokens.Is(_sig[p + 1], "update"))
                    {
                        target.MergeUpdates = true;
                        // THEN UPDATE SET ...: every clause's columns, or none when one is not read
                        if (setColumnsRead)
                        {
                            target.SetColumns = p + 2 < to && _tokens.Is(_sig[p + 2], "set") ? ParseSetTargets(p + 3, to, target.SetColumns, merge: true) : null;
                            setColumnsRead = target.SetColumns != null;
                        }
                    }
                    else if (_tokens.Is(_sig[p + 1], "delete"))
                    {
                        target.MergeDeletes = true;
                    }
                }
            }
        }

        /// <summary>SELECT [pg_catalog.]set_config('search_path', 'value', is_local).</summary>
        private Statement? TryParseSetConfig()
        {
            int p = 1;
            if (IsKwAt(p, "pg_catalog") && PeekToken(p + 1).Kind == SyntaxKind.Dot)
            {
                p += 2;
            }
            if (!IsKwAt(p, "set_config") || PeekToken(p + 1).Kind != SyntaxKind.OpenParen)
            {
                return null;
            }
            Token name = PeekToken(p + 2);
            if (name.Kind != SyntaxKind.String || Identifiers.StringValue(_text, name) != "search_path")
            {
                return null;
            }
            Token value = PeekToken(p + 4);
            if (PeekToken(p + 3).Kind != SyntaxKind.Comma || value.Kind != SyntaxKind.String || PeekToken(p + 5).Kind != SyntaxKind.Comma)
            {
                return new UnparsedStatement("search_path is set to a computed value; later unqualified names may resolve elsewhere", name.Span);
            }
            bool isLocal = IsKwAt(p + 6, "true");
            var schemas = SearchPathList.Split(Identifiers.StringValue(_text, value));
            if (schemas == null)
            {
                return new OpaqueStatement(); // the server rejects an invalid list; nothing changes
            }
            _pos = _end;
            return new SetSearchPathStatement(schemas, isLocal);
        }

        /// <summary>Position of INTO at depth 0 of a SELECT (SELECT ... INTO new_table FROM ...), or -1.</summary>
        private int FindSelectInto(int from, int to) => FindTopLevelWord(from, to, IntoWord, SelectClauseWords);

        private static readonly string[] IntoWord = { "into" };
        private static readonly string[] SelectClauseWords = { "from", "union", "where" };

        private Statement ParseSelectInto(int into, out int headEnd)
        {
            int selectStart = _pos;
            _pos = into + 1;
            var stmt = new CreateTableStatement { IsAsQuery = true };
            if (AcceptKw("temp") || AcceptKw("temporary"))
            {
                stmt.Persistence = Persistence.Temporary;
            }
            else if (AcceptKw("unlogged"))
            {
                stmt.Persistence = Persistence.Unlogged;
            }
            AcceptKw("table");
            ObjectName? name = ParseObjectName("a table name");
            headEnd = _pos;
            if (name != null)
            {
                stmt.Name = name.Value;
            }
            ParseQueryShape(stmt, selectStart, _end, into);
            _pos = _end;
            return stmt;
        }
    }
}
