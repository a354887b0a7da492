namespace ReplicaGuard
{
    /// <summary>When a one-shot analysis builds the fixes of its results (<see cref="Diagnostics.Diagnostic.Fixes"/>).</summary>
    public enum FixBuilding
    {
        /// <summary>
        /// On the first read of any result's fixes, by one more replay of the same files (see DeferredFixes). The
        /// analysis itself keeps no fix history: for front ends that show results and seldom or never read their fixes
        /// (`check` as text or GitHub annotations, the MSBuild task, the IDE's analyzer).
        /// </summary>
        OnFirstRead,

        /// <summary>During the analysis: for front ends that read the fixes of every result (`fix`, JSON, SARIF, code fixes), which would otherwise pay that second replay.</summary>
        DuringAnalysis,
    }
}
