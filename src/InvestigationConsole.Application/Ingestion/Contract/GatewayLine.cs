namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>
/// The outcome of one non-blank line: exactly one of <see cref="Account"/>, <see cref="Request"/> or <see cref="Rejection"/> is set
/// (the reader never yields <c>default</c>).
/// </summary>
public readonly record struct GatewayLine
{
    private GatewayLine(long lineNumber, AccountRecord? account, RequestRecord? request, LineRejection? rejection)
    {
        LineNumber = lineNumber;
        Account = account;
        Request = request;
        Rejection = rejection;
    }

    /// <summary>1-based physical line number in the file (blank and skipped lines count).</summary>
    public long LineNumber { get; }

    public AccountRecord? Account { get; }

    public RequestRecord? Request { get; }

    public LineRejection? Rejection { get; }

    internal static GatewayLine Accepted(long lineNumber, AccountRecord account) => new(lineNumber, account, null, null);

    internal static GatewayLine Accepted(long lineNumber, RequestRecord request) => new(lineNumber, null, request, null);

    internal static GatewayLine Rejected(LineRejection rejection) => new(rejection.LineNumber, null, null, rejection);
}
