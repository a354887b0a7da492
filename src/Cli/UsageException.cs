using System;

namespace ReplicaGuard.Cli
{
    /// <summary>A usage or I/O problem the user can fix: printed as one line, exit code 2.</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
