namespace ReplicaGuard.Cli
{
    public static class ExitCodes
    {
        public const int Success = 0;
        public const int ErrorsFound = 1;
        public const int UsageOrInput = 2;
    }
}
