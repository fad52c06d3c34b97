namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>PostgreSQL advisory lock keys that every process derives alike from a name.</summary>
public static class AdvisoryLocks
{
    /// <summary>A 64-bit key for <paramref name="name"/> (FNV-1a; string.GetHashCode differs per process).</summary>
    public static long KeyOf(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }
}
