namespace InvestigationConsole.Domain.Traffic;

/// <summary>A client address an account used: the input of IP search and of shared-infrastructure links.</summary>
public sealed class AccountAddress
{
    public int AccountKey { get; set; }
    public string Ip { get; set; } = "";
    public string IpPrefix { get; set; } = "";
    public long Requests { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}
