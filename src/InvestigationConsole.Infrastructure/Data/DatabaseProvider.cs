namespace InvestigationConsole.Infrastructure.Data;

public enum DatabaseProvider
{
    /// <summary>Embedded default: a file under the data folder, zero set-up.</summary>
    Sqlite,

    /// <summary>Production: Microsoft SQL Server, migrated with the script in db/sqlserver.</summary>
    SqlServer,
}
