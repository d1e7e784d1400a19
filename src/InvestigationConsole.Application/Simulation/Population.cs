using System.Security.Cryptography;
using System.Text;

namespace InvestigationConsole.Application.Simulation;

/// <summary>Every simulated account, plus the identifiers they share: system prompts, cards, organisations.</summary>
internal sealed class Population(ulong seedKey)
{
    private const ulong Mask40 = (1UL << 40) - 1;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly List<SimulatedAccount> _accounts = [];
    private readonly List<byte[]?> _systemPromptHashes = [null];
    private int _cards;
    private int _organisations;

    public IReadOnlyList<SimulatedAccount> Accounts => _accounts;

    public SimulatedAccount this[int index] => _accounts[index];

    public SimulatedAccount Enrol(string label, bool isCampaign, long createdTicks, int apiKeys = 1)
    {
        var index = _accounts.Count;
        var id = $"acct_{Scramble(index):x10}";
        var account = new SimulatedAccount
        {
            Index = index,
            Id = id,
            IdUtf8 = Encoding.UTF8.GetBytes(id),
            Label = label,
            IsCampaign = isCampaign,
            CreatedTicks = createdTicks,
        };
        account.ApiKeys = Enumerable.Range(0, apiKeys)
            .Select(k => Encoding.UTF8.GetBytes($"key_{SimulationRandom.Key(seedKey, (ulong)index, (ulong)k, 0x4B) & 0xFFFF_FFFF_FFFF:x12}"))
            .ToArray();
        _accounts.Add(account);
        return account;
    }

    /// <summary>Registers a system prompt; exchanges refer to it by the returned id (0 means none).</summary>
    public int RegisterSystemPrompt(string text)
    {
        _systemPromptHashes.Add(Encoding.ASCII.GetBytes(Sha256Hex(text)));
        return _systemPromptHashes.Count - 1;
    }

    public byte[]? SystemPromptHash(int id) => _systemPromptHashes[id];

    /// <summary>A new payment method as the processor fingerprints it.</summary>
    public string NewCard()
    {
        var value = SimulationRandom.Key(seedKey, (ulong)_cards++, 0xCA2D);
        Span<char> text = stackalloc char[10];
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return $"pf_{text}";
    }

    public string NewOrganisation() => $"org_{SimulationRandom.Key(seedKey, (ulong)_organisations++, 0x0E6) & 0xFFFFFF:x6}";

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A keyed bijection on 40 bits, so ids are unique yet reveal neither order nor cohort.</summary>
    private ulong Scramble(int index)
    {
        var x = ((ulong)index ^ seedKey) & Mask40;
        x = (x * 0x9E3779B97F) & Mask40;
        x ^= x >> 19;
        x = (x * 0xC2B2AE3D27) & Mask40;
        x ^= x >> 17;
        return x;
    }
}
