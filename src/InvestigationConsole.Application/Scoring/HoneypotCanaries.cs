using System.Buffers;
using System.Globalization;
using System.Text.Json;
using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Scoring;

/// <summary>
/// The Admins' list of honeypot canaries: adding and retiring are audited, and ingestion takes the active ones as a
/// <see cref="CanaryMatcher"/> when it starts a file. A canary marks the traffic ingested after it was added (prompt
/// text is not kept per request, so past traffic cannot be re-checked).
/// </summary>
public sealed class HoneypotCanaries(IConsoleDbContextFactory contexts, IAuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<HoneypotCanary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var canaries = await db.HoneypotCanaries.AsNoTracking().ToListAsync(cancellationToken);
        return [.. canaries.OrderBy(c => c.RetiredAt is null ? 0 : 1).ThenByDescending(c => c.AddedAt)];
    }

    public Task<CanaryMatcher> LoadMatcherAsync(CancellationToken cancellationToken = default) => LoadMatcherAsync(contexts, cancellationToken);

    /// <summary>The active canaries as a matcher; static so that ingestion (a singleton) needs no audit log.</summary>
    public static async Task<CanaryMatcher> LoadMatcherAsync(IConsoleDbContextFactory contexts, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return new CanaryMatcher(await db.HoneypotCanaries.AsNoTracking().Where(c => c.RetiredAt == null).Select(c => c.Text).ToListAsync(cancellationToken));
    }

    /// <summary>Adds a canary; the reason it cannot be added otherwise (too short to be distinctive, a duplicate).</summary>
    public async Task<CanaryChange> AddAsync(string actor, string text, string note, CancellationToken cancellationToken = default)
    {
        text = text.Trim();
        note = note.Trim();
        if (text.Length < HoneypotCanary.MinLength)
        {
            return CanaryChange.Fail($"A canary needs at least {HoneypotCanary.MinLength} characters: shorter strings occur in ordinary prompts.");
        }

        if (text.Length > HoneypotCanary.MaxLength)
        {
            return CanaryChange.Fail($"A canary has at most {HoneypotCanary.MaxLength} characters.");
        }

        if (note.Length == 0)
        {
            return CanaryChange.Fail("Say where the canary was planted, so that a hit can be explained.");
        }

        await using var db = contexts.Create();
        var active = await db.HoneypotCanaries.Where(c => c.RetiredAt == null).Select(c => c.Text).ToListAsync(cancellationToken);
        if (active.Any(t => string.Equals(t, text, StringComparison.OrdinalIgnoreCase)))
        {
            return CanaryChange.Fail("This canary is already on the list.");
        }

        var canary = new HoneypotCanary { Text = text, Note = note.Length > 500 ? note[..500] : note, AddedBy = actor, AddedAt = clock.GetUtcNow() };
        db.HoneypotCanaries.Add(canary);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.HoneypotCanaryAdded, "honeypot-canary", canary.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { text = canary.Text, note = canary.Note }), cancellationToken);
        return new CanaryChange(canary);
    }

    public async Task<CanaryChange> RetireAsync(string actor, int id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var canary = await db.HoneypotCanaries.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (canary is null)
        {
            return CanaryChange.Fail($"No canary with id {id}.");
        }

        if (canary.RetiredAt is not null)
        {
            return CanaryChange.Fail("This canary is already retired.");
        }

        canary.RetiredAt = clock.GetUtcNow();
        canary.RetiredBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.HoneypotCanaryRetired, "honeypot-canary", canary.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { text = canary.Text }), cancellationToken);
        return new CanaryChange(canary);
    }
}

/// <summary>The canary as it now is, or why nothing changed.</summary>
public sealed record CanaryChange(HoneypotCanary? Canary, string? Problem = null)
{
    public static CanaryChange Fail(string problem) => new(null, problem);
}

/// <summary>Finds any of the active canaries in a prompt, ignoring case, in one vectorised pass (no per-canary loop).</summary>
public sealed class CanaryMatcher
{
    private readonly SearchValues<string>? _canaries;

    public CanaryMatcher(IReadOnlyCollection<string> canaries)
    {
        Count = canaries.Count;
        _canaries = canaries.Count == 0 ? null : SearchValues.Create([.. canaries], StringComparison.OrdinalIgnoreCase);
    }

    public static CanaryMatcher None { get; } = new([]);

    public int Count { get; }

    public bool Matches(ReadOnlySpan<char> prompt) => _canaries is not null && prompt.ContainsAny(_canaries);
}
