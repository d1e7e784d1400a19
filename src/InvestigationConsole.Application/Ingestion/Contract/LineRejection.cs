namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>A quarantined line: where it was, why, and its text cut to <see cref="MaxRawTextBytes"/> bytes of UTF-8.</summary>
public sealed record LineRejection
{
    /// <summary>The most UTF-8 bytes of the raw line kept in <see cref="RawText"/>.</summary>
    public const int MaxRawTextBytes = 4096;

    /// <summary>1-based physical line number in the file.</summary>
    public required long LineNumber { get; init; }

    public required RejectionReason Reason { get; init; }

    /// <summary>The contract name of the offending field (e.g. <c>ts</c>), when one field is to blame.</summary>
    public string? Field { get; init; }

    /// <summary>What is wrong, in words that name the field, e.g. <c>missing required field 'ts'</c>.</summary>
    public required string Message { get; init; }

    /// <summary>The line without its line end, cut to at most 4,096 UTF-8 bytes on a character boundary; invalid UTF-8 shows as U+FFFD.</summary>
    public required string RawText { get; init; }
}
