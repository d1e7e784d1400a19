using System.Diagnostics;
using System.Globalization;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Benchmarks;

/// <summary>(b) The real thing: every file registered in the ledger and run by the production <see cref="IngestionRunner"/>, in order.</summary>
internal static class IngestPhase
{
    public static async Task<Dictionary<string, double>> RunAsync(string dataFolder, string[] files)
    {
        var clock = new TimedIngestStore.Clock();
        using var host = await BenchmarkHost.StartAsync(dataFolder, services => BenchmarkHost.TimeIngestStore(services, clock));
        var ledger = host.Services.GetRequiredService<IngestLedger>();
        var runner = host.Services.GetRequiredService<IngestionRunner>();
        var figures = new Dictionary<string, double>();
        void Add(string key, double value) => figures[key] = figures.GetValueOrDefault(key) + value;

        var total = Stopwatch.StartNew();
        foreach (var path in files)
        {
            var watch = Stopwatch.StartNew();
            var (file, _) = await ledger.RegisterAsync(path, "benchmark", CancellationToken.None);
            var registered = watch.Elapsed;
            var summary = await runner.RunAsync(file.Id, progress: null, CancellationToken.None);
            if (summary.Status != IngestStatus.Completed)
            {
                throw new InvalidOperationException($"{summary.FileName}: {summary.Status} {summary.Error}");
            }

            var stream = summary.Stream == GatewayStreamKind.Accounts ? "accounts" : "requests";
            Add($"{stream}_seconds", watch.Elapsed.TotalSeconds);
            Add($"{stream}_lines", summary.LinesRead);
            Add($"{stream}_accepted", summary.Accepted);
            Add("register_seconds", registered.TotalSeconds);
            Phases.Progress(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {summary.FileName} {summary.LinesRead:N0} lines in {watch.Elapsed.TotalSeconds:N1} s ({summary.LinesRead / watch.Elapsed.TotalSeconds:N0} lines/s)"));
        }

        figures["total_seconds"] = total.Elapsed.TotalSeconds;
        figures["snapshot_seconds"] = clock.Snapshot.TotalSeconds;
        figures["lookup_seconds"] = clock.Lookups.TotalSeconds;
        figures["commit_seconds"] = clock.Commits.TotalSeconds;
        figures["batches"] = clock.Batches;
        figures["database_bytes"] = RawInsertPhase.DatabaseBytes(dataFolder);
        return figures;
    }
}
