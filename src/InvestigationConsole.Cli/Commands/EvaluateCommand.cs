using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using InvestigationConsole.Application.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace InvestigationConsole.Cli.Commands;

/// <summary>Judges the stored scores and clusters against a generated scenario's truth.json.</summary>
internal static class EvaluateCommand
{
    public static Command Build()
    {
        var truth = new Option<string>("--truth") { Description = "The truth.json written by `generate` next to the export.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON document." };
        var command = new Command("evaluate", "Precision and recall of the flags, ROC AUC of the scores, adjusted Rand index of the clusters against the campaigns, false flags per benign kind.")
        {
            truth, json,
        };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(
            (services, ct) => RunAsync(services, parse.GetValue(truth)!, parse.GetValue(json), ct), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string truth, bool json, CancellationToken cancellationToken)
    {
        EvaluationReport report;
        try
        {
            report = await services.GetRequiredService<DetectionEvaluation>().EvaluateAsync(truth, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or UnauthorizedAccessException or KeyNotFoundException)
        {
            await Console.Error.WriteLineAsync($"Cannot read {truth}: {ex.Message}");
            return 1;
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            return 0;
        }

        static string P(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var metrics = new Table().AddColumns("Metric", "Value");
        metrics.Columns[1].RightAligned();
        metrics.AddRow("accounts (in truth)", N(report.Accounts));
        metrics.AddRow("campaign accounts", N(report.CampaignAccounts));
        metrics.AddRow("flagged", N(report.Flagged));
        metrics.AddRow("true / false positives", $"{N(report.TruePositives)} / {N(report.FalsePositives)}");
        metrics.AddRow("missed campaign accounts", N(report.FalseNegatives));
        metrics.AddRow("[bold]precision[/]", P(report.Precision));
        metrics.AddRow("[bold]recall[/]", P(report.Recall));
        metrics.AddRow("F1", P(report.F1));
        metrics.AddRow("[bold]ROC AUC[/] (score)", P(report.RocAuc));
        metrics.AddRow("[bold]adjusted Rand[/] (clusters vs campaigns)", P(report.AdjustedRandIndex));
        metrics.AddRow("campaigns / clusters", $"{N(report.Campaigns)} / {N(report.Clusters)}");
        if (report.MissingFromDatabase > 0)
        {
            metrics.AddRow("[yellow]not in the database[/]", N(report.MissingFromDatabase));
        }

        AnsiConsole.Write(metrics);
        var kinds = new Table().AddColumns("Benign kind", "Flagged", "Accounts", "Rate");
        foreach (var column in kinds.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var kind in report.FalseFlagsByKind)
        {
            kinds.AddRow(Markup.Escape(kind.Kind), N(kind.Flagged), N(kind.Total), kind.Rate.ToString("0.0%", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(kinds);
        return 0;
    }
}
