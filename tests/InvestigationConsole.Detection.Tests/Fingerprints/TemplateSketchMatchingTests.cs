using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Tests.Support;

namespace InvestigationConsole.Detection.Tests.Fingerprints;

/// <summary>Measured match rates: what the sketch promises the linking and clustering code.</summary>
public class TemplateSketchMatchingTests
{
    private const int Pairs = 2000;

    private static readonly string[] Cities = ["Lyon", "Osaka", "Denver", "Porto", "Leeds", "Pune", "Graz", "Hilo", "Cork", "Tartu"];
    private static readonly string[] Artifacts = ["essay", "answer", "summary", "proof", "poem", "translation", "solution", "review"];
    private static readonly string[] Criteria = ["accuracy", "tone", "concision", "rigour", "style", "safety", "relevance", "depth"];
    private static readonly string[] Modules = ["billing", "parser", "scheduler", "cache", "auth", "exporter", "router", "ledger"];

    private static readonly Func<SyntheticPrompts, string>[] Families =
    [
        p => $"Solve the following problem. Think step by step and write out every intermediate step of your reasoning before giving the final answer: a train leaves {p.Pick(Cities)} at {p.Random.Next(40, 300)} km/h while another leaves {p.Pick(Cities)} at {p.Random.Next(40, 300)} km/h; when do they meet?",
        p => $"You are an impartial judge. Score the following {p.Pick(Artifacts)} from 1 to 10 against the rubric below, weighing {p.Pick(Criteria)} and clarity, then justify the score in two sentences. Rubric: correctness, completeness, {p.Pick(Criteria)}.",
        p => $"You have access to the following tools: read_file, write_file, run_tests. Fix the failing test in the {p.Pick(Modules)} module so that it handles {p.Pick(Criteria)} correctly, then run the whole suite and report what changed.",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SharedBands_TemplatedVariantsWithFilledSlots_ShareABandAtLeast95Percent(int slots)
    {
        var prompts = new SyntheticPrompts(seed: 1000 + slots);
        var shared = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var frame = prompts.Frame(prompts.Random.Next(25, 36));
            var positions = prompts.SlotPositions(frame.Length, slots);
            var first = TemplateSketch.Compute(prompts.Fill(frame, positions));
            var second = TemplateSketch.Compute(prompts.Fill(frame, positions));
            shared += first.SharedBands(second) > 0 ? 1 : 0;
        }

        Assert.InRange(shared / (double)Pairs, 0.95, 1.0);
    }

    [Fact]
    public void SharedBands_UnrelatedPrompts_ShareABandAtMost2Percent()
    {
        var prompts = new SyntheticPrompts(seed: 2000);
        var shared = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var first = TemplateSketch.Compute(prompts.Unrelated(prompts.Random.Next(20, 60)));
            var second = TemplateSketch.Compute(prompts.Unrelated(prompts.Random.Next(20, 60)));
            shared += first.SharedBands(second) > 0 ? 1 : 0;
        }

        Assert.InRange(shared / (double)Pairs, 0.0, 0.02);
    }

    [Fact]
    public void SharedBands_VariantsOfRealisticTemplates_ShareABandAtLeast95Percent()
    {
        var prompts = new SyntheticPrompts(seed: 3000);
        var shared = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var family = Families[i % Families.Length];
            shared += TemplateSketch.Compute(family(prompts)).SharedBands(TemplateSketch.Compute(family(prompts))) > 0 ? 1 : 0;
        }

        Assert.InRange(shared / (double)Pairs, 0.95, 1.0);
    }

    [Fact]
    public void SharedBands_VariantsOfDifferentTemplates_ShareABandAtMost2Percent()
    {
        var prompts = new SyntheticPrompts(seed: 4000);
        var shared = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var first = Families[i % Families.Length](prompts);
            var second = Families[(i + 1) % Families.Length](prompts);
            shared += TemplateSketch.Compute(first).SharedBands(TemplateSketch.Compute(second)) > 0 ? 1 : 0;
        }

        Assert.InRange(shared / (double)Pairs, 0.0, 0.02);
    }

    [Fact]
    public void SharedBands_ChineseTemplateVariants_ShareABand()
    {
        string[] topics = ["光合作用", "量子纠缠", "通货膨胀", "板块构造", "免疫系统", "区块链", "黑洞", "气候变化"];
        var shared = 0;
        var pairs = 0;
        foreach (var first in topics)
        {
            foreach (var second in topics.Where(topic => topic != first))
            {
                shared += TemplateSketch.Compute(Explain(first)).SharedBands(TemplateSketch.Compute(Explain(second))) > 0 ? 1 : 0;
                pairs++;
            }
        }

        Assert.InRange(shared / (double)pairs, 0.95, 1.0);

        static string Explain(string topic) => $"请一步一步地详细解释{topic}的原理，写出你完整的推理过程，然后给出最终答案。";
    }
}
