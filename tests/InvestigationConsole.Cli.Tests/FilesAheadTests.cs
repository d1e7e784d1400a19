using System.Security.Cryptography;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Cli.Ingestion;

namespace InvestigationConsole.Cli.Tests;

public sealed class FilesAheadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ic-files-ahead-").FullName;

    [Fact]
    public async Task NextAsync_GivesEachFileInOrder_IdentifiedOrRefused()
    {
        var accounts = Write("accounts.jsonl", "{\"account_id\":\"acct_1\"}\n");
        var notes = Write("notes.txt", "not an export");
        var gone = Path.Combine(_folder, "requests-2026-01-01.jsonl");
        var requests = Write("requests-2026-01-02.jsonl", "{\"request_id\":\"req_1\"}\n");

        var taken = new List<FilesAhead.Identified>();
        await using (var files = new FilesAhead([accounts, notes, gone, requests], CancellationToken.None))
        {
            while (await files.NextAsync() is { } file)
            {
                taken.Add(file);
            }

            Assert.Null(await files.NextAsync());
        }

        Assert.Equal([accounts, notes, gone, requests], taken.Select(f => f.Path));

        var first = Assert.IsType<Application.Ingestion.ExportFileIdentity>(taken[0].Identity);
        Assert.Equal(GatewayStream.Accounts, first.Stream);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(accounts))), first.Sha256);
        Assert.Equal(new FileInfo(accounts).Length, first.SizeBytes);
        Assert.Equal(accounts, first.FullPath);

        Assert.Null(taken[1].Identity);
        Assert.StartsWith("notes.txt: not an export file.", taken[1].Refusal, StringComparison.Ordinal);
        Assert.Null(taken[2].Identity);
        Assert.StartsWith("requests-2026-01-01.jsonl: cannot be read", taken[2].Refusal, StringComparison.Ordinal);

        var last = Assert.IsType<Application.Ingestion.ExportFileIdentity>(taken[3].Identity);
        Assert.Equal(GatewayStream.Requests, last.Stream);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(requests))), last.Sha256);
    }

    [Fact]
    public async Task NextAsync_Cancelled_StopsWithCancellation()
    {
        var accounts = Write("accounts.jsonl", "{}\n");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await using var files = new FilesAhead([accounts, accounts], cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => files.NextAsync());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
