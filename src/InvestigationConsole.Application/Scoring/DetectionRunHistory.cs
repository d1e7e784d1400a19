using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Scoring;

/// <summary>The most recent detection runs, newest first, for the admin page.</summary>
public sealed class DetectionRunHistory(IConsoleDbContextFactory contexts)
{
    public async Task<IReadOnlyList<DetectionRunSummary>> RecentAsync(int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var runs = await db.DetectionRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return runs.Select(DetectionRecompute.Summarise).ToArray();
    }

    public async Task<DetectionRun?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.DetectionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }
}
