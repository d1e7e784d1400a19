using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

/// <summary>
/// The graphs of mixed populations as the sequential builder of 386478f made them, bit for bit: speed-ups of the link
/// graph must leave every link, weight, evidence text and their order as they were.
/// </summary>
public class LinkGraphRegressionTests
{
    [Theory]
    [InlineData(7, 3297, "5cced66968482cd91fca17ff9014168eac2d1cb0a6254f36c20cf195e270e834")]
    [InlineData(8, 3293, "508b116b704815794845449d4830084679a524675857979132118aba19c4167b")]
    public void Build_MixedPopulation_SameGraphAsTheSequentialBuilder(int seed, int links, string digest)
    {
        var graph = AccountLinkGraph.Build(MixedPopulations.Of(seed).Facts);

        Assert.Equal((links, digest), (graph.Links.Count, MixedPopulations.Digest(graph)));
    }
}
