using System;
using System.Linq;
using System.Reflection;

// DbUp's EmbeddedScriptsProvider in miniature: the scripts are embedded resources, applied in name order.
Assembly assembly = typeof(Marker).Assembly;
foreach (string name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
{
    Console.WriteLine($"would run {name}");
}

internal sealed class Marker
{
}
