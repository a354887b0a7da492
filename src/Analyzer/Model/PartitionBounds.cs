using System.Globalization;
using ReplicaGuard.Syntax.Ast;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// The server's checks of a new partition's bound (check_new_partition_bound): it must fit the parent's
    /// strategy and not overlap a sibling. Bounds that are not plain literals are not compared.
    /// </summary>
    public sealed partial class Replayer
    {
        private void CheckPartitionBound(TableObject parent, PartitionBound? bound, string partitionName)
        {
            if (bound == null || bound.Kind == PartitionBoundKind.None)
            {
                return;
            }
            string strategy = parent.PartitionStrategy ?? "";
            if (bound.Kind == PartitionBoundKind.Default)
            {
                if (strategy == "hash")
                {
                    throw Reject("a hash-partitioned table may not have a default partition");
                }
                foreach (TableObject sibling in parent.Partitions)
                {
                    if (sibling.PartitionBound?.Kind == PartitionBoundKind.Default)
                    {
                        throw Reject("partition \"" + partitionName + "\" conflicts with existing default partition \"" + sibling.Name + "\"");
                    }
                }
                return;
            }
            PartitionBoundKind expected = strategy == "list" ? PartitionBoundKind.List : strategy == "range" ? PartitionBoundKind.Range : strategy == "hash" ? PartitionBoundKind.Hash : PartitionBoundKind.None;
            if (expected != PartitionBoundKind.None && bound.Kind != expected)
            {
                throw Reject("invalid bound specification for a " + strategy + " partition");
            }
            if (bound.Kind == PartitionBoundKind.Range && TryRange(bound, out decimal low, out decimal high) && low >= high)
            {
                throw Reject("empty range bound specified for partition \"" + partitionName + "\"");
            }
            foreach (TableObject sibling in parent.Partitions)
            {
                PartitionBound? other = sibling.PartitionBound;
                if (other != null && other.Kind == bound.Kind && Overlaps(bound, other))
                {
                    throw Reject("partition \"" + partitionName + "\" would overlap partition \"" + sibling.Name + "\"");
                }
            }
        }

        private static bool Overlaps(PartitionBound a, PartitionBound b)
        {
            switch (a.Kind)
            {
                case PartitionBoundKind.List:
                    foreach (string value in a.Values)
                    {
                        if (value != "null" && b.Values.Contains(value))
                        {
                            return true;
                        }
                    }
                    return false;
                case PartitionBoundKind.Range:
                    return TryRange(a, out decimal aLow, out decimal aHigh) && TryRange(b, out decimal bLow, out decimal bHigh)
                        && aLow < bHigh && bLow < aHigh;
                case PartitionBoundKind.Hash:
                    if (a.Modulus <= 0 || b.Modulus <= 0)
                    {
                        return false;
                    }
                    PartitionBound small = a.Modulus <= b.Modulus ? a : b;
                    PartitionBound large = small == a ? b : a;
                    return large.Modulus % small.Modulus == 0 && large.Remainder % small.Modulus == small.Remainder;
                default:
                    return false;
            }
        }

        /// <summary>A single-column numeric range; MINVALUE and MAXVALUE are the extremes.</summary>
        private static bool TryRange(PartitionBound bound, out decimal low, out decimal high)
        {
            low = high = 0;
            return bound.Values.Count == 1 && bound.Upper.Count == 1 && TryBoundValue(bound.Values[0], out low) && TryBoundValue(bound.Upper[0], out high);
        }

        private static bool TryBoundValue(string text, out decimal value)
        {
            if (text == "minvalue")
            {
                value = decimal.MinValue;
                return true;
            }
            if (text == "maxvalue")
            {
                value = decimal.MaxValue;
                return true;
            }
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
