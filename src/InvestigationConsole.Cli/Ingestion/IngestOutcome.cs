using System.Text.Json;
using System.Text.Json.Serialization;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Domain.Ingestion;

namespace InvestigationConsole.Cli.Ingestion;

/// <summary>What the ingest command did with one file, as the summary table and <c>--json</c> report it.</summary>
internal sealed record IngestOutcome(
    string Name,
    string? Stream,
    string Status,
    long Accepted,
    long Duplicates,
    long Rejected,
    [property: JsonIgnore] string? Error)
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string AlreadyIngested = "already-ingested";
    public const string Unreadable = "unreadable";

    /// <summary>Completed files, and files whose bytes were ingested before, are processed; anything else fails the command.</summary>
    [JsonIgnore]
    public bool Processed => Status is Completed or AlreadyIngested;

    public static IngestOutcome Of(IngestFileSummary summary) => new(
        summary.FileName,
        StreamName(summary.Stream),
        summary.AlreadyIngested ? AlreadyIngested : summary.Status == IngestStatus.Completed ? Completed : Failed,
        summary.AlreadyIngested ? 0 : summary.Accepted,
        summary.AlreadyIngested ? 0 : summary.Duplicates,
        summary.AlreadyIngested ? 0 : summary.Rejected,
        summary.Status == IngestStatus.Completed ? null : $"{summary.FileName}: {summary.Error ?? "ingestion failed"}");

    public static IngestOutcome Refused(string path, string message) => new(
        Path.GetFileName(path) is { Length: > 0 } name ? name : path,
        GatewayFileName.TryGetStream(path, out var stream) ? StreamName(stream) : null,
        Unreadable,
        0,
        0,
        0,
        message);

    private static string StreamName(GatewayStreamKind stream) => stream == GatewayStreamKind.Accounts ? "accounts" : "requests";

    private static string StreamName(GatewayStream stream) => stream == GatewayStream.Accounts ? "accounts" : "requests";
}

/// <summary>The <c>--json</c> document: every file's outcome and the totals per stream.</summary>
internal sealed record IngestReport(IReadOnlyList<IngestOutcome> Files, IReadOnlyDictionary<string, IngestTotals> Totals)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static IngestReport Of(IReadOnlyList<IngestOutcome> files) => new(
        files,
        new[] { "accounts", "requests" }.ToDictionary(
            stream => stream,
            stream =>
            {
                var counted = files.Where(f => f.Stream == stream).ToList();
                return new IngestTotals(counted.Sum(f => f.Accepted), counted.Sum(f => f.Duplicates), counted.Sum(f => f.Rejected));
            }));

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

internal sealed record IngestTotals(long Accepted, long Duplicates, long Rejected);
