namespace InvestigationConsole.Detection.Scoring;

/// <summary>Usage tier; the numeric values match the registry's so the database side maps by cast.</summary>
public enum AccountTier
{
    Free = 0,
    Tier1 = 1,
    Tier2 = 2,
    Tier3 = 3,
    Tier4 = 4,
    Enterprise = 5,
}

/// <summary>How strongly the sign-up identity was verified; values match the registry's.</summary>
public enum VerificationLevel
{
    None = 0,
    Email = 1,
    Phone = 2,
    IdDocument = 3,
}

/// <summary>
/// Independent kinds of evidence. A flag needs several of them: each legitimate look-alike
/// (eval runner, coding-agent product, enterprise) resembles a campaign in one or two families only.
/// </summary>
public enum SignalFamily
{
    Content,
    Behaviour,
    Identity,
    Coordination,

    /// <summary>Honeypot hits: use of a canary prompt is proof of harvesting, not a trait.</summary>
    Proof,
}

/// <summary>A model and when it was released, for judging pivots against the population.</summary>
public readonly record struct ModelRelease(string Model, DateTimeOffset ReleasedAt);

/// <summary>How an account used one model: first use and request count.</summary>
public readonly record struct ModelUse(string Model, DateTimeOffset FirstUseAt, long Requests);

/// <summary>An account's traffic in the 24 h after a model's release: all requests, and those to the new model.</summary>
public readonly record struct ReleaseWindowTraffic(string Model, long ModelRequests, long AllRequests)
{
    public double Share => AllRequests == 0 ? 0 : (double)ModelRequests / AllRequests;
}

/// <summary>Gaps between consecutive requests inside sessions (idle breaks excluded).</summary>
public readonly record struct InterArrivalStats(long Gaps, double MeanSeconds, double CoefficientOfVariation)
{
    public static InterArrivalStats None => default;
}
