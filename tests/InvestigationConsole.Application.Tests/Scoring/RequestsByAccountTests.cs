using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Infrastructure.Data.Scoring;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>The in-memory grouping of a full recompute's sequential pass: what the analyzer sees must not depend on arrival order.</summary>
public sealed class RequestsByAccountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Emit_RowsInArrivalOrder_GivesAccountsInKeyOrderAndEachInTimeOrderWithArrivalBreakingTies()
    {
        var arrivals = new[]
        {
            Row(7, 30, "10.0.0.1", tools: 1), Row(3, 10, "10.0.0.2"), Row(7, 10, "10.0.0.3"), Row(9, 5, "10.0.0.4"),
            Row(7, 10, "10.0.0.5"), Row(3, 0, "10.0.0.6", userAgent: 4), Row(7, 20, "10.0.0.1"),
        };
        var grouping = new RequestsByAccount([3, 7]);
        foreach (var row in arrivals)
        {
            grouping.Add(row);
        }

        var emitted = new List<StoredRequest>();
        grouping.Emit(emitted.Add);

        StoredRequest[] expected = [arrivals[5], arrivals[1], arrivals[2], arrivals[4], arrivals[6], arrivals[0]];
        Assert.Equal(expected, emitted);
    }

    [Fact]
    public void Emit_ScatteredKeys_KeepsOnlyTheKeysAskedFor()
    {
        var grouping = new RequestsByAccount([2, 40, 41]);
        foreach (var key in new[] { 1, 40, 2, 3, 41, 40, 100 })
        {
            grouping.Add(Row(key, key, "10.0.0.1"));
        }

        var emitted = new List<int>();
        grouping.Emit(row => emitted.Add(row.AccountKey));

        Assert.Equal([2, 40, 40, 41], emitted);
    }

    [Fact]
    public void Emit_PartsOfOnePass_GivesWhatOneGroupingOfThemAllGives()
    {
        var random = new Random(5);
        var arrivals = Enumerable.Range(0, 400)
            .Select(i => Row(1 + random.Next(12), random.Next(60), $"10.0.{random.Next(3)}.{random.Next(5)}", tools: i % 3))
            .ToArray();
        int[] keys = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        var whole = new RequestsByAccount(keys);
        foreach (var row in arrivals)
        {
            whole.Add(row);
        }

        var expected = new List<StoredRequest>();
        whole.Emit(expected.Add);

        var parts = new[] { new RequestsByAccount(keys), new RequestsByAccount(keys), new RequestsByAccount(keys) };
        for (var i = 0; i < arrivals.Length; i++)
        {
            parts[i * parts.Length / arrivals.Length].Add(arrivals[i]);
        }

        foreach (var part in parts)
        {
            part.Seal();
        }

        var emitted = new List<StoredRequest>();
        RequestsByAccount.Emit(parts, 0, 4, emitted.Add);
        RequestsByAccount.Emit(parts, 4, keys.Length, emitted.Add);

        Assert.Equal(expected, emitted);
    }

    [Fact]
    public void Emit_LargeAccountsOutOfOrderAcrossParts_EqualsAStableSortByAccountThenTime()
    {
        // Accounts of hundreds of rows (past the first copy buffer), some in time order, some not, ties on time.
        var random = new Random(11);
        var arrivals = Enumerable.Range(0, 3000)
            .Select(i => Row(random.Next(4) == 0 ? 20 : 1 + random.Next(6), random.Next(5) == 0 ? i / 10 : random.Next(200), $"10.1.{random.Next(4)}.{random.Next(9)}", tools: i % 5))
            .ToArray();
        int[] keys = [1, 2, 3, 4, 5, 6, 20];
        var parts = new[] { new RequestsByAccount(keys), new RequestsByAccount(keys) };
        for (var i = 0; i < arrivals.Length; i++)
        {
            parts[i < 1700 ? 0 : 1].Add(arrivals[i]);
        }

        foreach (var part in parts)
        {
            part.Seal();
        }

        var emitted = new List<StoredRequest>();
        RequestsByAccount.Emit(parts, 0, keys.Length, emitted.Add);

        Assert.Equal(arrivals.OrderBy(row => row.AccountKey).ThenBy(row => row.Timestamp), emitted);
    }

    private static StoredRequest Row(int account, int minutes, string ip, int tools = 0, int? userAgent = null) => new(
        account, T0.AddMinutes(minutes), 100 + minutes, 2000 + minutes, minutes, minutes % 2 == 0 ? TemplateSketch.Compute($"prompt {minutes}") : TemplateSketch.Empty,
        tools, ip, ip[..ip.LastIndexOf('.')] + ".0/24", 1, userAgent, null, minutes % 2 == 0);
}
