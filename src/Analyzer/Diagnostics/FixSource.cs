using System.Collections.Generic;

namespace ReplicaGuard.Diagnostics
{
    /// <summary>Builds the fixes of results when a front end first reads them (see <see cref="Diagnostic.Fixes"/>).</summary>
    internal abstract class FixSource
    {
        /// <summary>The fixes of <paramref name="diagnostic"/>; the same whenever called.</summary>
        public abstract IReadOnlyList<CodeFix> FixesOf(Diagnostic diagnostic);
    }
}
