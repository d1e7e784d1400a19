namespace InvestigationConsole.Application.Ingestion;

/// <summary>The folders of ingestion under the data folder: where files are dropped, and where registered files are kept.</summary>
public sealed class IngestFolders(string dataFolder, IngestOptions options)
{
    public string DropFolder { get; } = Path.GetFullPath(Path.Combine(dataFolder, options.DropFolder));

    /// <summary>Registered files move here (named by ledger id) so the drop folder only ever holds new work.</summary>
    public string Archive { get; } = Path.GetFullPath(Path.Combine(dataFolder, "ingested"));

    /// <summary>Uploads are written here first and renamed into the drop folder when complete.</summary>
    public string Uploads { get; } = Path.GetFullPath(Path.Combine(dataFolder, "uploads"));
}
