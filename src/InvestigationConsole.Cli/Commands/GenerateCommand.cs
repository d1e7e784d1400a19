using System.CommandLine;
using System.Globalization;
using InvestigationConsole.Application.Simulation;
using InvestigationConsole.Cli.Rendering;
using Spectre.Console;

namespace InvestigationConsole.Cli.Commands;

/// <summary>Writes a simulated gateway export (and truth.json) to a folder; needs no database.</summary>
internal static class GenerateCommand
{
    public static Command Build()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "Which population to simulate.",
            DefaultValueFactory = _ => ScenarioNames.Demo,
        };
        scenario.AcceptOnlyFromAmong([.. ScenarioNames.All]);
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives byte-identical files.", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the export files and truth.json to.", Required = true };
        var gzip = new Option<bool>("--gzip") { Description = "Write .jsonl.gz files." };
        var badLines = new Option<bool>("--bad-lines") { Description = "Inject a few contract-violating lines (listed in truth.json)." };
        var end = new Option<DateOnly?>("--end")
        {
            Description = "Last day of the window is the day before this date (YYYY-MM-DD, UTC). Default: tomorrow.",
            CustomParser = ParseDate,
        };
        var command = new Command("generate", "Simulate a gateway export: benign customers and distillation campaigns, with their ground truth.")
        {
            scenario, seed, output, gzip, badLines, end,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var endDate = parse.GetValue(end) ?? DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(1);
            return RunAsync(
                new ScenarioOptions
                {
                    ScenarioName = parse.GetValue(scenario)!,
                    Seed = parse.GetValue(seed),
                    OutputDirectory = parse.GetValue(output)!.FullName,
                    End = new DateTimeOffset(endDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    Gzip = parse.GetValue(gzip),
                    InjectBadLines = parse.GetValue(badLines),
                },
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        ScenarioSummary summary;
        try
        {
            summary = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ThroughputColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"{options.ScenarioName}: starting", maxValue: 1);
                    var started = TimeProvider.System.GetTimestamp();
                    var result = await new ScenarioGenerator().GenerateAsync(options, new DaysProgress(task, started), cancellationToken);
                    task.Value = task.MaxValue;
                    task.StopTask();
                    return result;
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"Cancelled; {options.OutputDirectory} holds an incomplete export.");
            return IngestCommand.CancelledExitCode;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot write to {options.OutputDirectory}: {ex.Message}");
            return 1;
        }

        AnsiConsole.Write(SummaryTable(summary, options.OutputDirectory));
        return 0;
    }

    private static Table SummaryTable(ScenarioSummary s, string folder)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        var table = new Table().HideHeaders().AddColumns("", "");
        table.AddRow("scenario", $"{s.Scenario} (seed {s.Seed})");
        table.AddRow("window", $"{s.Start:yyyy-MM-dd} to {s.End.AddTicks(-1):yyyy-MM-dd} (UTC)");
        table.AddRow("accounts", $"{N(s.Accounts)} ({N(s.CampaignAccounts)} in campaigns)");
        table.AddRow("requests", $"{N(s.Requests)} ({N(s.CampaignRequests)} from campaigns)");
        table.AddRow("bad lines", N(s.BadLines));
        table.AddRow("files", $"{N(s.Files.Count)} in {Markup.Escape(folder)}");
        table.AddRow("bytes", $"{N(s.BytesWritten)} ({s.BytesWritten / 1048576.0:N1} MiB)");
        table.AddRow("time", $"{s.Elapsed.TotalSeconds:N1} s, {N((long)s.LinesPerSecond)} requests/s");
        return table;
    }

    private static DateOnly? ParseDate(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"--end must be a date as YYYY-MM-DD, not '{text}'.");
        return null;
    }

    /// <summary>Days simulated against the window's days; lines written and their rate beside the bar.</summary>
    private sealed class DaysProgress(ProgressTask task, long started) : IProgress<ScenarioProgress>
    {
        public void Report(ScenarioProgress value)
        {
            var fraction = value.DaysTotal == 0 ? 0 : (double)value.DaysDone / value.DaysTotal;
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            task.Description = Markup.Escape(value.CurrentFile ?? value.Stage);
            task.Value = fraction;
            task.Tag = new Throughput(
                value.LinesWritten,
                value.LinesWritten / Math.Max(elapsed.TotalSeconds, 1e-3),
                fraction is > 0 and < 1 ? elapsed * ((1 - fraction) / fraction) : null);
        }
    }
}
