using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Triage;

namespace InvestigationConsole.Application.Triage;

/// <summary>Which part of the queue to show.</summary>
public enum QueueScope
{
    /// <summary>Flagged and not dismissed (or risen well above the score it was dismissed at).</summary>
    Open,

    /// <summary>Open and nobody holds a live claim.</summary>
    Unclaimed,

    /// <summary>Open and claimed by the current user.</summary>
    Mine,

    /// <summary>Open and past its due time.</summary>
    Overdue,

    /// <summary>Dismissed as false positives.</summary>
    Dismissed,
}

public enum QueueSort
{
    Risk,
    Due,
    Flagged,
    Requests,
    LastSeen,
}

/// <summary>
/// The triage queue's filters, sort and page. Serialised as JSON for saved views, so fields only get added
/// (with defaults), never renamed.
/// </summary>
public sealed record QueueFilter
{
    public QueueScope Scope { get; init; } = QueueScope.Open;
    public double? MinScore { get; init; }
    public double? MaxScore { get; init; }

    /// <summary>A signal name that must be among the account's fired signals (e.g. chain-of-thought).</summary>
    public string? Signal { get; init; }

    public string? ClusterId { get; init; }
    public UsageTier? Tier { get; init; }

    /// <summary>Two-letter billing country.</summary>
    public string? Country { get; init; }

    /// <summary>Account age in days (since sign-up) at least / at most.</summary>
    public int? MinAgeDays { get; init; }

    public int? MaxAgeDays { get; init; }

    public TriageSeverity? Severity { get; init; }

    /// <summary>Account id, org id or e-mail domain containing this text.</summary>
    public string? Text { get; init; }

    public QueueSort Sort { get; init; } = QueueSort.Risk;

    /// <summary>Risk, requests and last seen sort descending by default; due and flagged ascending (oldest first).</summary>
    public bool Descending { get; init; } = true;

    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

/// <summary>One row of the triage queue.</summary>
public sealed record QueueRow(
    string AccountId,
    double Score,
    TriageSeverity Severity,
    DateTimeOffset? FlaggedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    string? ClusterId,
    IReadOnlyList<string> TopSignals,
    UsageTier Tier,
    string? Country,
    string? OrgId,
    int? AgeDays,
    long Requests,
    DateTimeOffset? LastRequestAt,
    string? ClaimedBy,
    DateTimeOffset? ClaimExpiresAt,
    string? DismissedBy,
    string? DismissalReason);
