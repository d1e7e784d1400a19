using InvestigationConsole.Application.Users;
using InvestigationConsole.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InvestigationConsole.Infrastructure.Data;

/// <summary>Brings a database up to date at start: migrations (SQLite, or SQL Server when asked), roles, WAL.</summary>
public sealed class DatabaseInitializer(InvestigationConsoleDbContext db, DatabaseSettings settings, IUserDirectory directory, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (settings.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) to the {Provider} database: {Migrations}", pending.Count, settings.Provider, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the UI read while ingest jobs write; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await directory.EnsureRolesAsync(Roles.All, cancellationToken);
    }
}
