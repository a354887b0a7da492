using System.Collections.Generic;

namespace ReplicaGuard.Model
{
    /// <summary>
    /// A schema's relations by name (pg_class's namespace), kept in up to 32 small dictionaries chosen from the name
    /// instead of one. One dictionary for a schema like GitLab's public (15,000 relations) reallocates arrays of 200
    /// to 400 KB as it grows; arrays of 85 KB or more go to the large object heap, whose allocations trigger full
    /// (gen2) collections of everything live, which made a 1,000-file history cost more per file than a 100-file one.
    /// </summary>
    public sealed class RelationMap
    {
        private const int Shards = 32;

        private readonly Dictionary<string, RelationObject>?[] _shards = new Dictionary<string, RelationObject>?[Shards];

        public int Count { get; private set; }

        /// <summary>Every relation, shard by shard (a fixed order for a given set of names).</summary>
        public IEnumerable<RelationObject> Values
        {
            get
            {
                foreach (Dictionary<string, RelationObject>? shard in _shards)
                {
                    if (shard == null)
                    {
                        continue;
                    }
                    foreach (RelationObject relation in shard.Values)
                    {
                        yield return relation;
                    }
                }
            }
        }

        public RelationObject this[string name]
        {
            set
            {
                Dictionary<string, RelationObject> shard = ShardOf(name, create: true)!;
                int before = shard.Count;
                shard[name] = value;
                Count += shard.Count - before;
            }
        }

        public bool TryGetValue(string name, out RelationObject relation)
        {
            Dictionary<string, RelationObject>? shard = ShardOf(name, create: false);
            if (shard != null && shard.TryGetValue(name, out RelationObject? found))
            {
                relation = found;
                return true;
            }
            relation = null!;
            return false;
        }

        public bool ContainsKey(string name) => ShardOf(name, create: false)?.ContainsKey(name) == true;

        public bool Remove(string name)
        {
            if (ShardOf(name, create: false)?.Remove(name) != true)
            {
                return false;
            }
            Count--;
            return true;
        }

        private Dictionary<string, RelationObject>? ShardOf(string name, bool create)
        {
            // A cheap hash that does not change between runs, so that Values has the same order every time; the
            // dictionary hashes the whole name within the shard.
            int length = name.Length;
            int hash = length == 0 ? 0 : length * 7 + name[length / 2] * 3 + name[length - 1] + name[(length - 1) / 3];
            int index = hash & (Shards - 1);
            Dictionary<string, RelationObject>? shard = _shards[index];
            if (shard == null && create)
            {
                shard = _shards[index] = new Dictionary<string, RelationObject>();
            }
            return shard;
        }
    }
}
