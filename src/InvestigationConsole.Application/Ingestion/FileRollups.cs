using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// The account-keyed totals of a file's stored requests: hourly activity, addresses and account traffic. They are
/// accumulated in memory and written once, in key order, when the file ends (or when they outgrow
/// <see cref="IngestOptions.MaxPendingRollups"/>), instead of rewriting the same rows every batch. After a crash they
/// are rebuilt from the file's own stored rows, so the same totals come from memory or from the table.
/// </summary>
public sealed class FileRollups
{
    public Dictionary<int, AccountTrafficDelta> AccountTraffic { get; } = [];

    public Dictionary<(int AccountKey, int Hour, int ModelId), AccountActivityHour> Activity { get; } = [];

    public Dictionary<(int AccountKey, string Ip), AccountAddress> Addresses { get; } = [];

    /// <summary>Rows held in memory, the measure of the bound.</summary>
    public int Entries => AccountTraffic.Count + Activity.Count + Addresses.Count;

    public bool IsEmpty => Entries == 0;

    /// <summary>Counts one stored request: the fields read are those a stored row has too (a prompt is seen when its length is not 0).</summary>
    public void Add(ApiRequest request)
    {
        var traffic = AccountTraffic.TryGetValue(request.AccountKey, out var t) ? t : AccountTraffic[request.AccountKey] = new AccountTrafficDelta();
        traffic.Requests++;
        traffic.PromptsSeen += request.PromptLength > 0 ? 1 : 0;
        traffic.First = request.Timestamp < traffic.First ? request.Timestamp : traffic.First;
        traffic.Last = request.Timestamp > traffic.Last ? request.Timestamp : traffic.Last;

        var hour = (int)(request.Timestamp.ToUnixTimeSeconds() / 3600);
        if (!Activity.TryGetValue((request.AccountKey, hour, request.ModelId), out var activity))
        {
            activity = new AccountActivityHour { AccountKey = request.AccountKey, Hour = hour, ModelId = request.ModelId };
            Activity[(request.AccountKey, hour, request.ModelId)] = activity;
        }

        activity.Requests++;
        activity.InputTokens += request.InputTokens;
        activity.OutputTokens += request.OutputTokens;
        activity.ToolRequests += request.ToolCount > 0 ? 1 : 0;
        activity.ErrorRequests += request.Status >= 400 ? 1 : 0;
        activity.IpBits |= IpSketch.Bit(request.Ip);

        if (!Addresses.TryGetValue((request.AccountKey, request.Ip), out var address))
        {
            address = new AccountAddress
            {
                AccountKey = request.AccountKey, Ip = request.Ip, IpPrefix = request.IpPrefix, FirstSeenAt = request.Timestamp, LastSeenAt = request.Timestamp,
            };
            Addresses[(request.AccountKey, request.Ip)] = address;
        }

        address.Requests++;
        address.FirstSeenAt = request.Timestamp < address.FirstSeenAt ? request.Timestamp : address.FirstSeenAt;
        address.LastSeenAt = request.Timestamp > address.LastSeenAt ? request.Timestamp : address.LastSeenAt;
    }
}
