using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

public class RadixSortTests
{
    [Theory]
    [InlineData(0, 64)]
    [InlineData(1, 64)]
    [InlineData(1_000, 64)]
    [InlineData(50_000, 64)]
    [InlineData(50_000, 20)]
    [InlineData(50_000, 3)]
    public void Sort_RandomKeys_OrdersLikeAComparisonSortAndKeepsEqualKeysInOrder(int count, int bits)
    {
        var random = new Random(count + bits);
        var keys = new ulong[count];
        var items = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2);
            keys[i] = bits == 64 ? keys[i] : keys[i] & ((1UL << bits) - 1);
            items[i] = i;
        }

        var expected = keys.Select((key, i) => (key, i)).OrderBy(e => e.key).ThenBy(e => e.i).ToArray();

        RadixSort.Sort(keys, items, count);

        Assert.Equal(expected.Select(e => e.key), keys);
        Assert.Equal(expected.Select(e => e.i), items);
    }

    [Fact]
    public void Sort_KeysOnlyAndPartOfTheArray_LeavesTheRestAlone()
    {
        ulong[] keys = [9, 3, 7, 1, 0];

        RadixSort.Sort(keys, null, 4);

        Assert.Equal([1UL, 3, 7, 9, 0], keys);
    }
}
