using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// <c>incremental --data DIR --hour FILE [--hour FILE ...]</c>: incremental runs as the web app's job server makes them,
/// in one long-lived process. A first incremental run (not counted) leaves the process holding its analyses
/// (ADR-007); then each hour file is ingested through the real ledger and runner, and the incremental run after it is
/// timed. <b>Writes to DIR</b> (a scored copy of the seed database): the hours are ingested into it and the results
/// stored, as in production. With <c>DetectionRuns__KeepAnalysesInMemory=false</c> every run reads from the store,
/// for comparison in the same process.
/// </summary>
internal static class IncrementalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Arguments.Option(args, "--data");
        var hours = Arguments.Options(args, "--hour");
        if (data is null || hours.Length == 0)
        {
            Console.Error.WriteLine("incremental needs --data DIR (a scored database; it is written to) and at least one --hour FILE");
            return 2;
        }

        using var host = await BenchmarkHost.StartAsync(Path.GetFullPath(data));
        var services = host.Services;
        // What the web app does when it starts (DetectionWarmupService): the first hour then finds the process warm.
        var warm = await RunAsync(services, DetectionRecompute.WarmUpTrigger);
        Report("warm-up", warm);
        foreach (var hour in hours)
        {
            var ingest = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
            {
                var ledger = scope.ServiceProvider.GetRequiredService<IngestLedger>();
                var runner = scope.ServiceProvider.GetRequiredService<IngestionRunner>();
                var (file, known) = await ledger.RegisterAsync(Path.GetFullPath(hour), "benchmark", CancellationToken.None);
                if (!known || file.Status != IngestStatus.Completed)
                {
                    var summary = await runner.RunAsync(file.Id, progress: null, CancellationToken.None);
                    Phases.Progress(FormattableString.Invariant(
                        $"ingested {Path.GetFileName(hour)}: {summary.Accepted:N0} accepted, {summary.Duplicates:N0} duplicates, {summary.Rejected:N0} rejected in {ingest.Elapsed.TotalSeconds:0.0} s"));
                }
                else
                {
                    Phases.Progress($"{Path.GetFileName(hour)} was ingested before: the run after it has nothing new to read");
                }
            }

            Report(Path.GetFileName(hour), await RunAsync(services, "benchmark"));
        }

        Console.WriteLine(FormattableString.Invariant($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:0.00} GB"));
        return 0;
    }

    private static async Task<RunMeasure> RunAsync(IServiceProvider services, string trigger)
    {
        await using var scope = services.CreateAsyncScope();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var recompute = scope.ServiceProvider.GetRequiredService<DetectionRecompute>();
        var summary = trigger == DetectionRecompute.WarmUpTrigger
            ? await recompute.WarmUpAsync(CancellationToken.None) ?? throw new InvalidOperationException("no warm-up run: the data needs a completed run and none pending")
            : await recompute.RunAsync(DetectionRunKind.Incremental, trigger, progress: null, CancellationToken.None);
        return new RunMeasure(
            summary,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            (GC.GetTotalPauseDuration() - paused).TotalSeconds,
            (GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1e9,
            [GC.CollectionCount(0) - collections[0], GC.CollectionCount(1) - collections[1], GC.CollectionCount(2) - collections[2]]);
    }

    /// <summary>A run's summary, the process's CPU and GC pauses during it, what it allocated and its collections by generation.</summary>
    private sealed record RunMeasure(DetectionRunSummary Summary, double CpuSeconds, double GcPauseSeconds, double AllocatedGb, int[] Collections);

    private static void Report(string name, RunMeasure run)
    {
        var s = run.Summary;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: run {s.RunId} {s.Status} in {s.Duration.TotalSeconds:0.00} s ({run.CpuSeconds:0.0} s CPU, GC pauses {run.GcPauseSeconds:0.00} s); {s.AccountsAnalysed:N0} accounts read, {s.RequestsRead:N0} requests; {s.ScoreChanges:N0} score changes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  allocated {run.AllocatedGb:0.00} GB; collections gen0 {run.Collections[0]}, gen1 {run.Collections[1]}, gen2 {run.Collections[2]}"));
        Console.WriteLine($"  phases {JsonSerializer.Serialize(s.PhaseSeconds)}");
        Console.WriteLine($"  counts {JsonSerializer.Serialize(s.Counts)}");

        // After the run, outside its clock: what the process keeps until the next one (the held analyses, scores and states).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  managed heap after the run {GC.GetTotalMemory(forceFullCollection: true) / 1e9:0.00} GB"));
    }
}
