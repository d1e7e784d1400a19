using InvestigationConsole.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Infrastructure.Data;

internal sealed class ConsoleDbContextFactory(IDbContextFactory<InvestigationConsoleDbContext> factory) : IConsoleDbContextFactory
{
    public IConsoleDbContext Create() => factory.CreateDbContext();
}
