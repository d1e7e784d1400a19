using System.Runtime.CompilerServices;
using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

/// <summary>
/// A build that reuses what the last build left (<see cref="LinkMemory"/>) must give the graph a build on its own gives,
/// bit for bit, whatever changed: keys of any type gained, lost or moved, owners, organisations and identity, facts
/// rebuilt with the same values, buckets growing past the pair and size limits.
/// </summary>
public class LinkMemoryTests
{
    /// <summary>Small limits, so that changes move buckets across the chain, discount and size limits.</summary>
    private static readonly LinkSettings Tight = new() { SmallBucket = 3, MaxPairBucket = 6, ChainNeighbours = 2, MaxBucket = 45, MaxIndependentBucket = 30, NatMinAccounts = 5 };

    public static TheoryData<int, bool> Cases => new() { { 7, false }, { 8, true }, { 21, false }, { 22, true } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_WithMemory_AfterRandomChanges_IsTheGraphOfAFullBuild(int seed, bool tight)
    {
        var settings = tight ? Tight : LinkSettings.Default;
        var facts = MixedPopulations.Of(seed).Facts.ToArray();
        var random = new Random(seed);
        var memory = new LinkMemory();

        AssertSame(AccountLinkGraph.Build(facts, settings), AccountLinkGraph.Build(facts, settings, memory));
        Assert.Null(memory.LastRelinked);
        var reused = 0;
        foreach (var changes in new[] { 1, 3, 12, 0, 40, 2, 5, 150 })
        {
            for (var c = 0; c < changes; c++)
            {
                var i = random.Next(facts.Length);
                facts[i] = Change(facts[i], facts[random.Next(facts.Length)], random);
            }

            // Facts rebuilt with the very same values: not a change.
            var j = random.Next(facts.Length);
            facts[j] = facts[j] with { };

            // Slicing varied: neither the graph nor what is reused may depend on it.
            var slices = random.Next(1, 9);
            var withMemory = AccountLinkGraph.Build(facts, settings, slices, random.Next(1, 400), memory);
            AssertSame(AccountLinkGraph.Build(facts, settings), withMemory);
            Assert.NotNull(memory.LastRelinked);
            if (memory.LastRelinked < facts.Length / 2)
            {
                reused++;
            }
        }

        Assert.True(reused >= 4, $"only {reused} builds reused most first accounts' links");
    }

    [Fact]
    public void Build_WithMemory_CountsAgainOnlyTheAccountsWhoseWindowsChanged()
    {
        // A ring of 100 accounts on one card, all active in the same four time buckets but account 50: large buckets of
        // undiscounted keys, where each member pairs with its next three.
        ulong[] shared = [11, 22, 33, 44];
        var facts = Enumerable.Range(0, 100)
            .Select(i => new AccountLinkFacts
            {
                Account = i, AccountId = $"acct-{i}", PaymentFingerprint = "card-ring", ActivityKeys = i == 50 ? [99] : shared,
            })
            .ToArray();
        var memory = new LinkMemory();
        AccountLinkGraph.Build(facts, LinkSettings.Default, memory);

        // Account 50 joins them: only it and the three members before it pair otherwise; the others' rows are copied,
        // although every bucket's size changed.
        facts[50] = facts[50] with { ActivityKeys = [.. shared, 99] };
        var withMemory = AccountLinkGraph.Build(facts, LinkSettings.Default, memory);

        AssertSame(AccountLinkGraph.Build(facts, LinkSettings.Default), withMemory);
        Assert.Equal(1 + LinkSettings.Default.ChainNeighbours, memory.LastRecounted);
        Assert.Contains(withMemory.Links, link => link is { A: 49, B: 50 } && link.Evidence.Any(e => e.Type == LinkType.Synchrony));
    }

    [Fact]
    public void Build_WithMemory_HoldsOnlyTheLastBuild()
    {
        var facts = FactsOf(11);
        var memory = new LinkMemory();
        var random = new Random(11);
        var replaced = new List<WeakReference>();
        for (var build = 0; build < 4; build++)
        {
            replaced.Add(ReplaceOne(facts, random));
            AccountLinkGraph.Build(facts, LinkSettings.Default, memory);
        }

        // Facts replaced before the last build are no longer held: a build's state does not hold the build before it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal([false, false, false], replaced.Take(3).Select(r => r.IsAlive).ToArray());
        Assert.True(memory.Holds);
    }

    /// <summary>A population's facts, made apart so that nothing of the population is held by the test's frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static AccountLinkFacts[] FactsOf(int seed) => MixedPopulations.Of(seed).Facts.ToArray();

    /// <summary>Replaces one account's facts with changed ones (new texts and numbers of every kind), and returns a weak reference to the old.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ReplaceOne(AccountLinkFacts[] facts, Random random)
    {
        var i = random.Next(facts.Length);
        var old = facts[i];
        facts[i] = old with { Ips = [.. old.Ips, $"10.77.{random.Next(256)}.1"], Prefixes = [.. old.Prefixes, "10.77.0.0/16"], ActivityKeys = [.. old.ActivityKeys.Skip(1)] };
        return new WeakReference(old);
    }

    [Fact]
    public void Build_WithMemory_OfAnotherPopulationOrSettings_BuildsEveryLink()
    {
        var facts = MixedPopulations.Of(9).Facts;
        var memory = new LinkMemory();
        AccountLinkGraph.Build(facts, LinkSettings.Default, memory);

        // The same settings as new objects with equal values: reused.
        var equal = LinkSettings.Default with { TypeWeights = [.. LinkSettings.Default.TypeWeights] };
        AssertSame(AccountLinkGraph.Build(facts, LinkSettings.Default), AccountLinkGraph.Build(facts, equal, memory));
        Assert.Equal(0, memory.LastRelinked);

        var heavier = LinkSettings.Default with { TypeWeights = [.. LinkSettings.Default.TypeWeights.Select((w, t) => t == (int)LinkType.Template ? w * 2 : w)] };
        AssertSame(AccountLinkGraph.Build(facts, heavier), AccountLinkGraph.Build(facts, heavier, memory));
        Assert.Null(memory.LastRelinked);

        var more = facts.Append(facts[0] with { Account = facts.Count, AccountId = "late" }).ToArray();
        AssertSame(AccountLinkGraph.Build(more, heavier), AccountLinkGraph.Build(more, heavier, memory));
        Assert.Null(memory.LastRelinked);

        memory.Forget();
        Assert.False(memory.Holds);
        AssertSame(AccountLinkGraph.Build(more, heavier), AccountLinkGraph.Build(more, heavier, memory));
        Assert.Null(memory.LastRelinked);
    }

    /// <summary>One random change to an account's facts, often to values another account has (so buckets grow and shrink).</summary>
    internal static AccountLinkFacts Change(AccountLinkFacts facts, AccountLinkFacts other, Random random) => random.Next(13) switch
    {
        0 => facts with { Ips = [.. facts.Ips, .. other.Ips.Take(1)] },
        1 => facts with { Ips = facts.Ips.Skip(1).ToArray() },
        2 => facts with { Ips = [$"10.9.{random.Next(3)}.{random.Next(3)}"], Prefixes = [$"10.9.{random.Next(3)}.0/24"] },
        3 => facts with { ActivityKeys = other.ActivityKeys },
        4 => facts with { ActivityKeys = facts.ActivityKeys.Skip(random.Next(3)).ToArray() },
        5 => facts with { TemplateKeys = [.. other.TemplateKeys.Take(2), .. facts.TemplateKeys.Take(1)] },
        6 => facts with { PaymentFingerprint = random.Next(3) == 0 ? null : other.PaymentFingerprint },
        7 => facts with { OrgId = other.OrgId, EmailDomain = other.EmailDomain },
        8 => facts with { StrongIdentity = !facts.StrongIdentity },
        9 => facts with { SignupPrefix = other.SignupPrefix, SignupIp = other.SignupIp, CreatedAt = other.CreatedAt },
        10 => facts with { PivotAt = other.PivotAt ?? SyntheticAccounts.Epoch.AddMinutes(90) },
        11 => facts with { ApiBehaviourFingerprint = other.ApiBehaviourFingerprint, Prefixes = [.. other.Prefixes, .. facts.Prefixes] },
        _ => facts with { Prefixes = facts.Prefixes.Reverse().ToArray(), Ips = facts.Ips.Reverse().ToArray() },
    };

    private static void AssertSame(AccountLinkGraph expected, AccountLinkGraph actual) =>
        Assert.Equal(expected.Links.Select(MixedPopulations.Describe), actual.Links.Select(MixedPopulations.Describe));
}
