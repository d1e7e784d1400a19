namespace InvestigationConsole.Detection.Linking;

/// <summary>One kind of evidence on a link: its weight, how many keys were shared and an example attribute.</summary>
public readonly record struct LinkEvidence(LinkType Type, double Weight, int Shared, string Attribute);

/// <summary>A weighted, typed link between accounts <see cref="A"/> &lt; <see cref="B"/> (dense indexes).</summary>
public sealed record AccountLink(int A, int B, double Weight, IReadOnlyList<LinkEvidence> Evidence)
{
    public bool Has(LinkType type) => Evidence.Any(evidence => evidence.Type == type);
}
