using InvestigationConsole.Domain.Ingestion;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>What ingesting one file came to; <see cref="AlreadyIngested"/> when the same bytes had been ingested before.</summary>
public sealed record IngestFileSummary(
    long FileId,
    string FileName,
    GatewayStreamKind Stream,
    IngestStatus Status,
    long LinesRead,
    long Accepted,
    long Duplicates,
    long Rejected,
    string? Error,
    bool AlreadyIngested = false)
{
    public static IngestFileSummary Of(IngestFile file, bool alreadyIngested = false) =>
        new(file.Id, file.FileName, file.Stream, file.Status, file.LinesRead, file.Accepted, file.Duplicates, file.Rejected, file.Error, alreadyIngested);
}

/// <summary>Input that cannot be ingested at all (not an export file, unreadable): the message says why.</summary>
public sealed class IngestInputException(string message, Exception? inner = null) : Exception(message, inner);
