namespace InvestigationConsole.Domain.Triage;

/// <summary>
/// An investigator's hold on a flagged account and the triage outcome so far. One row per account that has been
/// claimed, assigned or dismissed; accounts nobody has touched have none. A claim lapses at
/// <see cref="ClaimExpiresAt"/>, so an abandoned claim returns the account to the queue by itself.
/// </summary>
public sealed class AccountReview
{
    public int AccountKey { get; set; }

    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? ClaimExpiresAt { get; set; }

    /// <summary>Who assigned the claim when it was not the claimant (bulk assign by a lead).</summary>
    public string? AssignedBy { get; set; }

    public string? DismissedBy { get; set; }
    public DateTimeOffset? DismissedAt { get; set; }
    public string? DismissalReason { get; set; }

    /// <summary>The score when dismissed: the account re-enters the queue only if it rises clearly above it.</summary>
    public double? DismissedAtScore { get; set; }

    /// <summary>Bumped on every change; conditional updates use it so that two claims never both win.</summary>
    public long Version { get; set; }

    public bool IsClaimedAt(DateTimeOffset now) => ClaimedBy is not null && ClaimExpiresAt > now;
}
