using System.Collections.Concurrent;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using InvestigationConsole.Web.Components.Pages.Ingestion;

namespace InvestigationConsole.Web.Tests.Ingestion;

/// <summary>
/// The real infrastructure (database, ledger, folders, audit log) over a fresh SQLite file in a temporary data folder,
/// without the web app or a job server: what the Ingestion components and the upload intake read and write.
/// </summary>
public sealed class IngestionDatabase : IAsyncLifetime
{
    private IHost? _host;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "ic-web-ingestion", Guid.NewGuid().ToString("n"));

    /// <summary>Stands in for Hangfire: records what would have been enqueued.</summary>
    public RecordingJobQueue Jobs { get; } = new();

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("Not started.")).Services;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Storage:DataFolder"] = DataFolder,
        });
        builder.AddInfrastructure();
        builder.Services.AddScoped<IIngestJobQueue>(_ => Jobs);
        _host = builder.Build();
        await _host.Services.InitializeDatabaseAsync();
    }

    /// <summary>The upload intake over this database and its folders, as the web app registers it.</summary>
    public UploadIntake CreateIntake() => ActivatorUtilities.CreateInstance<UploadIntake>(Services);

    /// <summary>Adds a completed ledger file with its quarantined lines; returns the file's id.</summary>
    public Task<long> AddFileAsync(string name, params (long Line, string Reason, string? Field, string RawText)[] quarantined) =>
        AddFileAsync(name, IngestStatus.Completed, Guid.NewGuid().ToString("n") + Guid.NewGuid().ToString("n"), quarantined);

    public async Task<long> AddFileAsync(string name, IngestStatus status, string sha256, params (long Line, string Reason, string? Field, string RawText)[] quarantined)
    {
        await using var db = Services.GetRequiredService<IConsoleDbContextFactory>().Create();
        var file = new IngestFile
        {
            FileName = name,
            Path = Path.Combine(DataFolder, "ingested", name),
            SizeBytes = 1234,
            Sha256 = sha256,
            Stream = name.StartsWith("accounts", StringComparison.Ordinal) ? GatewayStreamKind.Accounts : GatewayStreamKind.Requests,
            Status = status,
            Source = "test",
            LinesRead = 10,
            Accepted = 10 - quarantined.Length,
            Rejected = quarantined.Length,
            QueuedAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow,
            CompletedAt = status == IngestStatus.Running ? null : DateTimeOffset.UtcNow.AddSeconds(2),
        };
        db.IngestFiles.Add(file);
        await db.SaveChangesAsync();
        foreach (var (line, reason, field, raw) in quarantined)
        {
            db.QuarantinedLines.Add(new QuarantinedLine { FileId = file.Id, LineNumber = line, Reason = reason, Field = field, Message = $"{reason} in {field}", RawText = raw });
        }

        await db.SaveChangesAsync();
        return file.Id;
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner if a file is still held.
        }
    }
}

public sealed class RecordingJobQueue : IIngestJobQueue
{
    private int _scans;

    public int Scans => Volatile.Read(ref _scans);

    public ConcurrentQueue<long> Files { get; } = new();

    public string EnqueueFile(long fileId, string? afterJobId = null)
    {
        Files.Enqueue(fileId);
        return $"job-{fileId}";
    }

    public void EnqueueScan() => Interlocked.Increment(ref _scans);
}
