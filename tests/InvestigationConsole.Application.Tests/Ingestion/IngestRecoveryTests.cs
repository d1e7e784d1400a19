using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Tests.Support;

namespace InvestigationConsole.Application.Tests.Ingestion;

public sealed class IngestRecoveryTests
{
    [Fact]
    public async Task Recover_QueuedFilesInLedger_ReEnqueuesThemInOrderAndScans()
    {
        await using var host = await TestHost.StartAsync();
        var ledger = host.Services.GetRequiredService<IngestLedger>();
        var folder = Path.Combine(host.DataFolder, "exports");
        var (requests, _) = await ledger.RegisterAsync(ExportFiles.Write(folder, "requests-1.jsonl", [ExportFiles.Request("r1", "a")]), "test", default);
        var (accounts, _) = await ledger.RegisterAsync(ExportFiles.Write(folder, "accounts.jsonl", [ExportFiles.Account("a")]), "test", default);
        var queue = new RecordingQueue();

        var count = await new IngestRecovery(ledger, queue).RecoverAsync(default);

        Assert.Equal(2, count);
        Assert.Equal([(accounts.Id, null), (requests.Id, "job-1")], queue.Files);
        Assert.Equal(1, queue.Scans);
    }

    private sealed class RecordingQueue : IIngestJobQueue
    {
        public List<(long FileId, string? After)> Files { get; } = [];

        public int Scans { get; private set; }

        public string EnqueueFile(long fileId, string? afterJobId = null)
        {
            Files.Add((fileId, afterJobId));
            return $"job-{Files.Count}";
        }

        public void EnqueueScan() => Scans++;
    }
}
