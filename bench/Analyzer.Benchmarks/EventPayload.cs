using System;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>Reads a runtime event's payload fields by name, for the views that listen to the runtime's events.</summary>
    internal static class EventPayload
    {
        /// <summary>The field as a number, or <paramref name="missing"/> when the event has no such field.</summary>
        public static long Number(EventWrittenEventArgs e, string name, long missing = 0)
        {
            int index = e.PayloadNames?.IndexOf(name) ?? -1;
            return index >= 0 && e.Payload != null ? Convert.ToInt64(e.Payload[index], CultureInfo.InvariantCulture) : missing;
        }

        /// <summary>The field as text, or <paramref name="missing"/> when the event has no such field.</summary>
        public static string Text(EventWrittenEventArgs e, string name, string missing)
        {
            int index = e.PayloadNames?.IndexOf(name) ?? -1;
            return index >= 0 && e.Payload != null ? e.Payload[index] as string ?? missing : missing;
        }
    }
}
