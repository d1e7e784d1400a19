using InvestigationConsole.Application.Scoring;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>The store's request read split into slices must hand over what one slice would, in the same order.</summary>
public sealed class DetectionStoreReadTests(IngestedScenario scenario) : IClassFixture<IngestedScenario>
{
    [Fact]
    public async Task ReadRequests_ManySlices_GivesEachSliceWhatOneReadGivesForItsKeys()
    {
        var store = scenario.Host.Services.GetRequiredService<IDetectionStore>();
        var inputs = await store.LoadInputsAsync(default);
        var keys = inputs.Accounts.Select(a => a.Key).ToArray();
        var whole = Read(store, keys, 1).Single();
        Assert.True(whole.Count > 1000);

        AssertSlices(store, keys, whole, 5);
        var scattered = keys.Where((_, i) => i % 3 != 1).ToArray();
        AssertSlices(store, scattered, whole, 3);
    }

    private static void AssertSlices(IDetectionStore store, int[] keys, List<StoredRequest> whole, int parts)
    {
        var size = (keys.Length + parts - 1) / parts;
        var slices = Read(store, keys, parts);
        for (var part = 0; part < parts; part++)
        {
            var wanted = keys.Skip(part * size).Take(size).ToHashSet();
            Assert.Equal(whole.Where(row => wanted.Contains(row.AccountKey)), slices[part]);
        }
    }

    private static List<StoredRequest>[] Read(IDetectionStore store, int[] keys, int parts)
    {
        var slices = Enumerable.Range(0, parts).Select(_ => new List<StoredRequest>()).ToArray();
        store.ReadRequests(keys, parts, (part, row) => slices[part].Add(row), default);
        return slices;
    }
}
