using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace InvestigationConsole.Cli.Rendering;

/// <summary>How fast a long-running task goes and how long it has left; kept in <see cref="ProgressTask.Tag"/>.</summary>
/// <param name="AllRead">Every line is read and written; the file's hourly rollups are still being written.</param>
internal sealed record Throughput(long Lines, double LinesPerSecond, TimeSpan? Remaining, bool AllRead = false);

/// <summary>Renders a task's <see cref="Throughput"/>: lines so far, lines per second and the time left.</summary>
internal sealed class ThroughputColumn : ProgressColumn
{
    // Kept to one line (at most 40 characters): in an 80-column terminal the bar gives way, not the figures.
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        if (task.Tag is not Throughput throughput)
        {
            return new Markup("[grey]starting…[/]");
        }

        var eta = task.IsFinished ? "done"
            : throughput.AllRead ? "writing rollups…"
            : throughput.Remaining is { } left ? $"ETA {left:hh\\:mm\\:ss}" : "ETA --:--:--";
        return new Markup(string.Create(
            CultureInfo.InvariantCulture,
            $"{throughput.Lines,10:N0} lines  [blue]{Rate(throughput.LinesPerSecond),6}/s[/]  [grey]{eta}[/]"));
    }

    /// <summary>Lines per second in three or four figures: 950, 41.3k, 1.2M.</summary>
    internal static string Rate(double perSecond) => perSecond switch
    {
        < 1_000 => perSecond.ToString("0", CultureInfo.InvariantCulture),
        < 1_000_000 => (perSecond / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => (perSecond / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
    };
}
