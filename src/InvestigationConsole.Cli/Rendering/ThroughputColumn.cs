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
            $"{throughput.Lines,12:N0} lines  [blue]{throughput.LinesPerSecond,9:N0} lines/s[/]  [grey]{eta}[/]"));
    }
}
