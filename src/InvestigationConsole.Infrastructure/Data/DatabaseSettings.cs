using Microsoft.Extensions.Configuration;

namespace InvestigationConsole.Infrastructure.Data;

/// <summary>
/// Where the data lives, resolved once from configuration. The web app and the CLI resolve it the same way,
/// so both open the same database.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataFolder, bool MigrateOnStartup)
{
    public const string ConnectionStringName = "InvestigationConsole";
    public const string SqliteFileName = "investigation-console.db";

    public static DatabaseSettings Resolve(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{providerText}'; it must be one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var dataFolder = Path.GetFullPath(configuration["Storage:DataFolder"] is { Length: > 0 } folder
            ? Path.Combine(contentRoot, folder)
            : Path.Combine(contentRoot, "App_Data"));

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException(
                    $"Database:Provider is SqlServer but ConnectionStrings:{ConnectionStringName} is not set " +
                    $"(environment variable ConnectionStrings__{ConnectionStringName}).");
            }

            connectionString = $"Data Source={Path.Combine(dataFolder, SqliteFileName)}";
        }

        // SQLite creates its file on first use and keeps up; SQL Server is migrated by its script unless asked.
        var migrate = provider == DatabaseProvider.Sqlite || configuration.GetValue("Database:MigrateOnStartup", false);
        return new DatabaseSettings(provider, connectionString, dataFolder, migrate);
    }
}
