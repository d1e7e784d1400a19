using InvestigationConsole.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace InvestigationConsole.Cli.Tests;

public sealed class ThroughputColumnTests
{
    [Fact]
    public void Render_Reading_ShowsLinesRateAndTimeLeft()
    {
        var task = new ProgressTask(1, "requests.jsonl", maxValue: 1) { Value = 0.5, Tag = new Throughput(20_000, 41_000, TimeSpan.FromSeconds(75)) };

        var text = Render(task);

        Assert.Contains("20,000 lines", text, StringComparison.Ordinal);
        Assert.Contains("41k/s", text, StringComparison.Ordinal);
        Assert.Contains("ETA 00:01:15", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryLineReadRollupsPending_SaysSoInsteadOfAnUnknownTime()
    {
        var task = new ProgressTask(1, "requests.jsonl", maxValue: 1) { Value = 0.999, Tag = new Throughput(390_000, 41_000, null, AllRead: true) };

        var text = Render(task);

        Assert.Contains("writing rollups…", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ETA", text, StringComparison.Ordinal);
        Assert.False(task.IsFinished);
    }

    [Fact]
    public void Render_Finished_SaysDone()
    {
        var task = new ProgressTask(1, "requests.jsonl", maxValue: 1) { Value = 1, Tag = new Throughput(390_000, 41_000, null) };

        Assert.Contains("done", Render(task), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(950, "950")]
    [InlineData(41_349, "41.3k")]
    [InlineData(1_240_000, "1.2M")]
    public void Rate_IsThreeOrFourFigures(double perSecond, string expected) => Assert.Equal(expected, ThroughputColumn.Rate(perSecond));

    [Fact]
    public void Render_SeedSizedFile_StaysOnOneLineOfAtMost40Characters()
    {
        var task = new ProgressTask(1, "requests.jsonl", maxValue: 1) { Value = 0.5, Tag = new Throughput(16_003_155, 41_349, TimeSpan.FromMinutes(7)) };

        var text = Render(task).TrimEnd('\n', '\r');

        Assert.DoesNotContain('\n', text);
        Assert.InRange(text.Length, 1, 40);
    }

    private static string Render(ProgressTask task)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        IRenderable cell = new ThroughputColumn().Render(RenderOptions.Create(console), task, TimeSpan.Zero);
        console.Write(cell);
        return output.ToString();
    }
}
