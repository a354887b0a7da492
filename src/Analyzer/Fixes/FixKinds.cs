namespace ReplicaGuard.Fixes
{
    /// <summary>
    /// Equivalence keys: one per kind of fix, so a front end can apply the same kind everywhere (FixAll). Every kind
    /// is listed here and in docs/json-format.md ("Fix kinds"); a test checks that the two agree.
    /// </summary>
    public static class FixKinds
    {
        public const string PromoteIndexToPrimaryKey = "ReplicaGuard.PromoteIndexToPrimaryKey";
        public const string ReplicaIdentityUsingIndex = "ReplicaGuard.ReplicaIdentityUsingIndex";
        public const string AddPrimaryKey = "ReplicaGuard.AddPrimaryKey";
        public const string ReplicaIdentityFull = "ReplicaGuard.ReplicaIdentityFull";
        public const string ReplicaIdentityDefault = "ReplicaGuard.ReplicaIdentityDefault";
        public const string AddIdentityColumnsToColumnList = "ReplicaGuard.AddIdentityColumnsToColumnList";
        public const string RemoveRowFilter = "ReplicaGuard.RemoveRowFilter";
        public const string RemoveFromPublication = "ReplicaGuard.RemoveFromPublication";
        public const string SetNotNull = "ReplicaGuard.SetNotNull";
        public const string RemoveRejectedStatement = "ReplicaGuard.RemoveRejectedStatement";
        public const string SuppressStatement = "ReplicaGuard.SuppressStatement";
        public const string SuppressFile = "ReplicaGuard.SuppressFile";
        public const string RemoveSuppression = "ReplicaGuard.RemoveSuppression";
    }
}
