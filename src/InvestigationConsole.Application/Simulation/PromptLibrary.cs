namespace InvestigationConsole.Application.Simulation;

/// <summary>Every family's frames, parsed once from <see cref="PromptCorpus"/>; safe to share between threads.</summary>
internal sealed class PromptLibrary
{
    private static readonly Lazy<PromptLibrary> Shared = new(() => new PromptLibrary());

    private readonly PromptTemplate[][] _frames;

    private PromptLibrary()
    {
        var sources = PromptCorpus.Banks();
        var banks = sources.Keys.ToDictionary(name => name, name => new SlotBank(name));
        foreach (var (name, items) in sources)
        {
            banks[name].Items = items.Select(item => PromptTemplate.Parse(item, banks)).ToArray();
        }

        var families = PromptCorpus.Families();
        _frames = Enum.GetValues<PromptFamily>()
            .Select(family => families.TryGetValue(family, out var frames)
                ? frames.Select(frame => PromptTemplate.Parse(frame, banks)).ToArray()
                : throw new InvalidOperationException($"Prompt family {family} has no frames."))
            .ToArray();
    }

    public static PromptLibrary Instance => Shared.Value;

    /// <summary>Writes the prompt that <paramref name="seed"/> stands for; its top 16 bits pick the theme.</summary>
    public void Compose(PromptFamily family, ulong seed, PromptText text)
    {
        text.Clear();
        var random = SimulationRandom.For(seed, 0x9A0);
        var theme = SimulationRandom.For(seed >> 48, 0x7E3E, (ulong)family);
        var frames = _frames[(int)family];
        frames[random.Next(frames.Length)].Render(text, ref random, ref theme);
    }
}
