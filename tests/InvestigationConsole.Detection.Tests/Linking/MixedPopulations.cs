using System.Security.Cryptography;
using System.Text;
using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

/// <summary>Populations with every link type for comparing ways of building one graph, and the graph they gave before.</summary>
internal static class MixedPopulations
{
    /// <summary>People, a campus NAT, an enterprise and campaign cells: every link type, shared and discounted keys.</summary>
    public static SyntheticAccounts Of(int seed)
    {
        var accounts = new SyntheticAccounts(seed);
        accounts.Individuals(300);
        accounts.Campus(60);
        accounts.Enterprise("northlabs", 40);
        accounts.CampaignCell("cell-a", 50);
        accounts.Individuals(100);
        accounts.CampaignCell("cell-b", 70);
        accounts.Add("pivots", 30, (i, f) => f with
        {
            PivotAt = SyntheticAccounts.Epoch.AddMinutes(90 + i),
            SignupPrefix = $"198.18.{i % 4}.0/24",
            ApiBehaviourFingerprint = $"client-{i % 3}",
            TemplateKeys = [0xA000UL + (ulong)(i % 5), 0xA100UL],
            ActivityKeys = Enumerable.Range(0, 10).Select(t => SynchronyKeys.Of(t, (ulong)(i % 2))).ToArray(),
        });
        return accounts;
    }

    /// <summary>Every field of a link, weights as their exact bits.</summary>
    public static string Describe(AccountLink link) =>
        $"{link.A}-{link.B} {BitConverter.DoubleToInt64Bits(link.Weight):x}: "
        + string.Join("; ", link.Evidence.Select(e => $"{e.Type} {BitConverter.DoubleToInt64Bits(e.Weight):x} {e.Shared} {e.Attribute}"));


    /// <summary>SHA-256 of every link's <see cref="Describe"/> in graph order.</summary>
    public static string Digest(AccountLinkGraph graph) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", graph.Links.Select(Describe)))));
}
