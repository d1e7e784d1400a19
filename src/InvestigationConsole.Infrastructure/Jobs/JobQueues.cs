namespace InvestigationConsole.Infrastructure.Jobs;

/// <summary>Hangfire queues, most urgent first: ingest keeps up with the gateway, detection follows it.</summary>
public static class JobQueues
{
    public const string Ingest = "ingest";
    public const string Detection = "detection";
    public const string Default = "default";

    public static string[] All { get; } = [Ingest, Detection, Default];
}
