using System.Collections.Generic;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Syntax
{
    /// <summary>CREATE statements: tables in every form, indexes, schemas, and relations that are never published.</summary>
    internal sealed partial class StatementParser
    {
        /// <summary>Token position just after the name of the table being created (end of the diagnostic span).</summary>
        private int _nameEnd;

        private Statement ParseCreate(out int headEnd)
        {
            headEnd = _pos;
            bool orReplace = AcceptKws("or", "replace");
            Persistence persistence = Persistence.Permanent;
            if (AcceptKw("global") || AcceptKw("local"))
            {
                // GLOBAL/LOCAL TEMP: both are ordinary temporary tables.
            }
            if (AcceptKw("temp") || AcceptKw("temporary"))
            {
                persistence = Persistence.Temporary;
            }
            else if (AcceptKw("unlogged"))
            {
                persistence = Persistence.Unlogged;
            }
            bool recursive = AcceptKw("recursive");

            if (AcceptKw("table"))
            {
                var stmt = new CreateTableStatement { Persistence = persistence };
                ParseCreateTableBody(stmt);
                headEnd = _nameEnd;
                return stmt;
            }
            if (IsKw("unique") || IsKw("index"))
            {
                return ParseCreateIndex(out headEnd);
            }
            if (AcceptKw("schema"))
            {
                return ParseCreateSchema(out headEnd);
            }
            if (AcceptKw("publication"))
            {
                return ParseCreatePublication(out headEnd);
            }
            if (AcceptKw("view"))
            {
                Statement view = ParseCreateOther(OtherRelationKind.View, orReplace, persistence, out headEnd);
                if (view is CreateOtherRelationStatement created && !recursive)
                {
                    created.View = ParseSimpleView();
                }
                return view;
            }
            if (AcceptKw("trigger") || AcceptKws("constraint", "trigger"))
            {
                return ParseTriggerOrRuleTarget("on", out headEnd);
            }
            if (AcceptKw("rule"))
            {
                return ParseTriggerOrRuleTarget("to", out headEnd);
            }
            if (AcceptKws("materialized", "view"))
            {
                return ParseCreateOther(OtherRelationKind.MaterializedView, orReplace, persistence, out headEnd);
            }
            if (AcceptKws("foreign", "table"))
            {
                return ParseCreateOther(OtherRelationKind.ForeignTable, orReplace, persistence, out headEnd);
            }
            if (AcceptKw("sequence"))
            {
                return ParseCreateOther(OtherRelationKind.Sequence, orReplace, persistence, out headEnd);
            }
            return new OpaqueStatement();
        }

        /// <summary>
        /// The query of CREATE VIEW when PostgreSQL certainly makes the view auto-updatable and the model can follow it:
        /// <c>AS SELECT * | col, ... FROM [ONLY] table [[AS] alias] [WHERE ...] [WITH ... CHECK OPTION]</c>, without a
        /// view column list. Anything else (joins, DISTINCT, GROUP BY, LIMIT, set operations, expressions in the
        /// select list) is null: such views are not followed. Never fails the statement.
        /// </summary>
        private SimpleView? ParseSimpleView()
        {
            if (IsKind(SyntaxKind.OpenParen))
            {
                return null; // a column list renames the columns
            }
            if (AcceptKw("with"))
            {
                SkipParens();
            }
            if (!AcceptKw("as") || !AcceptKw("select"))
            {
                return null;
            }
            List<Identifier>? columns = null;
            if (!AcceptOperatorStar())
            {
                columns = new List<Identifier>();
                do
                {
                    if (!IsName || IsKw("from") || IsKw("distinct") || IsKw("all"))
                    {
                        return null;
                    }
                    while (IsIdentifierToken(Cur) && PeekToken(1).Kind == SyntaxKind.Dot && IsIdentifierToken(PeekToken(2)))
                    {
                        _pos += 2; // alias.column: the column counts
                    }
                    Token t = Cur;
                    _pos++;
                    columns.Add(new Identifier(_names.Normalize(_text, t), t.Span));
                }
                while (Accept(SyntaxKind.Comma));
            }
            if (!AcceptKw("from"))
            {
                return null;
            }
            bool only = AcceptKw("only");
            if (!IsName)
            {
                return null;
            }
            ObjectName? table = ParseObjectName("a table name");
            if (table == null)
            {
                return null;
            }
            AcceptOperatorStar();
            AcceptKw("as");
            if (IsName && !IsKw("where") && !IsKw("with"))
            {
                _pos++; // the alias
            }
            if (AcceptKw("where"))
            {
                int depth = 0;
                while (!AtEnd && !(depth == 0 && IsKw("with")))
                {
                    if (IsKind(SyntaxKind.OpenParen) || IsKind(SyntaxKind.OpenBracket))
                    {
                        depth++;
                    }
                    else if (IsKind(SyntaxKind.CloseParen) || IsKind(SyntaxKind.CloseBracket))
                    {
                        depth--;
                    }
                    else if (depth == 0 && (IsKind(SyntaxKind.Comma) || IsKw("group") || IsKw("having") || IsKw("window") || IsKw("order")
                        || IsKw("limit") || IsKw("offset") || IsKw("fetch") || IsKw("for") || IsKw("union") || IsKw("intersect") || IsKw("except")))
                    {
                        return null;
                    }
                    _pos++;
                }
            }
            if (AcceptKw("with"))
            {
                if (!(AcceptKw("check") || ((AcceptKw("cascaded") || AcceptKw("local")) && AcceptKw("check"))) || !AcceptKw("option"))
                {
                    return null;
                }
            }
            return AtEnd ? new SimpleView(table.Value, only, columns) : null;
        }

        /// <summary>
        /// CREATE TRIGGER ... ON table / CREATE RULE ... AS ON event TO table: the relation and whether the events name
        /// UPDATE or DELETE (a view with an INSTEAD OF trigger or a rule for the event is not updated through its base
        /// table). Skips to the first <paramref name="word"/>.
        /// </summary>
        private Statement ParseTriggerOrRuleTarget(string word, out int headEnd)
        {
            bool update = false, delete = false;
            while (!AtEnd && !IsKw(word))
            {
                if (IsKind(SyntaxKind.OpenParen))
                {
                    SkipParens();
                    continue;
                }
                update |= IsKw("update");
                delete |= IsKw("delete");
                _pos++;
            }
            if (!AcceptKw(word) || !IsName)
            {
                headEnd = _pos;
                return new OpaqueStatement();
            }
            ObjectName? relation = ParseObjectName("a relation name");
            headEnd = _pos;
            return relation == null ? new OpaqueStatement() : new CreateTriggerOrRuleStatement(relation.Value, update, delete);
        }

        private Statement ParseCreateOther(OtherRelationKind kind, bool orReplace, Persistence persistence, out int headEnd)
        {
            bool ifNotExists = AcceptIfNotExists();
            ObjectName? name = ParseObjectName("a name");
            headEnd = _pos;
            if (name == null)
            {
                return new OpaqueStatement();
            }
            return new CreateOtherRelationStatement(kind, name.Value, orReplace, ifNotExists, persistence == Persistence.Temporary);
        }

        private bool AcceptIfNotExists()
        {
            if (IsKw("if") && IsKwAt(1, "not") && IsKwAt(2, "exists"))
            {
                _pos += 3;
                return true;
            }
            return false;
        }

        private bool AcceptIfExists()
        {
            if (IsKw("if") && IsKwAt(1, "exists"))
            {
                _pos += 2;
                return true;
            }
            return false;
        }

        /// <summary>After CREATE ... TABLE: every form, including AS query.</summary>
        private void ParseCreateTableBody(CreateTableStatement stmt)
        {
            stmt.IfNotExists = AcceptIfNotExists();
            ObjectName? name = ParseObjectName("a table name");
            _nameEnd = _pos;
            if (name == null)
            {
                return;
            }
            stmt.Name = name.Value;

            if (HasTopLevelAs())
            {
                stmt.IsAsQuery = true;
                if (IsKind(SyntaxKind.OpenParen))
                {
                    stmt.AsColumnNames = stmt.AsColumnNames.AddRange(ParseColumnList());
                }
                while (!AtEnd && !IsKw("as"))
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
                AcceptKw("as");
                ParseQueryShape(stmt, _pos, _end, -1);
                _pos = _end;
                return;
            }

            if (AcceptKws("partition", "of"))
            {
                stmt.PartitionOf = ParseObjectName("the parent table");
                if (IsKind(SyntaxKind.OpenParen))
                {
                    ParseTableElements(stmt, partitionColumns: true);
                }
                ParseTableTail(stmt);
                return;
            }

            if (AcceptKw("of"))
            {
                // Typed table: columns come from a composite type we do not model.
                SkipObjectName("a type name");
                if (IsKind(SyntaxKind.OpenParen))
                {
                    ParseTableElements(stmt, partitionColumns: true);
                }
                ParseTableTail(stmt);
                return;
            }

            if (!IsKind(SyntaxKind.OpenParen))
            {
                Fail("expected '(' or AS");
                return;
            }
            ParseTableElements(stmt, partitionColumns: false);
            ParseTableTail(stmt);
        }

        /// <summary>True when an AS keyword follows at the top level: CREATE TABLE ... AS query.</summary>
        private bool HasTopLevelAs() => FindTopLevelWord(_pos, _end, AsWord, CreateTableClauseWords) >= 0;

        private static readonly string[] AsWord = { "as" };
        private static readonly string[] CreateTableClauseWords = { "partition", "inherits", "of" };

        private void ParseTableTail(CreateTableStatement stmt)
        {
            while (!AtEnd && !Failed)
            {
                if (AcceptKw("inherits"))
                {
                    Expect(SyntaxKind.OpenParen, "'('");
                    while (!Failed)
                    {
                        ObjectName? parent = ParseObjectName("a parent table");
                        if (parent == null)
                        {
                            break;
                        }
                        stmt.Inherits = stmt.Inherits.Add(parent.Value);
                        if (!Accept(SyntaxKind.Comma))
                        {
                            Expect(SyntaxKind.CloseParen, "')'");
                            break;
                        }
                    }
                }
                else if (AcceptKws("partition", "by"))
                {
                    stmt.IsPartitioned = true;
                    if (IsName)
                    {
                        stmt.PartitionStrategy = _names.Normalize(_text, Cur);
                        _pos++;
                    }
                    ParsePartitionKey(stmt);
                }
                else if (IsKw("for") && IsKwAt(1, "values") || IsKw("default") && stmt.PartitionOf != null && stmt.Bound == null)
                {
                    stmt.Bound = ParsePartitionBound();
                }
                else if (IsKind(SyntaxKind.OpenParen))
                {
                    SkipParens();
                }
                else
                {
                    _pos++;
                }
            }
        }

        /// <summary>FOR VALUES IN (...) | FROM (...) TO (...) | WITH (MODULUS m, REMAINDER r) | DEFAULT.</summary>
        private PartitionBound ParsePartitionBound()
        {
            var bound = new PartitionBound();
            if (AcceptKw("default"))
            {
                bound.Kind = PartitionBoundKind.Default;
                return bound;
            }
            ExpectKw("for");
            ExpectKw("values");
            if (AcceptKw("in"))
            {
                bound.Kind = PartitionBoundKind.List;
                bound.Values = ParseBoundValues();
            }
            else if (AcceptKw("from"))
            {
                bound.Kind = PartitionBoundKind.Range;
                bound.Values = ParseBoundValues();
                ExpectKw("to");
                bound.Upper = ParseBoundValues();
            }
            else if (AcceptKw("with"))
            {
                bound.Kind = PartitionBoundKind.Hash;
                int start = _pos;
                SkipParens();
                for (int p = start; p + 1 < _pos; p++)
                {
                    Token t = _tokens[_sig[p]];
                    Token next = _tokens[_sig[p + 1]];
                    if (next.Kind == SyntaxKind.Number && int.TryParse(_tokens.GetText(next), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value))
                    {
                        if (_tokens.Is(_sig[p], "modulus"))
                        {
                            bound.Modulus = value;
                        }
                        else if (_tokens.Is(_sig[p], "remainder"))
                        {
                            bound.Remainder = value;
                        }
                    }
                    _ = t;
                }
            }
            return bound;
        }

        /// <summary>( value, ... ) of a bound: literals as normalised text, one entry per top-level item.</summary>
        private NodeList<string> ParseBoundValues()
        {
            if (!Accept(SyntaxKind.OpenParen))
            {
                Fail("expected '('");
                return NodeList<string>.Empty;
            }
            NodeList<string> values = NodeList<string>.Empty;
            while (!AtEnd)
            {
                int start = _pos;
                SkipToCommaOrClose();
                var sb = new System.Text.StringBuilder();
                for (int p = start; p < _pos; p++)
                {
                    Token t = _tokens[_sig[p]];
                    if (t.Kind == SyntaxKind.String)
                    {
                        sb.Append(Identifiers.StringValue(_text, t));
                    }
                    else if (t.Kind == SyntaxKind.Identifier)
                    {
                        sb.Append(_names.FoldCase(_text, t.Start, t.Length));
                    }
                    else
                    {
                        sb.Append(_tokens.GetText(t));
                    }
                }
                values = values.Add(sb.ToString());
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                Accept(SyntaxKind.CloseParen);
                return values;
            }
            return values;
        }

        /// <summary>( col | (expr) | f(x) [COLLATE c] [opclass], ... ): plain columns by name, expressions as null.</summary>
        private void ParsePartitionKey(CreateTableStatement stmt)
        {
            if (!Accept(SyntaxKind.OpenParen))
            {
                return;
            }
            while (!AtEnd)
            {
                if (IsName && (IsElementEnd(1) || PeekToken(1).Kind == SyntaxKind.Identifier))
                {
                    stmt.PartitionKey = stmt.PartitionKey.Add(_names.Normalize(_text, Cur));
                    _pos++;
                }
                else
                {
                    stmt.PartitionKey = stmt.PartitionKey.Add(null);
                }
                SkipToCommaOrClose();
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                Accept(SyntaxKind.CloseParen);
                return;
            }
        }

        /// <summary>The column list <see cref="ParseTableElements(CreateTableStatement, bool)"/> fills, reused across statements.</summary>
        private List<ColumnDefinition>? _columnScratch;

        /// <summary>
        /// ( column | constraint | LIKE , ... ). The columns gather in a reused list and reach the node once, sized
        /// exactly: adding them one by one left a trail of doubled arrays, and the kept one up to twice too long
        /// (GitLab: 14k columns, one table of 650).
        /// </summary>
        private void ParseTableElements(CreateTableStatement stmt, bool partitionColumns)
        {
            List<ColumnDefinition> columns = _columnScratch ?? new List<ColumnDefinition>();
            _columnScratch = null; // taken while in use
            ParseTableElements(stmt, partitionColumns, columns);
            stmt.Columns = stmt.Columns.Count == 0 ? NodeList<ColumnDefinition>.From(columns) : stmt.Columns.AddRange(columns);
            columns.Clear();
            _columnScratch = columns;
        }

        private void ParseTableElements(CreateTableStatement stmt, bool partitionColumns, List<ColumnDefinition> columns)
        {
            Expect(SyntaxKind.OpenParen, "'('");
            if (Accept(SyntaxKind.CloseParen))
            {
                stmt.CloseParenSpan = _tokens[_sig[_pos - 1]].Span;
                return;
            }
            while (!Failed)
            {
                if (IsKw("like"))
                {
                    _pos++;
                    LikeClause? like = ParseLike();
                    if (like != null)
                    {
                        stmt.Likes = stmt.Likes.Add(like);
                    }
                }
                else if (IsTableConstraintStart())
                {
                    TableConstraint? c = ParseTableConstraint();
                    if (c != null)
                    {
                        stmt.Constraints = stmt.Constraints.Add(c);
                    }
                }
                else
                {
                    ColumnDefinition? col = ParseColumnDefinition(partitionColumns);
                    if (col != null)
                    {
                        columns.Add(col);
                    }
                }

                if (Failed)
                {
                    return;
                }
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                if (IsKind(SyntaxKind.CloseParen))
                {
                    stmt.CloseParenSpan = Cur.Span;
                    _pos++;
                    return;
                }
                Fail("expected ',' or ')' after a table element");
            }
        }

        private bool IsTableConstraintStart()
        {
            if (IsKw("constraint") || IsKw("primary") || IsKw("unique") || IsKw("check") || IsKw("foreign"))
            {
                return true;
            }
            // EXCLUDE is not reserved: a column may be called exclude.
            return IsKw("exclude") && (IsKwAt(1, "using") || PeekToken(1).Kind == SyntaxKind.OpenParen);
        }

        private LikeClause? ParseLike()
        {
            ObjectName? source = ParseObjectName("the LIKE source table");
            if (source == null)
            {
                return null;
            }
            var like = new LikeClause(source.Value);
            while (IsKw("including") || IsKw("excluding"))
            {
                bool including = IsKw("including");
                _pos++;
                bool all = IsKw("all");
                if (all || IsKw("indexes"))
                {
                    like.IncludingIndexes = including;
                }
                if (all || IsKw("constraints"))
                {
                    like.IncludingConstraints = including;
                }
                if (all || IsKw("identity"))
                {
                    like.IncludingIdentity = including;
                }
                if (all || IsKw("generated"))
                {
                    like.IncludingGenerated = including;
                }
                _pos++;
            }
            return like;
        }

        private static readonly string[] ColumnConstraintWords =
        {
            "constraint", "not", "null", "primary", "unique", "check", "default", "generated", "references",
            "deferrable", "initially", "collate", "storage", "compression",
        };

        /// <summary>The first letters of <see cref="ColumnConstraintWords"/> as a bit set (bit 0 = 'a').</summary>
        private static readonly int ColumnConstraintInitials = InitialsOf(ColumnConstraintWords);

        private static int InitialsOf(string[] words)
        {
            int initials = 0;
            foreach (string w in words)
            {
                initials |= 1 << (w[0] - 'a');
            }
            return initials;
        }

        private bool IsColumnConstraintWord()
        {
            Token cur = Cur;
            if (cur.Kind != SyntaxKind.Identifier)
            {
                return false;
            }
            // Called on every token of every column type: rule most out by the first (ASCII) letter before
            // comparing whole words. Non-ASCII first letters go on to the full comparison, as before.
            char first = _text[cur.Start];
            if (first < 0x80)
            {
                int lower = (first | 0x20) - 'a';
                if (lower < 0 || lower >= 26 || (ColumnConstraintInitials & (1 << lower)) == 0)
                {
                    return false;
                }
            }
            foreach (string w in ColumnConstraintWords)
            {
                if (IsKw(w))
                {
                    return true;
                }
            }
            return false;
        }

        private ColumnDefinition? ParseColumnDefinition(bool partitionColumn)
        {
            int startPos = _pos;
            Identifier? name = ParseIdentifier("a column name");
            if (name == null)
            {
                return null;
            }
            var col = new ColumnDefinition(name.Value);

            if (partitionColumn)
            {
                AcceptKws("with", "options");
            }
            else
            {
                // The type runs up to the first column constraint keyword at depth 0.
                int typeStart = _pos;
                bool array = false;
                while (!AtEnd && !IsKind(SyntaxKind.Comma) && !IsKind(SyntaxKind.CloseParen) && !IsColumnConstraintWord())
                {
                    array |= IsKind(SyntaxKind.OpenBracket) || IsKw("array");
                    if (IsKind(SyntaxKind.OpenParen) || IsKind(SyntaxKind.OpenBracket))
                    {
                        SkipParens();
                    }
                    else
                    {
                        _pos++;
                    }
                }
                if (_pos == typeStart)
                {
                    Fail("expected a data type for column \"" + name.Value.Name + "\"");
                    return null;
                }
                Token typeToken = _tokens[_sig[typeStart]];
                string typeWord = typeToken.Kind == SyntaxKind.Identifier ? _names.FoldCase(_text, typeToken.Start, typeToken.Length) : "";
                col.TypeName = array ? typeWord + "[]" : typeWord;
                col.TypeIsOneWord = _pos == typeStart + 1;
                bool qualified = typeStart + 1 < _pos && KindAt(typeStart + 1) == SyntaxKind.Dot;
                if (!qualified && (typeWord == "serial" || typeWord == "serial4" || typeWord == "bigserial" || typeWord == "serial8"
                    || typeWord == "smallserial" || typeWord == "serial2"))
                {
                    col.ImplicitNotNull = true;
                }
            }

            ParseColumnConstraints(col);
            col.Span = SpanFrom(startPos);
            return col;
        }

        private void ParseColumnConstraints(ColumnDefinition col)
        {
            Identifier? pendingName = null;
            TableConstraint? last = null;
            while (!AtEnd && !Failed && !IsKind(SyntaxKind.Comma) && !IsKind(SyntaxKind.CloseParen))
            {
                if (AcceptKw("constraint"))
                {
                    pendingName = ParseIdentifier("a constraint name");
                    continue;
                }
                if (AcceptKws("not", "null"))
                {
                    col.NotNull = true;
                    pendingName = null;
                    continue;
                }
                if (AcceptKw("null"))
                {
                    pendingName = null;
                    continue;
                }
                if (IsKw("primary") || IsKw("unique"))
                {
                    int cstart = _pos;
                    bool primary = AcceptKw("primary");
                    if (primary)
                    {
                        ExpectKw("key");
                    }
                    else
                    {
                        _pos++;
                        AcceptNullsDistinct(out bool notDistinct);
                        last = new TableConstraint(ConstraintKind.Unique) { NullsNotDistinct = notDistinct };
                    }
                    if (primary)
                    {
                        last = new TableConstraint(ConstraintKind.PrimaryKey);
                        col.NotNull = true;
                    }
                    last!.Name = pendingName;
                    last.Columns = last.Columns.Add(col.Name);
                    last.IncludeColumns = SkipIndexParameters();
                    last.Span = SpanFrom(cstart);
                    col.Constraints = col.Constraints.Add(last);
                    pendingName = null;
                    continue;
                }
                if (AcceptKw("check"))
                {
                    SkipParens();
                    AcceptKws("no", "inherit");
                    pendingName = null;
                    last = null;
                    continue;
                }
                if (AcceptKw("default"))
                {
                    SkipExpression();
                    continue;
                }
                if (AcceptKw("generated"))
                {
                    if (AcceptKw("always") || AcceptKws("by", "default"))
                    {
                    }
                    ExpectKw("as");
                    if (AcceptKw("identity"))
                    {
                        col.IsIdentity = true;
                        col.ImplicitNotNull = true;
                        SkipParens();
                    }
                    else
                    {
                        SkipParens();
                        if (AcceptKw("stored"))
                        {
                            col.Generated = GeneratedKind.Stored;
                        }
                        else
                        {
                            // PG 18 made VIRTUAL the default; before 18 only STORED exists.
                            AcceptKw("virtual");
                            col.Generated = _version >= 18 ? GeneratedKind.Virtual : GeneratedKind.Stored;
                        }
                    }
                    continue;
                }
                if (AcceptKw("references"))
                {
                    SkipObjectName("a referenced table");
                    SkipParens();
                    SkipForeignKeyActions();
                    last = null;
                    continue;
                }
                if (AcceptKw("deferrable"))
                {
                    if (last != null)
                    {
                        last.Deferrable = true;
                    }
                    continue;
                }
                if (AcceptKws("not", "deferrable"))
                {
                    continue;
                }
                if (AcceptKw("initially"))
                {
                    if (AcceptKw("deferred") && last != null)
                    {
                        last.InitiallyDeferred = true;
                    }
                    else
                    {
                        AcceptKw("immediate");
                    }
                    continue;
                }
                if (AcceptKw("not"))
                {
                    AcceptKw("enforced");
                    continue;
                }
                // COLLATE x, STORAGE x, COMPRESSION x, ENFORCED and anything else: skip one item.
                if (IsKind(SyntaxKind.OpenParen))
                {
                    SkipParens();
                }
                else
                {
                    _pos++;
                }
            }
        }

        private bool WasKw(int offset, string word)
        {
            int p = _pos + offset;
            return p >= _start && p < _end && KindAt(p) == SyntaxKind.Identifier && _tokens.Is(_sig[p], word);
        }

        private void AcceptNullsDistinct(out bool notDistinct)
        {
            notDistinct = false;
            if (IsKw("nulls"))
            {
                _pos++;
                notDistinct = AcceptKw("not");
                AcceptKw("distinct");
            }
        }

        /// <summary>INCLUDE (...), WITH (...), USING INDEX TABLESPACE name; returns the INCLUDE columns.</summary>
        private NodeList<Identifier> SkipIndexParameters()
        {
            NodeList<Identifier> include = NodeList<Identifier>.Empty;
            while (!AtEnd)
            {
                if (IsKw("include") && PeekToken(1).Kind == SyntaxKind.OpenParen)
                {
                    _pos++;
                    List<Identifier> columns = ParseColumnList();
                    include = include.AddRange(columns);
                }
                else if (AcceptKw("with"))
                {
                    SkipParens();
                }
                else if (IsKw("using") && IsKwAt(1, "index") && IsKwAt(2, "tablespace"))
                {
                    _pos += 3;
                    ParseIdentifier("a tablespace");
                }
                else
                {
                    return include;
                }
            }
            return include;
        }

        private void SkipForeignKeyActions()
        {
            while (!AtEnd)
            {
                if (AcceptKw("match"))
                {
                    _pos++;
                }
                else if (IsKw("on") && (IsKwAt(1, "delete") || IsKwAt(1, "update")))
                {
                    _pos += 2;
                    if (AcceptKws("no", "action") || AcceptKw("restrict") || AcceptKw("cascade"))
                    {
                    }
                    else if (AcceptKw("set"))
                    {
                        _pos++; // NULL | DEFAULT
                        SkipParens();
                    }
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>Skips a DEFAULT expression: up to the next column constraint, ',' or ')' at depth 0.</summary>
        private void SkipExpression()
        {
            bool first = true;
            while (!AtEnd && !IsKind(SyntaxKind.Comma) && !IsKind(SyntaxKind.CloseParen))
            {
                if (!first && IsExpressionStopWord())
                {
                    return;
                }
                first = false;
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

        private bool IsExpressionStopWord()
        {
            if (Cur.Kind != SyntaxKind.Identifier)
            {
                return false;
            }
            if (IsKw("constraint") || IsKw("primary") || IsKw("unique") || IsKw("check") || IsKw("references")
                || IsKw("generated") || IsKw("deferrable") || IsKw("initially"))
            {
                return true;
            }
            if (IsKw("not"))
            {
                return IsKwAt(1, "null") && !WasKw(-1, "is") || IsKwAt(1, "deferrable");
            }
            if (IsKw("null"))
            {
                // "DEFAULT NULL" and "x IS NULL" keep NULL in the expression; a NULL after a finished operand ends it.
                Token prev = _tokens[_sig[_pos - 1]];
                if (prev.Kind == SyntaxKind.Identifier)
                {
                    return !(WasKw(-1, "is") || WasKw(-1, "not") || WasKw(-1, "then") || WasKw(-1, "else") || WasKw(-1, "when")
                        || WasKw(-1, "and") || WasKw(-1, "or") || WasKw(-1, "default"));
                }
                return prev.Kind == SyntaxKind.CloseParen || prev.Kind == SyntaxKind.String || prev.Kind == SyntaxKind.Number;
            }
            return false;
        }

        private TableConstraint? ParseTableConstraint()
        {
            int start = _pos;
            Identifier? name = null;
            if (AcceptKw("constraint"))
            {
                name = ParseIdentifier("a constraint name");
            }
            TableConstraint c;
            if (AcceptKw("primary"))
            {
                ExpectKw("key");
                c = new TableConstraint(ConstraintKind.PrimaryKey);
                ParseKeyColumnsOrUsingIndex(c);
            }
            else if (AcceptKw("unique"))
            {
                AcceptNullsDistinct(out bool notDistinct);
                c = new TableConstraint(ConstraintKind.Unique) { NullsNotDistinct = notDistinct };
                ParseKeyColumnsOrUsingIndex(c);
            }
            else if (AcceptKw("check"))
            {
                c = new TableConstraint(ConstraintKind.Check);
                SkipParens();
                AcceptKws("no", "inherit");
            }
            else if (AcceptKw("foreign"))
            {
                ExpectKw("key");
                c = new TableConstraint(ConstraintKind.ForeignKey);
                SkipParens();
                ExpectKw("references");
                SkipObjectName("a referenced table");
                SkipParens();
                SkipForeignKeyActions();
            }
            else if (AcceptKw("exclude"))
            {
                c = new TableConstraint(ConstraintKind.Exclude);
                if (AcceptKw("using"))
                {
                    _pos++;
                }
                SkipParens();
                SkipIndexParameters();
                if (AcceptKw("where"))
                {
                    SkipParens();
                }
            }
            else if (AcceptKws("not", "null"))
            {
                // PG 18 table-level NOT NULL constraint: CONSTRAINT n NOT NULL col.
                c = new TableConstraint(ConstraintKind.NotNull);
                Identifier? col = ParseIdentifier("a column name");
                if (col != null)
                {
                    c.Columns = c.Columns.Add(col.Value);
                }
            }
            else
            {
                Fail("expected PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or EXCLUDE");
                return null;
            }
            c.Name = name;
            ParseConstraintAttributes(c);
            c.Span = SpanFrom(start);
            return c;
        }

        private void ParseKeyColumnsOrUsingIndex(TableConstraint c)
        {
            if (IsKw("using") && IsKwAt(1, "index") && !IsKwAt(2, "tablespace"))
            {
                _pos += 2;
                c.UsingIndex = ParseIdentifier("an index name");
                return;
            }
            Expect(SyntaxKind.OpenParen, "'('");
            while (!Failed)
            {
                Identifier? col = ParseIdentifier("a column name");
                if (col == null)
                {
                    return;
                }
                c.Columns = c.Columns.Add(col.Value);
                AcceptKws("without", "overlaps");
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                Expect(SyntaxKind.CloseParen, "')'");
                break;
            }
            c.IncludeColumns = SkipIndexParameters();
        }

        private void ParseConstraintAttributes(TableConstraint c)
        {
            while (!AtEnd)
            {
                if (AcceptKw("deferrable"))
                {
                    c.Deferrable = true;
                }
                else if (AcceptKws("not", "deferrable"))
                {
                }
                else if (AcceptKw("initially"))
                {
                    c.InitiallyDeferred = AcceptKw("deferred");
                    if (!c.InitiallyDeferred)
                    {
                        AcceptKw("immediate");
                    }
                }
                else if (AcceptKws("not", "valid"))
                {
                    c.NotValid = true;
                }
                else if (AcceptKws("no", "inherit") || AcceptKw("enforced") || AcceptKws("not", "enforced"))
                {
                }
                else
                {
                    return;
                }
            }
        }

        private Statement ParseCreateIndex(out int headEnd)
        {
            var stmt = new CreateIndexStatement();
            stmt.Unique = AcceptKw("unique");
            ExpectKw("index");
            stmt.Concurrently = AcceptKw("concurrently");
            stmt.IfNotExists = AcceptIfNotExists();
            if (!IsKw("on"))
            {
                stmt.Name = ParseIdentifier("an index name");
            }
            ExpectKw("on");
            stmt.Only = AcceptKw("only");
            ObjectName? table = ParseObjectName("a table name");
            headEnd = _pos;
            if (table == null)
            {
                return stmt;
            }
            stmt.Table = table.Value;
            Accept(SyntaxKind.Operator); // t * (inheritance marker)
            if (AcceptKw("using"))
            {
                Identifier? method = ParseIdentifier("an index method");
                if (method != null)
                {
                    stmt.Method = method.Value.Name;
                }
            }
            ParseIndexElements(stmt);
            while (!AtEnd && !Failed)
            {
                if (IsKw("include") && PeekToken(1).Kind == SyntaxKind.OpenParen)
                {
                    _pos++;
                    stmt.IncludeColumns = stmt.IncludeColumns.AddRange(ParseColumnList());
                }
                else if (AcceptKw("with"))
                {
                    SkipParens();
                }
                else if (IsKw("nulls"))
                {
                    AcceptNullsDistinct(out bool notDistinct);
                    stmt.NullsNotDistinct = notDistinct;
                }
                else if (AcceptKw("tablespace"))
                {
                    _pos++;
                }
                else if (AcceptKw("where"))
                {
                    stmt.HasPredicate = true;
                    stmt.PredicateColumns = stmt.PredicateColumns.AddRange(CollectNames(_pos, _end));
                    _pos = _end;
                }
                else
                {
                    _pos++;
                }
            }
            return stmt;
        }

        private void ParseIndexElements(CreateIndexStatement stmt)
        {
            Expect(SyntaxKind.OpenParen, "'('");
            while (!Failed)
            {
                var element = new IndexElement();
                int elementStart = _pos;
                if (IsName && IsElementEnd(1))
                {
                    element.Column = ParseIdentifier("a column");
                }
                else if (IsName && PeekToken(1).Kind != SyntaxKind.OpenParen && PeekToken(1).Kind != SyntaxKind.Dot
                    && PeekToken(1).Kind != SyntaxKind.Operator && PeekToken(1).Kind != SyntaxKind.DoubleColon)
                {
                    // column followed by COLLATE / opclass / ASC / DESC / NULLS
                    element.Column = ParseIdentifier("a column");
                }
                else
                {
                    // Expression: (expr) or f(x)
                    int exprStart = _pos;
                    if (IsKind(SyntaxKind.OpenParen))
                    {
                        SkipParens();
                    }
                    else
                    {
                        while (!AtEnd && !IsKind(SyntaxKind.Comma) && !IsKind(SyntaxKind.CloseParen))
                        {
                            if (IsKind(SyntaxKind.OpenParen))
                            {
                                SkipParens();
                                break;
                            }
                            _pos++;
                        }
                    }
                    element.ReferencedColumns = element.ReferencedColumns.AddRange(CollectNames(exprStart, _pos));
                    element.NamingName = ExpressionColumnName(exprStart);
                }

                // Options after the column or expression.
                while (!AtEnd && !Failed && !IsKind(SyntaxKind.Comma) && !IsKind(SyntaxKind.CloseParen))
                {
                    if (AcceptKw("asc"))
                    {
                        continue;
                    }
                    if (AcceptKw("desc"))
                    {
                        element.DefaultOrdering = false;
                        continue;
                    }
                    if (AcceptKw("nulls"))
                    {
                        // NULLS LAST is the default for ASC; anything written explicitly we treat conservatively.
                        if (AcceptKw("first"))
                        {
                            element.DefaultOrdering = false;
                        }
                        else
                        {
                            AcceptKw("last");
                        }
                        continue;
                    }
                    if (AcceptKw("collate"))
                    {
                        SkipObjectName("a collation");
                        element.DefaultOrdering = false;
                        continue;
                    }
                    // An operator class, possibly with parameters.
                    element.DefaultOrdering = false;
                    if (IsKind(SyntaxKind.OpenParen))
                    {
                        SkipParens();
                    }
                    else
                    {
                        _pos++;
                    }
                }
                if (element.Column == null && element.ReferencedColumns.Count == 0 && _pos == elementStart)
                {
                    Fail("expected an index column or expression");
                    return;
                }
                stmt.Elements = stmt.Elements.Add(element);
                if (Accept(SyntaxKind.Comma))
                {
                    continue;
                }
                Expect(SyntaxKind.CloseParen, "')'");
                return;
            }
        }

        private int NextSchemaElementStart(int from, int end)
        {
            int next = FindTopLevelWord(from, end, SchemaElementWords, NoWords);
            return next < 0 ? end : next;
        }

        private static readonly string[] SchemaElementWords = { "create", "grant" };

        /// <summary>FigureIndexColname: a function call names the column after the function; anything else is "expr".</summary>
        private string? ExpressionColumnName(int exprStart)
        {
            int p = exprStart;
            if (p < _end && KindAt(p) == SyntaxKind.OpenParen)
            {
                p++;
            }
            while (p + 2 < _end && IsIdentifierToken(_tokens[_sig[p]]) && KindAt(p + 1) == SyntaxKind.Dot)
            {
                p += 2; // schema-qualified function: the last name counts
            }
            if (p + 1 < _end && IsIdentifierToken(_tokens[_sig[p]]) && KindAt(p + 1) == SyntaxKind.OpenParen)
            {
                return _names.Normalize(_text, _tokens[_sig[p]]);
            }
            return null;
        }

        private bool IsElementEnd(int offset)
        {
            SyntaxKind k = PeekToken(offset).Kind;
            return k == SyntaxKind.Comma || k == SyntaxKind.CloseParen;
        }

        private Statement ParseCreateSchema(out int headEnd)
        {
            bool ifNotExists = AcceptIfNotExists();
            Identifier? name = null;
            string? authorization = null;
            if (!IsKw("authorization"))
            {
                name = ParseIdentifier("a schema name");
            }
            if (AcceptKw("authorization"))
            {
                Identifier? role = ParseIdentifier("a role name");
                authorization = role?.Name;
            }
            headEnd = _pos;
            var elements = new List<Statement>();
            // Schema elements (CREATE TABLE/VIEW/INDEX/SEQUENCE/TRIGGER, GRANT) follow without separators:
            // parse each within its own bounds, found at the top-level CREATE and GRANT keywords.
            int statementEnd = _end;
            while (!AtEnd && !Failed)
            {
                int elementStart = _pos;
                int next = NextSchemaElementStart(elementStart + 1, statementEnd);
                _end = next;
                if (AcceptKw("create"))
                {
                    Statement element = ParseCreate(out _);
                    if (!Failed)
                    {
                        element.Span = SpanFrom(elementStart);
                        element.HeadSpan = element.Span;
                        elements.Add(element);
                    }
                }
                _end = statementEnd;
                if (Failed)
                {
                    break;
                }
                _pos = next;
            }
            return new CreateSchemaStatement(name, authorization, ifNotExists, elements);
        }
    }
}
