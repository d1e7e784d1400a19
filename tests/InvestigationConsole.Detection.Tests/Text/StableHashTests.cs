using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Tests.Text;

public sealed class StableHashTests
{
    [Fact]
    public void Recent_SameAndEqualAndCollidingInstances_GivesTheHashOfTheText()
    {
        var recent = new StableHash.Recent();
        var texts = Enumerable.Range(0, 500).Select(i => $"model-{i % 97}").ToArray();
        foreach (var text in texts.Concat(texts.Reverse()).Concat([new string("model-5".ToCharArray()), "", "model-5"]))
        {
            Assert.Equal(StableHash.Of(text), recent.Of(text));
        }
    }
}
