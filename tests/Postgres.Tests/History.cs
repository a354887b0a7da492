using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>One migration file: the text the engine reads and the statements the server executes.</summary>
    public sealed class HistoryFile
    {
        public HistoryFile(string name, string text, IReadOnlyList<string> statements)
        {
            Name = name;
            Text = text;
            Statements = statements;
        }

        public string Name { get; }
        public string Text { get; }
        public IReadOnlyList<string> Statements { get; }

        /// <summary>A generated file: its text is the statements joined with ";\n".</summary>
        public static HistoryFile FromStatements(string name, IReadOnlyList<string> statements) =>
            new HistoryFile(name, string.Join(";\n", statements) + ";\n", statements);
    }

    /// <summary>An ordered list of migration files.</summary>
    public sealed class History
    {
        public History(IReadOnlyList<HistoryFile> files)
        {
            Files = files;
        }

        public IReadOnlyList<HistoryFile> Files { get; }

        public int StatementCount => Files.Sum(f => f.Statements.Count);

        public string ToSql()
        {
            var text = new StringBuilder();
            foreach (HistoryFile file in Files)
            {
                text.Append("-- ").Append(file.Name).Append('\n').Append(file.Text);
                if (!file.Text.EndsWith("\n"))
                {
                    text.Append('\n');
                }
            }
            return text.ToString();
        }
    }
}
