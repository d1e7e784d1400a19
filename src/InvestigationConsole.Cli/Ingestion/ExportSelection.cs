using InvestigationConsole.Application.Ingestion.Contract;

namespace InvestigationConsole.Cli.Ingestion;

/// <summary>
/// The files an <c>ingest</c> command line names, in the order they must be ingested: accounts before requests (so
/// traffic finds its accounts), then by name. A folder contributes every <c>accounts*</c>/<c>requests*</c> file in it;
/// whether such a file really is an export (its suffix, its bytes) is judged when it is registered.
/// </summary>
internal sealed record ExportSelection(IReadOnlyList<string> Files, IReadOnlyList<(string Name, string Message)> Problems)
{
    /// <summary>The stream prefixes of the contract's file names (shared/contracts/gateway-logs.md).</summary>
    private static readonly string[] StreamPrefixes = ["accounts", "requests"];

    public static ExportSelection Resolve(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var problems = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path)
                    .Where(f => StreamPrefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)))
                    .ToList();
                if (found.Count == 0)
                {
                    problems.Add((path, $"{path}: the folder holds no accounts*/requests* export files."));
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                problems.Add((path, $"{path}: does not exist."));
            }
        }

        var ordered = files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)
            .OrderBy(IngestOrder).ThenBy(Path.GetFileName, StringComparer.Ordinal).ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        return new ExportSelection(ordered, problems);
    }

    /// <summary>Names that are no export come first (they are refused at once), then accounts, then requests.</summary>
    private static int IngestOrder(string path) =>
        GatewayFileName.TryGetStream(path, out var stream) ? 1 + (int)stream : 0;
}
