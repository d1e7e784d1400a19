using System.CommandLine;
using System.Globalization;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Cli.Ingestion;
using InvestigationConsole.Cli.Rendering;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace InvestigationConsole.Cli.Commands;

/// <summary>
/// Ingests export files in the foreground through the same ledger and runner as the drop folder: each file is
/// registered (source "cli") and run at once. Ctrl+C stops at the last committed batch; the same command resumes there.
/// </summary>
internal static class IngestCommand
{
    public const int CancelledExitCode = 130;

    public static Command Build()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Export files, or folders whose accounts*/requests* files are ingested (accounts first, then by name).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "No progress display: print one JSON document with each file's outcome and the totals." };
        var command = new Command("ingest", "Ingest gateway export files (.jsonl, .jsonl.gz) into the console's database.") { paths, json };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(
            (services, ct) => RunAsync(services, parse.GetValue(paths)!, parse.GetValue(json), ct), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string[] paths, bool json, CancellationToken cancellationToken)
    {
        var selection = ExportSelection.Resolve(paths);
        var outcomes = selection.Problems.Select(p => IngestOutcome.Refused(p.Name, p.Message)).ToList();
        var ledger = services.GetRequiredService<IngestLedger>();
        var runner = services.GetRequiredService<IngestionRunner>();
        try
        {
            if (json || !AnsiConsole.Profile.Capabilities.Interactive)
            {
                // Redirected output gets no live bars (they would print as stray lines): each file's outcome as it completes.
                await using var files = new FilesAhead(selection.Files, cancellationToken);
                while (await files.NextAsync() is { } file)
                {
                    var outcome = await IngestAsync(ledger, runner, file, progress: null, cancellationToken);
                    outcomes.Add(outcome);
                    if (!json)
                    {
                        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"{Markup.Escape(outcome.Name)}: {outcome.Status}, {outcome.Accepted:N0} accepted");
                    }
                }
            }
            else
            {
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ThroughputColumn())
                    .StartAsync(async context =>
                    {
                        await using var files = new FilesAhead(selection.Files, cancellationToken);
                        while (await files.NextAsync() is { } file)
                        {
                            var task = context.AddTask(Markup.Escape(Path.GetFileName(file.Path)), maxValue: 1);
                            outcomes.Add(await IngestAsync(ledger, runner, file, new TaskProgress(task), cancellationToken));
                            task.Value = task.MaxValue;
                            task.StopTask();
                        }
                    });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync(
                "Cancelled. Every committed batch is kept with its checkpoint; run the same command again to resume where it stopped.");
            return CancelledExitCode;
        }

        if (Console.IsOutputRedirected)
        {
            // A file or a pipe has no width: do not squeeze the table into the 80 columns Spectre assumes then.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        }

        if (json)
        {
            Console.WriteLine(IngestReport.Of(outcomes).ToJson());
        }
        else
        {
            AnsiConsole.Write(SummaryTable(outcomes));
        }

        foreach (var outcome in outcomes.Where(o => o.Error is not null))
        {
            await Console.Error.WriteLineAsync(outcome.Error);
        }

        return outcomes.All(o => o.Processed) ? 0 : 1;
    }

    private static async Task<IngestOutcome> IngestAsync(
        IngestLedger ledger, IngestionRunner runner, FilesAhead.Identified identified, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var path = identified.Path;
        if (identified.Identity is not { } identity)
        {
            return IngestOutcome.Refused(path, identified.Refusal ?? "cannot be read");
        }

        var (file, known) = await ledger.RegisterAsync(identity, "cli", cancellationToken);

        // The same bytes ingested before change nothing; a file that was stopped part-way resumes from its checkpoint.
        if (known && file.Status == IngestStatus.Completed)
        {
            return IngestOutcome.Of(IngestFileSummary.Of(file, alreadyIngested: true)) with { Name = Path.GetFileName(path) };
        }

        return IngestOutcome.Of(await runner.RunAsync(file.Id, progress, cancellationToken));
    }

    private static Table SummaryTable(IReadOnlyList<IngestOutcome> outcomes)
    {
        static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        // Fits an 80-column terminal: the file name is the only column that gives way (cut with an ellipsis); a file's
        // stream is in its name (accounts*, requests*), the totals rows name theirs.
        var table = new Table().AddColumns("File", "Status", "Accepted", "Duplicates", "Rejected");
        foreach (var column in table.Columns.Skip(1))
        {
            column.NoWrap();
        }

        foreach (var column in table.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var o in outcomes)
        {
            var status = o.Processed ? o.Status : $"[red]{o.Status}[/]";
            table.AddRow(new Text(o.Name).Overflow(Overflow.Ellipsis), new Markup(status), new Text(Count(o.Accepted)), new Text(Count(o.Duplicates)),
                new Text(Count(o.Rejected)));
        }

        foreach (var (stream, totals) in IngestReport.Of(outcomes).Totals)
        {
            table.AddRow($"[bold]total {stream}[/]", "", $"[bold]{Count(totals.Accepted)}[/]", $"[bold]{Count(totals.Duplicates)}[/]", $"[bold]{Count(totals.Rejected)}[/]");
        }

        return table;
    }

    /// <summary>Moves a file's progress bar; the runner reports after every committed batch.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value)
        {
            // A task at its maximum counts as finished: the bar stops just short of it until the file's rollups are written.
            task.Value = value.Finished ? task.MaxValue : Math.Min(value.Fraction, 0.999);
            task.Tag = new Throughput(value.LinesRead, value.LinesPerSecond, value.Remaining, AllRead: value.Fraction >= 1 && !value.Finished);
        }
    }
}
