using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Tests.Linking;

public class TextKeysTests
{
    public static TheoryData<int, int, string> Hashes => new()
    {
        { 0, 10, "stable" },
        { 1, 10, "stable" },
        { 5_000, 800, "stable" },
        { 5_000, 800, "default" },
        { 5_000, 5_000, "stable" },
        { 5_000, 800, "length" },
        { 2_000, 300, "constant" },
    };

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Number_RepeatedTexts_SameKeysAsADictionaryFilledInOrder(int count, int distinct, string hashName)
    {
        var random = new Random(count + distinct);
        var texts = Enumerable.Range(0, count).Select(_ => $"10.{random.Next(distinct) / 256}.{random.Next(distinct) % 256}.1").ToList();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var expected = texts.Select(text => (ulong)(ids.TryGetValue(text, out var id) ? id : ids[text] = ids.Count)).ToArray();
        Func<string, ulong> hash = hashName switch
        {
            "stable" => StableHash.Of,
            "length" => text => (ulong)text.Length,
            _ => _ => 42,
        };

        var (keys, numbered) = hashName == "default" ? TextKeys.Number([.. texts]) : TextKeys.Number([.. texts], hash);

        Assert.Equal(expected, keys);
        Assert.Equal(ids.OrderBy(pair => pair.Value).Select(pair => pair.Key), numbered);
    }

    [Fact]
    public void Number_CollidingTextsInterleaved_SplitsTheRunByText()
    {
        List<string> texts = ["b", "a", "b", "c", "a", "c", "d"];

        var (keys, numbered) = TextKeys.Number([.. texts], text => text == "d" ? 1UL : 0UL);

        Assert.Equal([0UL, 1, 0, 2, 1, 2, 3], keys);
        Assert.Equal(["b", "a", "c", "d"], numbered);
    }
}
