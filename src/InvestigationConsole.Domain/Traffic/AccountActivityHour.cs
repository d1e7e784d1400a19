namespace InvestigationConsole.Domain.Traffic;

/// <summary>Hourly rollup per account and model: feeds timelines and heat-maps without scanning raw requests.</summary>
public sealed class AccountActivityHour
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
