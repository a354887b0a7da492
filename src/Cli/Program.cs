namespace ReplicaGuard.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            System.Console.Error.WriteLine("replicaguard: not implemented yet");
            return 2;
        }
    }
}
