using System.Diagnostics;

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Simulates a gateway export (accounts.jsonl, one requests-YYYY-MM-DD.jsonl per day, truth.json)
/// with benign customers and distillation campaigns. The same options give byte-identical files.
/// Memory holds the accounts and one day of exchanges; prompts are composed only while writing.
/// </summary>
public sealed class ScenarioGenerator
{
    public async Task<ScenarioSummary> GenerateAsync(
        ScenarioOptions options, IProgress<ScenarioProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory);
        var plan = ScenarioCatalog.Get(options.ScenarioName);
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(options.OutputDirectory);

        var world = await Task.Run(() => new SimulationWorld(plan, options.Seed, options.End), cancellationToken);
        var clock = world.Clock;
        var files = new List<string>();
        var lines = 0L;
        void Report(string stage, int days, string? file) =>
            progress?.Report(new ScenarioProgress(stage, lines, files.Count, days, clock.DayCount, file));

        var registryName = ExportFile.Name(AccountRegistryWriter.Stem, options.Gzip);
        Report("accounts", 0, registryName);
        var badLines = new List<BadLine>(await AccountRegistryWriter.WriteAsync(
            world, Path.Combine(options.OutputDirectory, registryName), options.Gzip, options.InjectBadLines, cancellationToken));
        files.Add(registryName);

        var tally = new TrafficTally(world);
        var ledger = new DayLedger(clock.StartTicks, clock.EndTicks);
        var writer = new RequestLogWriter(world, options.Gzip);
        var days = new Exchange[2][];
        days[0] = days[1] = [];

        // Two stages: while one day is written, the next one is simulated on the other core.
        Task<int> Simulate(int day) => Task.Run(
            () =>
            {
                ledger.Open(clock.DayStart(day), days[day % 2]);
                foreach (var cohort in world.Cohorts)
                {
                    cohort.EmitDay(day, ledger);
                }

                days[day % 2] = ledger.Sorted();
                tally.Count(days[day % 2], ledger.Count);
                return ledger.Count;
            },
            cancellationToken);

        Task<int>? next = Simulate(0);
        try
        {
            for (var day = 0; day < clock.DayCount; day++)
            {
                var count = await next!;
                next = day + 1 < clock.DayCount ? Simulate(day + 1) : null;
                var defects = options.InjectBadLines ? DefectPlanner.For(world.SeedKey, day, count) : [];
                var fileName = writer.FileName(day);
                badLines.AddRange(defects.Select((d, j) => new BadLine(fileName, d.Before + j + 1, DefectPlanner.Reason(d.Defect))));
                Report("requests", day, fileName);
                await writer.WriteDayAsync(
                    Path.Combine(options.OutputDirectory, fileName),
                    day,
                    days[day % 2],
                    count,
                    defects,
                    written =>
                    {
                        lines += written;
                        Report("requests", day, fileName);
                    },
                    cancellationToken);
                files.Add(fileName);
            }
        }
        finally
        {
            if (next is not null)
            {
                await Task.WhenAny(next);
            }
        }

        Report("truth", clock.DayCount, GroundTruthWriter.FileName);
        await GroundTruthWriter.WriteAsync(world, tally, badLines, Path.Combine(options.OutputDirectory, GroundTruthWriter.FileName), cancellationToken);
        files.Add(GroundTruthWriter.FileName);
        Report("done", clock.DayCount, null);

        var accounts = world.Population.Accounts;
        return new ScenarioSummary(
            plan.Name,
            options.Seed,
            clock.Start,
            clock.End,
            accounts.Count,
            accounts.Count(a => a.IsCampaign),
            tally.Requests,
            tally.CampaignRequests,
            badLines.Count,
            files,
            files.Sum(f => new FileInfo(Path.Combine(options.OutputDirectory, f)).Length),
            stopwatch.Elapsed);
    }
}
