using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Diagnostics.Runtime;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// The `live-heap` view: the objects an analysis leaves alive, by type and by layer (syntax trees, model,
    /// results), counted from two snapshots of this process's heap (ClrMD, through the runtime's createdump) taken
    /// after full collections, before and after the analysis, with its result held. Collections cost what survives
    /// them, per object, so these counts are what a more compact tree or model has to bring down.
    /// </summary>
    internal static class LiveHeap
    {
        public static void Run(List<SourceFile> files, string what, int top)
        {
            var settings = new AnalysisSettings();
            Engine.Analyze(files, settings); // the runtime's own first-use objects are then in both snapshots
            Dictionary<string, (long Objects, long Bytes)> before = Census();
            AnalysisResult result = Engine.Analyze(files, settings);
            Dictionary<string, (long Objects, long Bytes)> after = Census();
            GC.KeepAlive(result);

            var grown = new List<(string Type, (long Objects, long Bytes) Count)>();
            foreach (KeyValuePair<string, (long Objects, long Bytes)> pair in after)
            {
                before.TryGetValue(pair.Key, out (long Objects, long Bytes) old);
                (long Objects, long Bytes) added = (pair.Value.Objects - old.Objects, pair.Value.Bytes - old.Bytes);
                if (added.Objects > 0)
                {
                    grown.Add((pair.Key, added));
                }
            }
            Console.WriteLine($"{what}: objects alive after the analysis that were not before it (result held, full collections first)");
            foreach (IGrouping<string, (string Type, (long Objects, long Bytes) Count)> layer in grown.GroupBy(g => LayerOf(g.Type)).OrderByDescending(l => l.Sum(g => g.Count.Objects)))
            {
                Console.WriteLine($"  {layer.Key,-28} {layer.Sum(g => g.Count.Objects),9:N0} objects {layer.Sum(g => g.Count.Bytes) / 1024.0,9:N0} KiB");
            }
            Console.WriteLine($"  {"all",-28} {grown.Sum(g => g.Count.Objects),9:N0} objects {grown.Sum(g => g.Count.Bytes) / 1024.0,9:N0} KiB");
            Console.WriteLine($"the {top} types with the most objects:");
            foreach ((string type, (long Objects, long Bytes) count) in grown.OrderByDescending(g => g.Count.Objects).Take(top))
            {
                Console.WriteLine($"  {count.Objects,9:N0} {count.Bytes / 1024.0,9:N0} KiB  {type}");
            }
            Console.WriteLine($"the {top} types with the most bytes:");
            foreach ((string type, (long Objects, long Bytes) count) in grown.OrderByDescending(g => g.Count.Bytes).Take(top))
            {
                Console.WriteLine($"  {count.Objects,9:N0} {count.Bytes / 1024.0,9:N0} KiB  {type}");
            }
        }

        /// <summary>
        /// The suffix for arrays that a <c>LexBuffers</c> holds: the lexer keeps two sets for the next parses, so they
        /// are not part of what an analysis leaves alive, but the second set appears first in whichever run lexes a
        /// large file in two halves (GitLab: ~2.1 MiB), which may be the measured one.
        /// </summary>
        private const string LexerBuffer = " (lexer buffer kept for the next parse)";

        /// <summary>Live objects by type name: a full compacting collection first, so the heap holds no dead ones.</summary>
        private static Dictionary<string, (long Objects, long Bytes)> Census()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var counts = new Dictionary<string, (long Objects, long Bytes)>();
            using DataTarget target = DataTarget.CreateSnapshotAndAttach(Environment.ProcessId);
            using ClrRuntime runtime = target.ClrVersions[0].CreateRuntime();
            var lexerBuffers = new HashSet<ulong>();
            foreach (ClrObject obj in runtime.Heap.EnumerateObjects())
            {
                if (obj.Type?.Name == "ReplicaGuard.Syntax.LexBuffers")
                {
                    foreach (ClrObject array in obj.EnumerateReferences())
                    {
                        lexerBuffers.Add(array.Address);
                    }
                }
            }
            foreach (ClrObject obj in runtime.Heap.EnumerateObjects())
            {
                if (obj.Type?.Name is not string name || obj.IsFree)
                {
                    continue;
                }
                if (lexerBuffers.Contains(obj.Address))
                {
                    name += LexerBuffer;
                }
                counts.TryGetValue(name, out (long Objects, long Bytes) count);
                counts[name] = (count.Objects + 1, count.Bytes + (long)obj.Size);
            }
            return counts;
        }

        /// <summary>
        /// The layer of the first of our namespaces the type name mentions (List&lt;ReplicaGuard.Model.ColumnObject&gt;
        /// belongs to the model); "other" for strings and the runtime's own types.
        /// </summary>
        private static string LayerOf(string type)
        {
            if (type.EndsWith(LexerBuffer, StringComparison.Ordinal))
            {
                return "lexer buffers (kept)";
            }
            int at = type.IndexOf("ReplicaGuard.", StringComparison.Ordinal);
            if (at < 0)
            {
                return type == "System.String" ? "strings (names, messages)" : "other";
            }
            string rest = type.Substring(at + "ReplicaGuard.".Length);
            if (rest.StartsWith("Syntax", StringComparison.Ordinal))
            {
                return "syntax trees";
            }
            if (rest.StartsWith("Model", StringComparison.Ordinal))
            {
                return "model";
            }
            return "results and the rest";
        }
    }
}
