using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// Where a fix lands: inside or right after the table's CREATE TABLE when that is in the diagnostic's file and
    /// nothing the fix needs happens later; otherwise right after (RG1002: right before) the diagnosed statement,
    /// or right after the last statement the fix depends on when that comes later still.
    /// </summary>
    internal static class CreateTablePlacement
    {
        /// <summary>The CREATE TABLE statement, when a fix may be placed at it.</summary>
        private static CreateTableStatement? UsableCreate(FixRequest request, IndexObject? index)
        {
            TableObject table = request.Table;
            StatementRef created = table.CreatedBy;
            if (created.File.File != request.Statement.File.File || !(created.Statement is CreateTableStatement create))
            {
                return null;
            }
            if (create.Name.Name != table.Name || (create.Name.Schema != null && create.Name.Schema != table.Schema.Name))
            {
                return null; // renamed or moved since: the CREATE's name is not the name the fix must use
            }
            if ((table.KeysChangedBy != null && table.KeysChangedBy != created) || table.IdentityLostBy != null || table.MovedBy != null
                || (request.LastChange != null && request.LastChange.Order > created.Order))
            {
                return null; // a later statement would undo or invalidate a fix placed at the CREATE
            }
            if (index != null && index.CreatedBy != created)
            {
                return null;
            }
            return create;
        }

        /// <summary>A table constraint added inside CREATE TABLE's parentheses, after the last element.</summary>
        public static TextEdit? InsideCreate(FixRequest request, List<string> columns, string element)
        {
            CreateTableStatement? create = UsableCreate(request, null);
            if (create == null || create.CloseParenSpan == null || create.IsAsQuery || create.PartitionOf != null || create.Columns.Count == 0)
            {
                return null;
            }
            foreach (string column in columns)
            {
                if (!create.Columns.Exists(c => c.Name.Name == column))
                {
                    return null; // added later by ALTER TABLE: not known inside the CREATE
                }
            }
            if (HasKeyOn(create, columns))
            {
                return null; // PostgreSQL would drop a UNIQUE constraint on the same columns as the new key
            }
            int lastEnd = 0;
            foreach (ColumnDefinition c in create.Columns)
            {
                lastEnd = System.Math.Max(lastEnd, c.Span.End);
            }
            foreach (TableConstraint c in create.Constraints)
            {
                lastEnd = System.Math.Max(lastEnd, c.Span.End);
            }
            SourceFile file = request.Statement.File.File;
            int end = file.ToOriginal(new TextSpan(lastEnd, 0)).Start;
            int close = file.ToOriginal(create.CloseParenSpan.Value).Start;
            string text = file.OriginalText;
            string between = text.Substring(end, close - end);
            if (between.IndexOf('\n') < 0)
            {
                return new TextEdit(file, new TextSpan(end, 0), ", " + element);
            }
            // One element per line: repeat the last element's indentation.
            int lineStart = file.Lines.GetLineStart(file.Lines.GetLine(end));
            int indentEnd = lineStart;
            while (indentEnd < end && (text[indentEnd] == ' ' || text[indentEnd] == '\t'))
            {
                indentEnd++;
            }
            return new TextEdit(file, new TextSpan(end, 0), "," + FixText.LineEnding(file) + text.Substring(lineStart, indentEnd - lineStart) + element);
        }

        private static bool HasKeyOn(CreateTableStatement create, List<string> columns)
        {
            var constraints = new List<TableConstraint>(create.Constraints);
            foreach (ColumnDefinition column in create.Columns)
            {
                foreach (TableConstraint inline in column.Constraints)
                {
                    if (inline.Columns.Count == 0 && columns.Count == 1 && column.Name.Name == columns[0] && (inline.Kind == ConstraintKind.Unique || inline.Kind == ConstraintKind.PrimaryKey))
                    {
                        return true;
                    }
                    constraints.Add(inline);
                }
            }
            foreach (TableConstraint c in constraints)
            {
                if ((c.Kind == ConstraintKind.Unique || c.Kind == ConstraintKind.PrimaryKey) && c.Columns.Count == columns.Count
                    && c.Columns.TrueForAll(i => columns.Contains(i.Name)))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Where an ALTER TABLE fix lands, decided now: right after the CREATE TABLE when that is usable, else right after
        /// the diagnosed statement (before it for RG1002) or a later statement the fix depends on. Taken now, so a fix built
        /// at the end of the history (see <see cref="LaterHistory"/>) lands where it would have now.
        /// </summary>
        public static System.Func<string, TextEdit> Frozen(FixRequest request, IndexObject? index = null)
        {
            if (UsableCreate(request, index) != null)
            {
                StatementRef created = request.Table.CreatedBy;
                return sql => FixText.InsertAfter(created, sql);
            }
            if (request.Before)
            {
                StatementRef statement = request.Statement;
                return sql => FixText.InsertBefore(statement, sql);
            }
            StatementRef point = InsertionPoint(request, index);
            return sql => FixText.InsertAfter(point, sql);
        }

        /// <summary>
        /// The order of the point where a fix lands: the CREATE TABLE when it is usable, just before the statement for
        /// RG1002, otherwise the statement <see cref="AtStatement"/> inserts after.
        /// </summary>
        public static int LandingOrder(FixRequest request, IndexObject? index)
        {
            if (UsableCreate(request, index) != null)
            {
                return request.Table.CreatedBy.Order;
            }
            return request.Before ? request.Statement.Order - 1 : InsertionPoint(request, index).Order;
        }

        private static StatementRef InsertionPoint(FixRequest request, IndexObject? index)
        {
            StatementRef after = request.Statement;
            foreach (StatementRef? dependency in new[] { request.Table.CreatedBy, index?.CreatedBy, request.Table.IdentityLostBy, request.Table.MovedBy, request.Table.KeysChangedBy, request.LastChange })
            {
                if (dependency != null && dependency.Order > after.Order)
                {
                    after = dependency;
                }
            }
            return after;
        }
    }
}
