namespace InvestigationConsole.Domain.Risk;

/// <summary>A saved version of the detection settings (the JSON of every weight and threshold); the newest is active.</summary>
public sealed class DetectionSettingsVersion
{
    public long Id { get; set; }
    public string Json { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string Note { get; set; } = "";
}
