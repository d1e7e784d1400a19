using InvestigationConsole.Infrastructure;
using InvestigationConsole.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddInfrastructure();
builder.AddConsoleAuthentication();
builder.AddConsoleUserInterface();
builder.AddBackgroundJobServer();

var app = builder.Build();

await app.Services.InitializeDatabaseAsync();

app.UseConsolePipeline();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapJobsDashboard();
app.MapConsolePages();

app.Run();

/// <summary>Entry point; partial so that WebApplicationFactory can host it in tests.</summary>
public partial class Program;
