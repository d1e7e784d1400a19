using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InvestigationConsole.Application.Tests.Data;

/// <summary>No SQL Server runs here, so the SQL Server side is proven by its generated script.</summary>
public sealed class SqlServerScriptTests
{
    private static readonly string ScriptPath = Path.Combine(RepositoryPaths.Root, "db", "sqlserver", "InvestigationConsole.sql");

    [Fact]
    public void IdempotentScript_ParsedByScriptDom_HasNoErrors()
    {
        var errors = Parse(File.ReadAllText(ScriptPath));

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
    }

    [Fact]
    public void IdempotentScript_ComparedWithMigrations_IsCurrent()
    {
        using var db = new InvestigationConsoleDbContext(DatabaseOptionsBuilder.For(DatabaseProvider.SqlServer, "Server=(none)"));
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.True(
            Normalize(generated) == Normalize(File.ReadAllText(ScriptPath)),
            "db/sqlserver/InvestigationConsole.sql is out of date: run db/migrations.sh script");
    }

    [Fact]
    public void Parser_GivenBrokenScript_ReportsErrors()
    {
        Assert.NotEmpty(Parse("CREATE TABLE [Broken] ([Id] int NOT NULL,"));
    }

    private static IList<ParseError> Parse(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);
        return errors;
    }

    private static string Normalize(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().TrimStart('\uFEFF');
}
