using InvestigationConsole.Application.Ingestion.Queries;
using InvestigationConsole.Domain.Ingestion;

namespace InvestigationConsole.Web.Tests.Ingestion;

/// <summary>The Ingestion page's queries over a database of their own, so that counts are exact.</summary>
public sealed class IngestionQueriesTests : IAsyncLifetime
{
    private readonly IngestionDatabase _database = new();
    private long _accounts;
    private long _requests;
    private long _failed;

    private IngestHistory History => _database.Services.GetRequiredService<IngestHistory>();

    private QuarantineReview Review => _database.Services.GetRequiredService<QuarantineReview>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _accounts = await _database.AddFileAsync("accounts.jsonl", (4, "MissingField", "tier", "{}"));
        _requests = await _database.AddFileAsync("requests-1.jsonl", (1, "InvalidJson", null, "{"), (2, "InvalidJson", null, "{{"), (9, "BadTimestamp", "ts", "{\"ts\":1}"));
        _failed = await _database.AddFileAsync("requests-2.jsonl", IngestStatus.Failed, Guid.NewGuid().ToString("n"));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ReadAsync_NoFilter_ListsNewestFirstAndPages()
    {
        var first = await History.ReadAsync(new IngestHistoryFilter(Skip: 0, Take: 2));
        var second = await History.ReadAsync(new IngestHistoryFilter(Skip: 2, Take: 2));

        Assert.Equal(3, first.TotalCount);
        Assert.Equal([_failed, _requests], first.Items.Select(f => f.Id));
        Assert.Equal([_accounts], second.Items.Select(f => f.Id));
    }

    [Fact]
    public async Task ReadAsync_StatusFilter_ListsOnlyThatStatusAndCountsAreByStatus()
    {
        var failed = await History.ReadAsync(new IngestHistoryFilter(IngestStatus.Failed));
        var counts = await History.CountByStatusAsync();

        Assert.Equal([_failed], failed.Items.Select(f => f.Id));
        Assert.Equal(2, counts[IngestStatus.Completed]);
        Assert.Equal(1, counts[IngestStatus.Failed]);
        Assert.False(counts.ContainsKey(IngestStatus.Running));
    }

    [Fact]
    public async Task SummarizeAsync_Lines_AreCountedByReasonOverallAndPerFile()
    {
        var summary = await Review.SummarizeAsync();

        Assert.Equal(4, summary.Total);
        Assert.Equal([new ReasonCount("InvalidJson", 2), new ReasonCount("BadTimestamp", 1), new ReasonCount("MissingField", 1)], summary.Reasons);
        Assert.Equal([(_requests, "requests-1.jsonl", 3), (_accounts, "accounts.jsonl", 1)], summary.Files.Select(f => (f.FileId, f.FileName, f.Total)));
        Assert.Equal([new ReasonCount("InvalidJson", 2), new ReasonCount("BadTimestamp", 1)], summary.Files[0].Reasons);
    }

    [Fact]
    public async Task ReadLinesAsync_FileAndReason_FilterAndKeepLineOrder()
    {
        var ofFile = await Review.ReadLinesAsync(new QuarantineFilter(FileId: _requests));
        var ofReason = await Review.ReadLinesAsync(new QuarantineFilter(Reason: "MissingField"));
        var both = await Review.ReadLinesAsync(new QuarantineFilter(FileId: _requests, Reason: "BadTimestamp"));

        Assert.Equal([1L, 2L, 9L], ofFile.Items.Select(l => l.LineNumber));
        Assert.All(ofFile.Items, l => Assert.Equal("requests-1.jsonl", l.FileName));
        Assert.Equal([(_accounts, 4L, "tier")], ofReason.Items.Select(l => (l.FileId, l.LineNumber, l.Field)));
        Assert.Equal(["{\"ts\":1}"], both.Items.Select(l => l.RawText));
    }
}
