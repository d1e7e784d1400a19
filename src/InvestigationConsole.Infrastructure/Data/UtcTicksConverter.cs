using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InvestigationConsole.Infrastructure.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks (SQLite only), so range queries and ORDER BY run in SQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
