namespace InvestigationConsole.Domain.Ingestion;

/// <summary>A line the contract rejects, kept for inspection (raw text cut to 4 KiB).</summary>
public sealed class QuarantinedLine
{
    public long Id { get; set; }
    public long FileId { get; set; }
    public long LineNumber { get; set; }
    public string Reason { get; set; } = "";
    public string? Field { get; set; }
    public string Message { get; set; } = "";
    public string RawText { get; set; } = "";
}
