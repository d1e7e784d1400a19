namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>Why a line failed validation, before the line number and raw text are attached.</summary>
internal sealed record LineFault(RejectionReason Reason, string? Field, string Message)
{
    public LineRejection ToRejection(long lineNumber, ReadOnlySpan<byte> rawLine) => new()
    {
        LineNumber = lineNumber,
        Reason = Reason,
        Field = Field,
        Message = Message,
        RawText = RawText.Cut(rawLine),
    };
}
