using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Syntax
{
    /// <summary>
    /// The shape of the query behind CREATE TABLE AS and SELECT ... INTO: the names PostgreSQL gives its output
    /// columns (FigureColname) and the relations it reads. Only simple queries are read; anything else leaves
    /// the columns unknown, which the model treats leniently.
    /// </summary>
    internal sealed partial class StatementParser
    {
        /// <param name="intoPos">Position of INTO for SELECT ... INTO (the select list ends there), or -1.</param>
        private void ParseQueryShape(CreateTableStatement stmt, int from, int to, int intoPos)
        {
            int savedPos = _pos;
            int savedEnd = _end;
            string? savedError = _error;
            TextSpan savedErrorSpan = _errorSpan;
            _error = null;
            _pos = from;
            _end = to;
            try
            {
                if (AcceptKw("table"))
                {
                    ObjectName? source = ParseObjectName("a table name");
                    if (source != null)
                    {
                        stmt.QueryColumns = stmt.QueryColumns.Add(null);
                        stmt.QueryStarSource = source;
                        stmt.QueryRelations = stmt.QueryRelations.Add(source.Value);
                    }
                    return;
                }
                if (!AcceptKw("select"))
                {
                    stmt.QueryColumnsUnknown = true; // VALUES, WITH, (query), EXECUTE
                    return;
                }
                if (AcceptKw("distinct"))
                {
                    if (AcceptKw("on"))
                    {
                        SkipParens();
                    }
                }
                else
                {
                    AcceptKw("all");
                }

                bool star = false;
                while (!AtEnd && (intoPos < 0 || _pos < intoPos))
                {
                    int itemStart = _pos;
                    while (!AtEnd && !IsKind(SyntaxKind.Comma) && (intoPos < 0 || _pos < intoPos) && !IsSelectListEnd())
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
                    string? name = ItemName(itemStart, _pos, out bool isStar);
                    if (isStar)
                    {
                        star = true;
                        stmt.QueryColumns = stmt.QueryColumns.Add(null);
                    }
                    else if (name == null)
                    {
                        stmt.QueryColumnsUnknown = true;
                        stmt.QueryColumns = stmt.QueryColumns.Add("?column?");
                    }
                    else
                    {
                        stmt.QueryColumns = stmt.QueryColumns.Add(name);
                    }
                    if (!Accept(SyntaxKind.Comma))
                    {
                        break;
                    }
                }

                if (intoPos >= 0)
                {
                    // SELECT list INTO [TEMP|UNLOGGED] [TABLE] name FROM ...
                    _pos = intoPos + 1;
                    while (!AtEnd && !IsKw("from") && !IsSelectListEnd())
                    {
                        _pos++;
                    }
                }
                if (!AcceptKw("from"))
                {
                    return;
                }
                ParseFromClause(stmt, star);
                if (!AtEnd && (IsKw("union") || IsKw("intersect") || IsKw("except")))
                {
                    stmt.QueryColumnsUnknown = true;
                }
            }
            finally
            {
                // The query's shape is best effort: its own failures never fail the statement, earlier ones stay.
                _error = savedError;
                _errorSpan = savedErrorSpan;
                _pos = savedPos;
                _end = savedEnd;
            }
        }

        private bool IsSelectListEnd()
        {
            return IsKw("from") || IsKw("into") || IsKw("where") || IsKw("group") || IsKw("having") || IsKw("window")
                || IsKw("union") || IsKw("intersect") || IsKw("except") || IsKw("order") || IsKw("limit")
                || IsKw("offset") || IsKw("fetch") || IsKw("for") || (IsKw("with") && (IsKwAt(1, "data") || IsKwAt(1, "no")));
        }

        /// <summary>FROM items: plain relation names are recorded; "SELECT *" over exactly one of them names its source.</summary>
        private void ParseFromClause(CreateTableStatement stmt, bool star)
        {
            int relationItems = 0;
            bool complex = false;
            while (!AtEnd && !IsSelectListEnd() || IsKw("from"))
            {
                if (IsKw("from"))
                {
                    _pos++;
                    continue;
                }
                AcceptKw("lateral");
                AcceptKw("only");
                if (IsKind(SyntaxKind.OpenParen))
                {
                    SkipParens();
                    complex = true;
                }
                else if (IsName && PeekToken(1).Kind != SyntaxKind.OpenParen
                    && !(PeekToken(1).Kind == SyntaxKind.Dot && PeekToken(3).Kind == SyntaxKind.OpenParen))
                {
                    ObjectName? relation = ParseObjectName("a relation");
                    if (relation != null)
                    {
                        stmt.QueryRelations = stmt.QueryRelations.Add(relation.Value);
                        relationItems++;
                        if (relationItems == 1 && star)
                        {
                            stmt.QueryStarSource = relation;
                        }
                    }
                }
                else
                {
                    complex = true;
                }
                // Alias, join conditions, up to the next item.
                while (!AtEnd && !IsSelectListEnd() && !IsKind(SyntaxKind.Comma) && !IsKw("join"))
                {
                    if (IsKind(SyntaxKind.OpenParen))
                    {
                        SkipParens();
                    }
                    else
                    {
                        _pos++;
                    }
                }
                if (Accept(SyntaxKind.Comma) || AcceptKw("join"))
                {
                    continue;
                }
                break;
            }
            if (relationItems != 1 || complex)
            {
                stmt.QueryStarSource = null;
                if (star)
                {
                    stmt.QueryColumnsUnknown = true;
                }
            }
        }

        /// <summary>FigureColname for one select item: alias, column, function, cast; null when unsure.</summary>
        private string? ItemName(int start, int end, out bool isStar)
        {
            isStar = false;
            int count = end - start;
            if (count <= 0)
            {
                return null;
            }
            Token first = _tokens[_sig[start]];
            Token last = _tokens[_sig[end - 1]];
            if (count == 1 && first.Kind == SyntaxKind.Operator && _tokens.GetText(first) == "*")
            {
                isStar = true;
                return null;
            }
            if (count >= 2 && IsIdentifierToken(last))
            {
                Token before = _tokens[_sig[end - 2]];
                if (before.Kind == SyntaxKind.Identifier && _tokens.Is(_sig[end - 2], "as"))
                {
                    return _names.Normalize(_text, last);
                }
                if (before.Kind == SyntaxKind.DoubleColon)
                {
                    // expr::type: a column keeps its name, anything else is named after the type.
                    return count == 3 && IsIdentifierToken(first) ? _names.Normalize(_text, first) : _names.Normalize(_text, last);
                }
            }
            // name or qualified.name
            bool plainReference = true;
            for (int p = start; p < end; p++)
            {
                Token t = _tokens[_sig[p]];
                bool expectName = (p - start) % 2 == 0;
                if (expectName ? !IsIdentifierToken(t) : t.Kind != SyntaxKind.Dot)
                {
                    plainReference = false;
                    break;
                }
            }
            if (plainReference && count % 2 == 1)
            {
                return _names.Normalize(_text, last);
            }
            if (IsIdentifierToken(first) && count >= 2 && KindAt(start + 1) == SyntaxKind.OpenParen
                && KindAt(end - 1) == SyntaxKind.CloseParen && MatchingParen(start + 1) == end - 1)
            {
                return _names.Normalize(_text, first); // f(...)
            }
            if (count == 1 && (first.Kind == SyntaxKind.Number || first.Kind == SyntaxKind.String))
            {
                return "?column?";
            }
            return null;
        }

        private int MatchingParen(int open)
        {
            int depth = 0;
            for (int p = open; p < _end; p++)
            {
                SyntaxKind k = KindAt(p);
                if (k == SyntaxKind.OpenParen)
                {
                    depth++;
                }
                else if (k == SyntaxKind.CloseParen && --depth == 0)
                {
                    return p;
                }
            }
            return -1;
        }
    }
}
