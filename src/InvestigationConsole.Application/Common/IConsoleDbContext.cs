using InvestigationConsole.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Common;

/// <summary>The tables the use cases read and write through EF Core (bulk paths have their own writers).</summary>
public interface IConsoleDbContext : IAsyncDisposable, IDisposable
{
    DbSet<AuditEntry> AuditEntries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A short-lived context per operation: Blazor Server circuits must never share one across requests.</summary>
public interface IConsoleDbContextFactory
{
    IConsoleDbContext Create();
}
