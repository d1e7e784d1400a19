using System.Security.Cryptography;
using System.Text;
using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Ingestion.Queries;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Web.Components.Pages.Ingestion;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class UploadIntakeTests(IngestionDatabase database) : IClassFixture<IngestionDatabase>
{
    private const string Actor = "admin@test.local";

    private readonly UploadIntake _intake = database.CreateIntake();
    private readonly IngestFolders _folders = database.Services.GetRequiredService<IngestFolders>();

    [Fact]
    public async Task Commit_ReceivedFiles_LandInDropFolderWhereTheScanEnqueuedWithThemRegistersThemAccountsFirst()
    {
        var tag = Guid.NewGuid().ToString("n");
        var requests = Encoding.UTF8.GetBytes(new string('r', 200_000) + "\n");
        var accounts = Encoding.UTF8.GetBytes($"{{\"account_id\":\"{tag}\"}}\n");
        var reported = new List<long>();
        var scans = database.Jobs.Scans;

        await using (var batch = _intake.Begin(Actor))
        {
            Assert.Equal(UploadResult.Received, (await batch.ReceiveAsync($"requests-{tag}.jsonl", requests.Length, new MemoryStream(requests), new Recorder(reported), CancellationToken.None)).Result);
            Assert.Equal(UploadResult.Received, (await batch.ReceiveAsync($"accounts-{tag}.jsonl", accounts.Length, new MemoryStream(accounts), null, CancellationToken.None)).Result);
            Assert.False(File.Exists(Path.Combine(_folders.DropFolder, $"requests-{tag}.jsonl")), "nothing enters the drop folder before the whole drop is in");

            var outcomes = await batch.CommitAsync(CancellationToken.None);

            Assert.All(outcomes, o => Assert.Equal(UploadResult.Queued, o.Result));
        }

        Assert.Equal(requests, await File.ReadAllBytesAsync(Path.Combine(_folders.DropFolder, $"requests-{tag}.jsonl")));
        Assert.Empty(Directory.EnumerateFiles(_folders.Uploads, "*.part"));
        Assert.Equal(requests.Length, reported[^1]);
        Assert.True(reported.Count > 1, "progress is reported as the bytes arrive, not only at the end");
        Assert.Equal(scans + 1, database.Jobs.Scans);

        // Complete before the rename, so the scan takes them at once instead of waiting for them to settle.
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DropFolderScan>().RunAsync(CancellationToken.None);
        var ledger = await database.Services.GetRequiredService<IngestHistory>().ReadAsync(new IngestHistoryFilter(Take: 500));
        var registered = ledger.Items.Where(f => f.FileName.Contains(tag, StringComparison.Ordinal)).OrderBy(f => f.Id).ToList();
        Assert.Equal([$"accounts-{tag}.jsonl", $"requests-{tag}.jsonl"], registered.Select(f => f.FileName));
        Assert.All(registered, f => Assert.Equal(IngestStatus.Queued, f.Status));
    }

    [Fact]
    public async Task Commit_ExportFile_IsAuditedWithActorNameAndSize()
    {
        var name = $"accounts-{Guid.NewGuid():n}.jsonl.gz";

        await using (var batch = _intake.Begin(Actor))
        {
            await batch.ReceiveAsync(name, 3, new MemoryStream([1, 2, 3]), null, CancellationToken.None);
            await batch.CommitAsync(CancellationToken.None);
        }

        var trail = await database.Services.GetRequiredService<AuditTrail>().ReadAsync(new AuditTrailFilter(name));
        var entry = Assert.Single(trail.Items);
        Assert.Equal((Actor, "ingest.uploaded", "ingest-file", name, "3 bytes"), (entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId, entry.Details));
    }

    [Theory]
    [InlineData("notes.txt", 10, "Not an export file")]
    [InlineData("Accounts.jsonl", 10, "Not an export file")]
    [InlineData("requests.json", 10, "Not an export file")]
    [InlineData("../requests-escape.jsonl", 10, "Not an export file")]
    [InlineData("requests-empty.jsonl", 0, "empty")]
    [InlineData("requests-huge.jsonl", UploadIntake.MaxFileBytes + 1, "upload limit")]
    public async Task Receive_FileItCannotTake_IsRefusedWithTheReasonAndNothingIsWritten(string name, long size, string reason)
    {
        var scans = database.Jobs.Scans;
        await using var batch = _intake.Begin(Actor);

        var outcome = await batch.ReceiveAsync(name, size, new MemoryStream([1]), null, CancellationToken.None);
        var committed = await batch.CommitAsync(CancellationToken.None);

        Assert.Equal(UploadResult.Refused, outcome.Result);
        Assert.Contains(reason, outcome.Message, StringComparison.Ordinal);
        Assert.Empty(committed);
        Assert.False(File.Exists(Path.Combine(_folders.DropFolder, Path.GetFileName(name))));
        Assert.Equal(scans, database.Jobs.Scans);
    }

    [Fact]
    public async Task Receive_BytesAlreadyInTheLedger_AreNotQueuedAgain()
    {
        var bytes = Encoding.UTF8.GetBytes($"{{\"seen\":\"{Guid.NewGuid()}\"}}\n");
        var known = await database.AddFileAsync("requests-first.jsonl", IngestStatus.Completed, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var name = $"requests-renamed-{Guid.NewGuid():n}.jsonl";
        await using var batch = _intake.Begin(Actor);

        var outcome = await batch.ReceiveAsync(name, bytes.Length, new MemoryStream(bytes), null, CancellationToken.None);
        await batch.CommitAsync(CancellationToken.None);

        Assert.Equal(UploadResult.AlreadyIngested, outcome.Result);
        Assert.Contains($"file #{known}", outcome.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folders.DropFolder, name)));
        Assert.Empty(Directory.EnumerateFiles(_folders.Uploads, "*.part"));
    }

    [Fact]
    public async Task Receive_SameBytesTwiceInOneDrop_TakesTheFirstOnly()
    {
        var bytes = Encoding.UTF8.GetBytes($"{{\"twice\":\"{Guid.NewGuid()}\"}}\n");
        var tag = Guid.NewGuid().ToString("n");
        await using var batch = _intake.Begin(Actor);

        await batch.ReceiveAsync($"requests-{tag}-a.jsonl", bytes.Length, new MemoryStream(bytes), null, CancellationToken.None);
        var second = await batch.ReceiveAsync($"requests-{tag}-b.jsonl", bytes.Length, new MemoryStream(bytes), null, CancellationToken.None);
        var committed = await batch.CommitAsync(CancellationToken.None);

        Assert.Equal(UploadResult.AlreadyIngested, second.Result);
        Assert.Contains($"requests-{tag}-a.jsonl", second.Message, StringComparison.Ordinal);
        Assert.Equal([$"requests-{tag}-a.jsonl"], committed.Select(o => o.FileName));
    }

    [Fact]
    public async Task Commit_SameNameStillWaitingInDropFolder_IsRefusedAndTheWaitingFileKept()
    {
        var name = $"requests-{Guid.NewGuid():n}.jsonl";
        Directory.CreateDirectory(_folders.DropFolder);
        await File.WriteAllTextAsync(Path.Combine(_folders.DropFolder, name), "waiting\n");

        await using (var batch = _intake.Begin(Actor))
        {
            await batch.ReceiveAsync(name, 4, new MemoryStream("new\n"u8.ToArray()), null, CancellationToken.None);
            var outcome = Assert.Single(await batch.CommitAsync(CancellationToken.None));

            Assert.Equal(UploadResult.Refused, outcome.Result);
            Assert.Contains("still waiting in the drop folder", outcome.Message, StringComparison.Ordinal);
        }

        Assert.Equal("waiting\n", await File.ReadAllTextAsync(Path.Combine(_folders.DropFolder, name)));
        Assert.Empty(Directory.EnumerateFiles(_folders.Uploads, "*.part"));
    }

    [Fact]
    public async Task Receive_UploadBreaksOff_LeavesNoPartFileAndNothingToCommit()
    {
        var name = $"requests-{Guid.NewGuid():n}.jsonl";
        await using var batch = _intake.Begin(Actor);

        await Assert.ThrowsAsync<IOException>(() => batch.ReceiveAsync(name, 1_000_000, new BreaksOffStream(100_000), null, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFiles(_folders.Uploads, "*.part"));
        Assert.Empty(await batch.CommitAsync(CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_folders.DropFolder, name)));
    }

    [Fact]
    public async Task Dispose_WithoutCommit_DeletesTheReceivedParts()
    {
        var batch = _intake.Begin(Actor);
        await batch.ReceiveAsync($"requests-{Guid.NewGuid():n}.jsonl", 3, new MemoryStream([1, 2, 3]), null, CancellationToken.None);
        Assert.NotEmpty(Directory.EnumerateFiles(_folders.Uploads, "*.part"));

        await batch.DisposeAsync();

        Assert.Empty(Directory.EnumerateFiles(_folders.Uploads, "*.part"));
    }

    private sealed class Recorder(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }

    /// <summary>A browser connection that drops after some bytes.</summary>
    private sealed class BreaksOffStream(int length) : MemoryStream(new byte[length])
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("The connection was closed.");
    }
}
