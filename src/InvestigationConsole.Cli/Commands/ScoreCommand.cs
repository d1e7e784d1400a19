using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Risk;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace InvestigationConsole.Cli.Commands;

/// <summary>Recomputes risk scores and clusters in the foreground: the same use case as the background jobs.</summary>
internal static class ScoreCommand
{
    public static Command Build()
    {
        var incremental = new Option<bool>("--incremental") { Description = "Re-read only the accounts whose traffic changed since their stored analysis." };
        var json = new Option<bool>("--json") { Description = "No progress display: print the run's summary as one JSON document." };
        var command = new Command("score", "Recompute every account's risk score and the account clusters from the stored requests.") { incremental, json };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(
            (services, ct) => RunAsync(services, parse.GetValue(incremental), parse.GetValue(json), ct), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, bool incremental, bool json, CancellationToken cancellationToken)
    {
        var recompute = services.GetRequiredService<DetectionRecompute>();
        var kind = incremental ? DetectionRunKind.Incremental : DetectionRunKind.Full;
        DetectionRunSummary summary;
        try
        {
            if (json || !AnsiConsole.Profile.Capabilities.Interactive)
            {
                summary = await recompute.RunAsync(kind, "cli", progress: null, cancellationToken);
            }
            else
            {
                summary = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("loading", maxValue: 1);
                        var result = await recompute.RunAsync(kind, "cli", new TaskProgress(task), cancellationToken);
                        task.Value = 1;
                        return result;
                    });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled. Nothing of this run was written; the stored results are the previous run's.");
            return IngestCommand.CancelledExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"Detection run failed: {ex.Message}");
            return 1;
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                runId = summary.RunId,
                kind = summary.Kind.ToString().ToLowerInvariant(),
                status = summary.Status.ToString().ToLowerInvariant(),
                accounts = summary.Accounts,
                accountsAnalysed = summary.AccountsAnalysed,
                requestsRead = summary.RequestsRead,
                flagged = summary.Flagged,
                clusters = summary.Clusters,
                campaignClusters = summary.CampaignClusters,
                scoreChanges = summary.ScoreChanges,
                seconds = Math.Round(summary.Duration.TotalSeconds, 3),
                phaseSeconds = summary.PhaseSeconds,
                counts = summary.Counts,
            }, CliJson.Options));
        }
        else
        {
            AnsiConsole.Write(SummaryTable(summary));
        }

        return 0;
    }

    private static Table SummaryTable(DetectionRunSummary s)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        var table = new Table().AddColumns("Run", "Value");
        table.Columns[1].RightAligned();
        table.AddRow("run", $"#{s.RunId} ({s.Kind.ToString().ToLowerInvariant()})");
        table.AddRow("accounts", N(s.Accounts));
        table.AddRow("accounts re-read", N(s.AccountsAnalysed));
        table.AddRow("requests read", N(s.RequestsRead));
        table.AddRow("flagged", $"[bold]{N(s.Flagged)}[/]");
        table.AddRow("clusters (campaigns)", $"{N(s.Clusters)} ({N(s.CampaignClusters)})");
        table.AddRow("score changes", N(s.ScoreChanges));
        foreach (var (phase, seconds) in s.PhaseSeconds)
        {
            table.AddRow($"  {phase}", $"{seconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        }

        table.AddRow("total", $"{s.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        foreach (var (name, count) in s.Counts)
        {
            table.AddRow(name switch
            {
                DetectionRunCounts.Resumed => "accounts resumed from their state",
                DetectionRunCounts.ResumeFallbacks => "states unusable (read in full)",
                DetectionRunCounts.StatesStored => "analyzer states stored",
                DetectionRunCounts.FromMemory => "analyses held in memory",
                DetectionRunCounts.StatesFromMemory => "states held in memory",
                DetectionRunCounts.StatesPreloaded => "untouched states brought into memory",
                DetectionRunCounts.ScoresKept => "scores kept (not rescored)",
                DetectionRunCounts.LinksRelinked => "accounts relinked (others' links kept)",
                DetectionRunCounts.LinksRecounted => "pair rows counted again (others copied)",
                DetectionRunCounts.ClustersReused => "clusters described as before",
                _ => name,
            }, N(count));
        }

        return table;
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<DetectionProgress>
    {
        public void Report(DetectionProgress value)
        {
            task.Value = value.Fraction;
            task.Description = value.Phase == DetectionPhase.Reading
                ? $"reading {value.AccountsDone.ToString("N0", CultureInfo.InvariantCulture)}/{value.AccountsTotal.ToString("N0", CultureInfo.InvariantCulture)} accounts"
                : value.Phase.ToString().ToLowerInvariant();
        }
    }
}

internal static class CliJson
{
    // NaN (an AUC with one class empty) is written as "NaN" rather than failing the command.
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
