namespace ReplicaGuard.Diagnostics
{
    /// <summary>How a result is reported. <see cref="None"/> turns a rule off.</summary>
    public enum Severity
    {
        None = 0,
        Suggestion = 1,
        Warning = 2,
        Error = 3,
    }
}
