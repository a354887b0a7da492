using System.Collections.Generic;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Model;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;
using PublicationItem = ReplicaGuard.Syntax.Ast.PublicationObject;

namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// Takes the table out of the explicit FOR TABLE / ADD TABLE list that publishes it, when that list is the only
    /// thing making UPDATE or DELETE on it checked.
    /// </summary>
    internal static class PublicationListFix
    {
        public static CodeFix? Remove(FixRequest request)
        {
            Coverage? only = null;
            foreach (Coverage coverage in request.Coverage)
            {
                if (!coverage.Publication.PublishesUpdateOrDelete)
                {
                    continue;
                }
                if (only != null)
                {
                    return null; // several publications: one removal does not repair it
                }
                only = coverage;
            }
            if (only == null || only.Row == null || only.Row.Table != request.Table || only.Row.AddedBy == null
                || only.Publication.Schemas.ContainsKey(request.Table.Schema))
            {
                return null;
            }
            if (request.Table.InheritParents.Count > 0 || request.Table.PartitionParent != null)
            {
                return null; // a parent listed without ONLY (or the partition root) would publish it again
            }
            if (request.TablesInRejectedPublicationChanges != null && request.TablesInRejectedPublicationChanges.Contains(request.Table.Name))
            {
                return null; // a rejected ADD/SET naming it could then succeed and publish more
            }
            StatementRef added = only.Row.AddedBy;
            TextEdit? edit = RemovalEdit(added, request.Table);
            if (edit == null)
            {
                return null;
            }
            return new CodeFix(
                "Remove " + request.Table.QualifiedName + " from publication " + only.Publication.Name,
                new[] { edit },
                FixKinds.RemoveFromPublication);
        }

        private static TextEdit? RemovalEdit(StatementRef added, TableObject table)
        {
            List<PublicationItem> items;
            bool create;
            switch (added.Statement)
            {
                case CreatePublicationStatement c:
                    items = c.Objects;
                    create = true;
                    break;
                case AlterPublicationStatement a when a.Action == AlterPublicationAction.Add || a.Action == AlterPublicationAction.Set:
                    items = a.Objects;
                    create = false;
                    break;
                default:
                    return null;
            }
            int at = -1;
            for (int i = 0; i < items.Count; i++)
            {
                ObjectName? name = items[i].Table;
                if (name != null && name.Name == table.Name && (name.Schema == null || name.Schema == table.Schema.Name))
                {
                    if (at >= 0)
                    {
                        return null;
                    }
                    at = i;
                }
            }
            if (at < 0)
            {
                return null;
            }
            SourceFile file = added.File.File;
            string text = added.File.File.Text;
            TextSpan remove;
            if (items.Count == 1)
            {
                if (create)
                {
                    // CREATE PUBLICATION p FOR TABLE t WITH (...) -> CREATE PUBLICATION p WITH (...)
                    remove = TextSpan.FromBounds(((CreatePublicationStatement)added.Statement).Name.Span.End, items[0].Span.End);
                }
                else if (((AlterPublicationStatement)added.Statement).Action == AlterPublicationAction.Add)
                {
                    remove = added.Statement.Span; // the statement only added this table
                }
                else
                {
                    return null; // SET TABLE t alone: removing it changes what else stays published
                }
            }
            else if (at > 0)
            {
                remove = TextSpan.FromBounds(items[at - 1].Span.End, items[at].Span.End);
            }
            else
            {
                int start = items[0].Span.Start;
                if (StartsWithTableKeyword(text, items[0].Span) && items[1].Table != null && !StartsWithTableKeyword(text, items[1].Span))
                {
                    start = SkipWord(text, start); // keep "TABLE" for the table that is now first (not before TABLES IN SCHEMA)
                }
                remove = TextSpan.FromBounds(start, items[1].Span.Start);
            }
            return new TextEdit(file, file.ToOriginal(remove), "");
        }

        private static bool StartsWithTableKeyword(string text, TextSpan span)
        {
            return span.Length > 5 && string.Compare(text, span.Start, "table", 0, 5, System.StringComparison.OrdinalIgnoreCase) == 0
                && !char.IsLetterOrDigit(text[span.Start + 5]) && text[span.Start + 5] != '_' && text[span.Start + 5] != 's';
        }

        private static int SkipWord(string text, int start)
        {
            int i = start + 5;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            return i;
        }
    }
}
