namespace InvestigationConsole.Domain.Risk;

/// <summary>
/// The per-account result of the streaming pass over its requests, stored compactly so that an incremental run
/// re-reads only the accounts that changed. Valid while <see cref="Stamp"/> matches the account and
/// <see cref="Basis"/> matches the run (model releases and analysis settings).
/// </summary>
public sealed class AccountAnalysisSnapshot
{
    public int AccountKey { get; set; }
    public long Stamp { get; set; }
    public long Basis { get; set; }
    public byte[] Data { get; set; } = [];
}
