namespace InvestigationConsole.Infrastructure.Data;

internal static class DatabaseFolder
{
    /// <summary>Creates the data folder, and the folder of the SQLite file when the connection string points elsewhere.</summary>
    public static void EnsureExists(DatabaseSettings settings)
    {
        Directory.CreateDirectory(settings.DataFolder);
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } folder && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
