using System.Text;
using InvestigationConsole.Infrastructure.Data.Scoring;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class TextIdsTests
{
    [Fact]
    public void IdOf_BytesAndStringsOfManyTexts_GivesOneDenseIdPerDistinctText()
    {
        var ids = new TextIds();
        var texts = Enumerable.Range(0, 5000)
            .Select(i => i % 3 == 0 ? $"2001:db8:{i:x}::{i % 7:x}" : $"10.{i / 256 % 256}.{i % 256}.{i % 5}")
            .Append("").Append("203.0.113.0/24").Append("255.255.255.255").Append("255.255.255.0/24")
            .ToArray();

        var first = texts.Select((text, i) => i % 2 == 0 ? ids.IdOf(text) : ids.IdOf(Encoding.UTF8.GetBytes(text))).ToArray();
        var again = texts.Select((text, i) => i % 2 == 0 ? ids.IdOf(Encoding.UTF8.GetBytes(text)) : ids.IdOf(text)).ToArray();

        Assert.Equal(first, again);
        Assert.Equal(texts.Distinct().Count(), first.Distinct().Count());
        Assert.Equal(texts, first.Select(id => ids[id]));
    }

    [Fact]
    public void IdOf_HashGivenAfterAPrefetch_GivesTheIdsOfALookupByBytes()
    {
        var (plain, prefetched) = (new TextIds(), new TextIds());
        var texts = Enumerable.Range(0, 3000).Select(i => Encoding.UTF8.GetBytes(i % 4 == 0 ? $"2001:db8:{i % 500:x}::{new string('f', i % 40)}" : $"10.{i % 300 / 256}.{i % 300 % 256}.1")).ToArray();

        var expected = texts.Select(text => plain.IdOf(text)).ToArray();
        var ids = texts.Select(text =>
        {
            var hash = TextIds.HashOf(text);
            prefetched.Prefetch(hash);
            return prefetched.IdOf(text, hash);
        }).ToArray();

        Assert.Equal(expected, ids);
        prefetched.Seal();
        prefetched.Prefetch(TextIds.HashOf(texts[0]));
    }

    [Fact]
    public void Seal_AfterTheRead_KeepsTextsByIdAndRefusesNewLookups()
    {
        var ids = new TextIds();
        var a = ids.IdOf("10.0.0.1");
        var b = ids.IdOf(Encoding.UTF8.GetBytes("10.0.0.0/24"));

        ids.Seal();

        Assert.Equal(("10.0.0.1", "10.0.0.0/24"), (ids[a], ids[b]));
        Assert.Throws<InvalidOperationException>(() => ids.IdOf("10.0.0.1"));
        Assert.Throws<InvalidOperationException>(() => ids.IdOf(Encoding.UTF8.GetBytes("10.0.0.1")));
    }
}
