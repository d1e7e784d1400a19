namespace InvestigationConsole.Domain.Traffic;

/// <summary>A repeated string of the traffic (model, user agent, endpoint) stored once; first sighting kept for model releases.</summary>
public sealed class LookupValue
{
    public int Id { get; set; }
    public LookupKind Kind { get; set; }
    public string Value { get; set; } = "";
    public DateTimeOffset FirstSeenAt { get; set; }
}

public enum LookupKind
{
    Model = 1,
    UserAgent = 2,
    Endpoint = 3,
}
