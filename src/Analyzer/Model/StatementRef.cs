using ReplicaGuard.Diagnostics;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Model
{
    /// <summary>A statement of the history: which file, which statement, and its global order (for "latest cause").</summary>
    public sealed class StatementRef
    {
        public StatementRef(ParsedFile file, Statement statement, int order)
        {
            File = file;
            Statement = statement;
            Order = order;
        }

        public ParsedFile File { get; }
        public Statement Statement { get; }

        /// <summary>Position in the whole history: later statements have larger numbers.</summary>
        public int Order { get; }

        /// <summary>Where a diagnostic about this statement points: its leading keywords and name.</summary>
        public Location HeadLocation => ToLocation(Statement.HeadSpan);

        public Location ToLocation(TextSpan span) => new Location(File.File, File.File.ToOriginal(span));

        public override string ToString() => HeadLocation.ToString();
    }
}
