namespace InvestigationConsole.Domain.Triage;

/// <summary>A named set of queue filters and sort order, private to the user who saved it.</summary>
public sealed class SavedQueueView
{
    public int Id { get; set; }
    public string Owner { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The filter as JSON (Application's QueueFilter), so new filter fields do not need a migration.</summary>
    public string FilterJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
}
