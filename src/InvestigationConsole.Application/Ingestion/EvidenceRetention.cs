using InvestigationConsole.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>Deletes evidence prompt samples older than the retention period (Ingest:EvidenceRetentionDays).</summary>
public sealed class EvidenceRetention(IConsoleDbContextFactory contexts, IOptions<IngestOptions> options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.EvidenceRetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow().AddDays(-days);
        await using var db = contexts.Create();
        return await db.PromptSamples.Where(s => s.Timestamp < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
