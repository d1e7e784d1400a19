using System.Text;
using System.Text.RegularExpressions;

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// A prompt frame with slots, parsed once. Slot syntax: «bank» picks from a bank, «=bank» picks the
/// same item for every exchange that shares a theme, «bank*2-5» joins 2–5 picks with spaces
/// («bank/2-5» with new lines), «12-480» is a number.
/// </summary>
internal sealed partial class PromptTemplate
{
    private readonly Segment[] _segments;

    private PromptTemplate(Segment[] segments) => _segments = segments;

    public static PromptTemplate Parse(string text, IReadOnlyDictionary<string, SlotBank> banks)
    {
        var segments = new List<Segment>();
        var position = 0;
        foreach (Match match in SlotPattern().Matches(text))
        {
            if (match.Index > position)
            {
                segments.Add(new Literal(Encoding.UTF8.GetBytes(text[position..match.Index])));
            }

            segments.Add(ParseSlot(match, banks, text));
            position = match.Index + match.Length;
        }

        if (position < text.Length)
        {
            segments.Add(new Literal(Encoding.UTF8.GetBytes(text[position..])));
        }

        return new PromptTemplate([.. segments]);
    }

    public void Render(PromptText text, ref SimulationRandom random, ref SimulationRandom theme)
    {
        foreach (var segment in _segments)
        {
            segment.Render(text, ref random, ref theme);
        }
    }

    private static Segment ParseSlot(Match match, IReadOnlyDictionary<string, SlotBank> banks, string text)
    {
        var stable = match.Groups["stable"].Success;
        var name = match.Groups["name"].Value;
        if (match.Groups["low"].Success)
        {
            return new Number(int.Parse(match.Groups["low"].Value), int.Parse(match.Groups["high"].Value), stable);
        }

        if (!banks.TryGetValue(name, out var bank))
        {
            throw new InvalidOperationException($"Prompt slot «{name}» has no bank (in \"{text}\").");
        }

        var (min, max) = match.Groups["repeat"].Success
            ? (int.Parse(match.Groups["min"].Value), int.Parse(match.Groups["max"].Value))
            : (1, 1);
        var separator = match.Groups["repeat"].Value == "/" ? "\n"u8.ToArray() : " "u8.ToArray();
        return new Slot(bank, stable, min, max, separator);
    }

    [GeneratedRegex(@"«(?<stable>=)?(?:(?<low>\d+)-(?<high>\d+)|(?<name>[a-z_]+)(?:(?<repeat>[*/])(?<min>\d+)-(?<max>\d+))?)»")]
    private static partial Regex SlotPattern();

    private abstract class Segment
    {
        public abstract void Render(PromptText text, ref SimulationRandom random, ref SimulationRandom theme);
    }

    private sealed class Literal(byte[] bytes) : Segment
    {
        public override void Render(PromptText text, ref SimulationRandom random, ref SimulationRandom theme) => text.Append(bytes);
    }

    private sealed class Number(int min, int max, bool stable) : Segment
    {
        public override void Render(PromptText text, ref SimulationRandom random, ref SimulationRandom theme) =>
            text.Append(stable ? theme.Between(min, max) : random.Between(min, max));
    }

    private sealed class Slot(SlotBank bank, bool stable, int min, int max, byte[] separator) : Segment
    {
        public override void Render(PromptText text, ref SimulationRandom random, ref SimulationRandom theme)
        {
            ref var source = ref stable ? ref theme : ref random;
            var count = min == max ? min : source.Between(min, max);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    text.Append(separator);
                }

                bank.Items[source.Next(bank.Items.Length)].Render(text, ref source, ref theme);
            }
        }
    }
}

/// <summary>A named list of slot fillers; each filler is itself a template.</summary>
internal sealed class SlotBank(string name)
{
    public string Name { get; } = name;

    public PromptTemplate[] Items { get; set; } = [];
}
