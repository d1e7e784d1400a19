namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// Everything scoring knows about one account: identity from the registry, and aggregates over its
/// requests. The database side fills it from rollups (hourly activity, addresses, model use) and a
/// streaming pass over requests in (account, time) order; see <see cref="AccountProfileBuilder"/>.
/// </summary>
public sealed record AccountProfile
{
    public required string AccountId { get; init; }
    public AccountTier Tier { get; init; }
    public VerificationLevel Verification { get; init; }
    public string? EmailDomain { get; init; }
    public bool IsDisposableDomain { get; init; }
    public bool IsRareDomain { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? FirstRequestAt { get; init; }
    public DateTimeOffset? LastRequestAt { get; init; }
    public long RequestCount { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }

    /// <summary>Requests per UTC hour of day, 24 entries.</summary>
    public IReadOnlyList<long> HourOfDayCounts { get; init; } = new long[24];

    /// <summary>Requests per UTC day, the first entry being the day of <see cref="FirstRequestAt"/>.</summary>
    public IReadOnlyList<long> DailyCounts { get; init; } = [];

    public InterArrivalStats InterArrival { get; init; }

    /// <summary>Prompts that were classified (requests with prompt text).</summary>
    public long PromptCount { get; init; }

    public PromptTraitCounts TraitCounts { get; init; } = new();

    /// <summary>Share of prompts whose template sketch shares a band with at least k other prompts of the account.</summary>
    public double TemplateConcentration { get; init; }

    /// <summary>Requests that offered or used tools.</summary>
    public long ToolUseRequests { get; init; }

    public int DistinctIps { get; init; }
    public int DistinctPrefixes { get; init; }
    public IReadOnlyList<ModelUse> Models { get; init; } = [];
    public IReadOnlyList<ReleaseWindowTraffic> ReleaseWindows { get; init; } = [];
    public int HoneypotHits { get; init; }

    public int ActiveDays => DailyCounts.Count(count => count > 0);
}
