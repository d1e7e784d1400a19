namespace InvestigationConsole.Domain.Traffic;

/// <summary>
/// A prompt kept as evidence. Each account keeps at most N (a reservoir sample, so the kept prompts represent all
/// of its traffic); older samples expire after the retention period.
/// </summary>
public sealed class PromptSample
{
    public int AccountKey { get; set; }
    public int Slot { get; set; }
    public string RequestId { get; set; } = "";
    public DateTimeOffset Timestamp { get; set; }
    public int ModelId { get; set; }
    public int Traits { get; set; }
    public string Prompt { get; set; } = "";
}
