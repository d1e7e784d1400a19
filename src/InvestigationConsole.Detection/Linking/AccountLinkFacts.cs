namespace InvestigationConsole.Detection.Linking;

/// <summary>The kinds of evidence that tie two accounts together.</summary>
public enum LinkType
{
    Payment,
    SignupIp,
    RequestIp,
    Prefix,
    ApiBehaviour,
    Template,
    Synchrony,
    SignupBurst,
    ModelPivot,
}

/// <summary>
/// What linking knows about one account. <see cref="Account"/> is a dense index 0..n-1 (the database key
/// mapped once); lists should be short: an account's distinct addresses and prefixes, its most frequent
/// template band keys (<see cref="Scoring.TemplateConcentration.BandKey"/>) and a bottom-k sample of
/// its activity keys (<see cref="SynchronyKeys"/>).
/// </summary>
public sealed record AccountLinkFacts
{
    public required int Account { get; init; }
    public required string AccountId { get; init; }
    public string? OrgId { get; init; }
    public string? EmailDomain { get; init; }
    public string? PaymentFingerprint { get; init; }
    public string? SignupIp { get; init; }
    public string? SignupPrefix { get; init; }

    /// <summary>Verified with an identity document: shared infrastructure inside one declared organisation is expected.</summary>
    public bool StrongIdentity { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>User agent plus request shape (endpoint, parameters, tool count), hashed by the caller.</summary>
    public string? ApiBehaviourFingerprint { get; init; }

    /// <summary>When the account moved most of its traffic to a newly released model, if it did within 24 h.</summary>
    public DateTimeOffset? PivotAt { get; init; }

    public IReadOnlyList<string> Ips { get; init; } = [];
    public IReadOnlyList<string> Prefixes { get; init; } = [];
    public IReadOnlyList<ulong> TemplateKeys { get; init; } = [];
    public IReadOnlyList<ulong> ActivityKeys { get; init; } = [];
}

/// <summary>Keys for SynchroTrap-style matching: the same action in the same time bucket.</summary>
public static class SynchronyKeys
{
    /// <summary>One key per (time bucket, action); the action is the caller's hash, e.g. of model and template band key.</summary>
    public static ulong Of(long bucket, ulong action) => Text.StableHash.Mix(((ulong)bucket * 0x9E37_79B9_7F4A_7C15) ^ action);

    /// <summary>
    /// The k smallest distinct keys: a consistent sample (the same key is kept by every account that has it
    /// whenever it ranks low), so co-occurrence survives sampling and each account costs at most k entries.
    /// </summary>
    public static ulong[] BottomK(IEnumerable<ulong> keys, int k)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var heap = new PriorityQueue<ulong, ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
        // A set of the default comparer holds each key once already (an analyzer's activity keys).
        var seen = keys is HashSet<ulong> set && set.Comparer == EqualityComparer<ulong>.Default ? null : new HashSet<ulong>();
        foreach (var key in keys)
        {
            if (seen is not null && !seen.Add(key))
            {
                continue;
            }

            if (heap.Count < k)
            {
                heap.Enqueue(key, key);
            }
            else if (k > 0 && key < heap.Peek())
            {
                heap.DequeueEnqueue(key, key);
            }
        }

        var result = heap.UnorderedItems.Select(item => item.Element).ToArray();
        Array.Sort(result);
        return result;
    }
}
