namespace InvestigationConsole.Domain.Risk;

/// <summary>
/// A canary string planted where only a harvester would pick it up (a published "leaked" prompt, a bait document):
/// a request that carries it proves harvesting. Admins manage the list; ingestion marks every prompt that contains an
/// active canary, and detection counts those requests as honeypot hits. Retired canaries stay for the record.
/// </summary>
public sealed class HoneypotCanary
{
    public const int MinLength = 8;
    public const int MaxLength = 400;

    public int Id { get; set; }

    /// <summary>Matched anywhere in a prompt, ignoring case.</summary>
    public string Text { get; set; } = "";

    /// <summary>Where it was planted and why, for the investigator who sees a hit.</summary>
    public string Note { get; set; } = "";

    public string AddedBy { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
    public string? RetiredBy { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }

    public bool IsActive => RetiredAt is null;
}
