namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>Recognises export files by name: <c>accounts*.jsonl[.gz]</c> and <c>requests*.jsonl[.gz]</c>, case-sensitive as the contract writes them.</summary>
public static class GatewayFileName
{
    private const string AccountsPrefix = "accounts";
    private const string RequestsPrefix = "requests";
    private const string JsonLinesSuffix = ".jsonl";
    private const string GzipJsonLinesSuffix = ".jsonl.gz";

    /// <summary>Names the stream a file holds. Accepts a bare name or a path (only the last segment is judged).</summary>
    public static bool TryGetStream(string fileName, out GatewayStream stream)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName);
        stream = default;
        if (!name.EndsWith(JsonLinesSuffix, StringComparison.Ordinal) && !name.EndsWith(GzipJsonLinesSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        if (name.StartsWith(AccountsPrefix, StringComparison.Ordinal))
        {
            stream = GatewayStream.Accounts;
            return true;
        }

        if (name.StartsWith(RequestsPrefix, StringComparison.Ordinal))
        {
            stream = GatewayStream.Requests;
            return true;
        }

        return false;
    }

    /// <summary>True when the file is gzip-compressed, judged by its <c>.gz</c> suffix as the contract does.</summary>
    public static bool IsGzip(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(".gz", StringComparison.Ordinal);
    }
}
