namespace InvestigationConsole.Domain.Risk;

/// <summary>
/// Where the streaming pass over an account's requests stood (ADR-006), so an incremental run reads only the account's
/// requests stored after <see cref="ThroughSeq"/>: it has consumed every request of the account with <c>Seq</c> ≤
/// <see cref="ThroughSeq"/> and no other. Valid while <see cref="Basis"/> matches the run.
/// </summary>
public sealed class AccountAnalysisState
{
    public int AccountKey { get; set; }
    public long Basis { get; set; }
    public long ThroughSeq { get; set; }
    public byte[] Data { get; set; } = [];
}
