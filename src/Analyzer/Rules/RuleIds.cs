namespace ReplicaGuard.Rules
{
    /// <summary>Every rule ID in one place. IDs are a contract: never renumber or reuse one.</summary>
    public static class RuleIds
    {
        public const string MissingReplicaIdentity = "RG1001";
        public const string StatementRejected = "RG1002";
        public const string InvalidIdentityIndex = "RG1003";
        public const string FilterOrColumnListOutsideIdentity = "RG1004";
        public const string NoKeyForConsumers = "RG2001";
        public const string FullIdentityWithKey = "RG2002";
        public const string TableWithoutPrimaryKey = "RG3001";
        public const string NotUnderstood = "RG9001";
        public const string UnknownReference = "RG9002";
        public const string UnusedSuppression = "RG9003";
    }
}
