using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Traffic;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Investigation;

/// <summary>The account as the registry describes it.</summary>
public sealed record RegistryProfile(
    string AccountId,
    bool IsPlaceholder,
    string? OrgId,
    DateTimeOffset? CreatedAt,
    string? EmailDomain,
    string? PaymentFingerprint,
    string? BillingCountry,
    string? SignupIp,
    string? SignupPrefix,
    IdentityVerification Verification,
    UsageTier Tier,
    DateTimeOffset? RegistryUpdatedAt);

/// <summary>One model the account called, summed over its hourly rollups.</summary>
public sealed record ModelUsage(string Model, long Requests, long InputTokens, long OutputTokens, DateTimeOffset FirstHour, DateTimeOffset LastHour);

/// <summary>What an investigator reads first about an account: who the registry says it is and how much it used.</summary>
public sealed record AccountDossier(
    int AccountKey,
    RegistryProfile Profile,
    long Requests,
    long PromptsSeen,
    long InputTokens,
    long OutputTokens,
    long ToolRequests,
    long ErrorRequests,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastSeenAt,
    IReadOnlyList<ModelUsage> Models);

/// <summary>Reads an account's dossier by its account id: the unique index on accounts, then the account's rollup rows.</summary>
public sealed class AccountDossierQuery(IConsoleDbContextFactory contexts)
{
    public async Task<AccountDossier?> ReadAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.AccountId == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var perModel = await db.ActivityHours.AsNoTracking()
            .Where(h => h.AccountKey == account.Key)
            .GroupBy(h => h.ModelId)
            .Select(g => new
            {
                ModelId = g.Key,
                Requests = g.Sum(h => (long)h.Requests),
                Input = g.Sum(h => h.InputTokens),
                Output = g.Sum(h => h.OutputTokens),
                Tools = g.Sum(h => (long)h.ToolRequests),
                Errors = g.Sum(h => (long)h.ErrorRequests),
                First = g.Min(h => h.Hour),
                Last = g.Max(h => h.Hour),
            })
            .ToListAsync(cancellationToken);
        var names = await ModelNames.ReadAsync(db, perModel.Select(m => m.ModelId), cancellationToken);
        var models = perModel
            .Select(m => new ModelUsage(names.GetValueOrDefault(m.ModelId, $"model #{m.ModelId}"), m.Requests, m.Input, m.Output, ActivityClock.HourStart(m.First), ActivityClock.HourStart(m.Last)))
            .OrderByDescending(m => m.Requests).ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToArray();

        return new AccountDossier(
            account.Key,
            new RegistryProfile(account.AccountId, account.IsPlaceholder, account.OrgId, account.CreatedAt, account.EmailDomain, account.PaymentFingerprint,
                account.BillingCountry, account.SignupIp, account.SignupPrefix, account.Verification, account.Tier, account.RegistryUpdatedAt),
            account.RequestCount,
            account.PromptsSeen,
            perModel.Sum(m => m.Input),
            perModel.Sum(m => m.Output),
            perModel.Sum(m => m.Tools),
            perModel.Sum(m => m.Errors),
            account.FirstRequestAt,
            account.LastRequestAt,
            models);
    }
}

/// <summary>Model names by lookup id: a primary-key lookup for the few ids an account used.</summary>
internal static class ModelNames
{
    public static async Task<Dictionary<int, string>> ReadAsync(IConsoleDbContext db, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        return await db.LookupValues.AsNoTracking()
            .Where(v => wanted.Contains(v.Id) && v.Kind == LookupKind.Model)
            .ToDictionaryAsync(v => v.Id, v => v.Value, cancellationToken);
    }
}

/// <summary>The rollups count whole hours since the Unix epoch (UTC).</summary>
public static class ActivityClock
{
    public static DateTimeOffset HourStart(int hour) => DateTimeOffset.UnixEpoch.AddHours(hour);

    public static int HourOf(DateTimeOffset at) => (int)(at.ToUnixTimeSeconds() / 3600);
}
