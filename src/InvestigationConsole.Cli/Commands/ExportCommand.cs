using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using InvestigationConsole.Application.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Cli.Commands;

/// <summary>Exports stored results for other tools: <c>export accounts</c> writes one row per account.</summary>
internal static class ExportCommand
{
    public static Command Build()
    {
        var format = new Option<string>("--format") { Description = "jsonl or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string>("--out") { Description = "The file to write (replaced if it exists).", Required = true };
        var accounts = new Command("accounts", "One row per account: account_id, risk_score, flagged, cluster_id (null when alone), top_signals (strongest first).")
        {
            format, output,
        };
        accounts.SetAction((parse, cancellationToken) => CliHost.RunAsync(
            (services, ct) => ExportAccountsAsync(services, parse.GetValue(format)!, parse.GetValue(output)!, ct), cancellationToken));
        return new Command("export", "Export the console's results to files.") { accounts };
    }

    private static async Task<int> ExportAccountsAsync(IServiceProvider services, string format, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var rows = 0;
        await using (var writer = new StreamWriter(full, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            if (format == "csv")
            {
                await writer.WriteLineAsync("account_id,risk_score,flagged,cluster_id,top_signals");
            }

            await foreach (var row in services.GetRequiredService<AccountRiskExport>().ReadAsync(cancellationToken))
            {
                await writer.WriteLineAsync(format == "csv" ? Csv(row) : Jsonl(row));
                rows++;
            }
        }

        await Console.Error.WriteLineAsync($"Wrote {rows.ToString("N0", CultureInfo.InvariantCulture)} accounts to {full}");
        return 0;
    }

    public static string Jsonl(AccountRiskRow row) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["account_id"] = row.AccountId,
        ["risk_score"] = row.RiskScore,
        ["flagged"] = row.Flagged,
        ["cluster_id"] = row.ClusterId,
        ["top_signals"] = row.TopSignals,
    });

    public static string Csv(AccountRiskRow row) => string.Join(',',
        Field(row.AccountId),
        row.RiskScore?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
        row.Flagged ? "true" : "false",
        Field(row.ClusterId ?? ""),
        Field(string.Join(';', row.TopSignals)));

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
