namespace InvestigationConsole.Domain.Traffic;

/// <summary>
/// Hourly rollup per account and model: feeds timelines and heat-maps without scanning raw requests. A query on these
/// rows reads both tiers: the merged rows and the <see cref="RecentActivityHour"/> rows recent files added (the same key
/// may be in both; totals are their sum).
/// </summary>
public class AccountActivityHour
{
    public int AccountKey { get; set; }

    /// <summary>Whole hours since the Unix epoch, UTC.</summary>
    public int Hour { get; set; }

    public int ModelId { get; set; }
    public int Requests { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public int ToolRequests { get; set; }
    public int ErrorRequests { get; set; }

    /// <summary>A 64-bit linear-counting sketch of the client IPs: OR-merges across batches, estimates distinct IPs.</summary>
    public long IpBits { get; set; }
}

/// <summary>
/// An hourly rollup a recent file wrote, not yet merged into the main table: a file adds its rows to this small table
/// (which it rewrites) instead of to the large one, and the ingest merges the two when this one has grown to a fraction
/// of the other. Read together with <see cref="AccountActivityHour"/> rows (the base type's query is over both).
/// </summary>
public sealed class RecentActivityHour : AccountActivityHour;
