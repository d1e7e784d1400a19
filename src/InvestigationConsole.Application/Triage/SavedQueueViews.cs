using System.Text.Json;
using System.Text.Json.Serialization;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Triage;

/// <summary>A saved view as the queue page lists it.</summary>
public sealed record SavedView(int Id, string Name, QueueFilter Filter);

/// <summary>Each user's named queue filters. Views are private: a user only ever reads or deletes their own.</summary>
public sealed class SavedQueueViews(IConsoleDbContextFactory contexts, TimeProvider clock)
{
    public const int MaxViewsPerUser = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<SavedView>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var rows = await db.SavedQueueViews.AsNoTracking().Where(v => v.Owner == owner).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        return rows.Select(v => new SavedView(v.Id, v.Name, Read(v.FilterJson))).ToList();
    }

    /// <summary>Saves (or replaces, by name) a view; the page and paging are not part of it.</summary>
    public async Task<(SavedView? View, string? Error)> SaveAsync(string owner, string name, QueueFilter filter, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return (null, "Give the view a name of 1 to 100 characters.");
        }

        var stored = filter with { Skip = 0 };
        await using var db = contexts.Create();
        var existing = await db.SavedQueueViews.FirstOrDefaultAsync(v => v.Owner == owner && v.Name == name, cancellationToken);
        if (existing is null)
        {
            if (await db.SavedQueueViews.CountAsync(v => v.Owner == owner, cancellationToken) >= MaxViewsPerUser)
            {
                return (null, $"You already have {MaxViewsPerUser} saved views: delete one first.");
            }

            existing = new SavedQueueView { Owner = owner, Name = name, CreatedAt = clock.GetUtcNow() };
            db.SavedQueueViews.Add(existing);
        }

        existing.FilterJson = JsonSerializer.Serialize(stored, Json);
        await db.SaveChangesAsync(cancellationToken);
        return (new SavedView(existing.Id, name, stored), null);
    }

    public async Task<bool> DeleteAsync(string owner, int id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.SavedQueueViews.Where(v => v.Owner == owner && v.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static QueueFilter Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<QueueFilter>(json, Json) ?? new QueueFilter();
        }
        catch (JsonException)
        {
            // A view saved by an older version with a field that no longer parses: fall back to the default queue.
            return new QueueFilter();
        }
    }
}
