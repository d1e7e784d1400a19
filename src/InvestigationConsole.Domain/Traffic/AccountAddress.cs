namespace InvestigationConsole.Domain.Traffic;

/// <summary>
/// A client address an account used: the input of IP search and of shared-infrastructure links. A query on these rows
/// reads both tiers: the merged rows and the <see cref="RecentAccountAddress"/> rows recent files added (the same
/// account and address may be in both; requests add up, the first and last sight are the earliest and latest).
/// </summary>
public class AccountAddress
{
    public int AccountKey { get; set; }
    public string Ip { get; set; } = "";
    public string IpPrefix { get; set; } = "";
    public long Requests { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>
/// An address use a recent file wrote, not yet merged into the main table (see <see cref="RecentActivityHour"/>).
/// </summary>
public sealed class RecentAccountAddress : AccountAddress;
