using System;
using System.Collections.Generic;
using System.IO;

namespace ReplicaGuard.Cli.Input
{
    /// <summary>
    /// Finds a directory loop made of symbolic links below a migration folder (a link leading back to a folder it
    /// is inside of). Discovery itself stops at such a loop; the CLI reports it instead, because a loop in a
    /// migration tree is a mistake the user should hear about rather than a layout to guess around. Walks the
    /// folders (not files) once each, following links, skipping the folders discovery skips.
    /// </summary>
    public static class SymlinkLoops
    {
        private static readonly HashSet<string> Skipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

        /// <summary>The first looping link found, as (link path, the folder it leads back to), or null.</summary>
        public static (string Link, string Target)? Find(string root)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var onPath = new HashSet<string>(StringComparer.Ordinal);
            return Walk(root, RealPath(root), visited, onPath, depth: 0);
        }

        private static (string, string)? Walk(string folder, string identity, HashSet<string> visited, HashSet<string> onPath, int depth)
        {
            if (!visited.Add(identity) || depth > 256)
            {
                return null; // reached before by another way: not a loop, and already walked
            }
            onPath.Add(identity);
            string[] children;
            try
            {
                children = Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                children = new string[0]; // discovery reports unreadable folders itself
            }
            Array.Sort(children, StringComparer.Ordinal);
            foreach (string child in children)
            {
                string name = Path.GetFileName(child);
                if (name.StartsWith(".", StringComparison.Ordinal) || Skipped.Contains(name))
                {
                    continue;
                }
                string childIdentity;
                var info = new DirectoryInfo(child);
                if (info.LinkTarget != null)
                {
                    // Resolved from the folder's real path: a relative link means relative to where it really is.
                    childIdentity = RealPath(Path.Combine(identity, name));
                    if (!Directory.Exists(childIdentity))
                    {
                        continue; // a broken link leads nowhere
                    }
                    if (onPath.Contains(childIdentity))
                    {
                        return (child, childIdentity);
                    }
                }
                else
                {
                    childIdentity = Path.Combine(identity, name);
                }
                var found = Walk(child, childIdentity, visited, onPath, depth + 1);
                if (found != null)
                {
                    return found;
                }
            }
            onPath.Remove(identity);
            return null;
        }

        // The path with every linked component resolved, so that two ways to one folder compare equal.
        private static string RealPath(string path)
        {
            string full = Path.GetFullPath(path);
            string root = Path.GetPathRoot(full) ?? "";
            if (full.Length <= root.Length)
            {
                return full;
            }
            full = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            string? parent = Path.GetDirectoryName(full);
            if (string.IsNullOrEmpty(parent))
            {
                return full;
            }
            string resolved = Path.Combine(RealPath(parent), Path.GetFileName(full));
            try
            {
                var info = new DirectoryInfo(resolved);
                if (info.LinkTarget != null)
                {
                    FileSystemInfo? target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target != null)
                    {
                        return RealPath(target.FullName);
                    }
                }
            }
            catch (IOException)
            {
                // Unresolvable: keep the lexical path.
            }
            return resolved;
        }
    }
}
