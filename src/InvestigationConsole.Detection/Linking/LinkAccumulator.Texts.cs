using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// Text link types: a distinct text's key is its first place among the entries (its first holder, and its place in that
/// holder's list: <c>holder &lt;&lt; 32 | place</c>), so keys sort in order of first appearance, as numbering the texts in
/// that order would. A key stays valid from one build to the next while its text's first holder keeps the text where it
/// was, so the last build's sorted entries can be patched, as a numeric type's are, instead of every text being gathered,
/// numbered and sorted again.
/// </summary>
internal sealed partial class LinkAccumulator
{
    /// <summary>A text's key: its first holder and its place in that holder's list.</summary>
    private static ulong PlaceKey(int holder, int place) => ((ulong)(uint)holder << 32) | (uint)place;

    /// <summary>
    /// Every account's texts as keys (see <see cref="PlaceKey"/>), in account order, with the keys of the texts the
    /// changed accounts hold or held, and the index of the distinct texts when there is a memory.
    /// </summary>
    private TextEntries NumberedTexts(Func<AccountLinkFacts, IReadOnlyList<string>> keysOf, int[]? changed)
    {
        var (texts, owners) = EntriesOf(keysOf);
        var (keys, distinct) = TextKeys.Number(texts, KeysOf(changed, keysOf), out var found);

        // Each account's first entry (accounts are in order), then each number's first place: a number first seen is the
        // next one. Numbers and places are in the same order, so the entries are sorted by number (a few radix passes
        // fewer than by place) and then given their places.
        var startOf = new int[accounts.Count];
        for (var i = texts.Length - 1; i >= 0; i--)
        {
            startOf[owners[i]] = i;
        }

        var keyOf = new ulong[distinct.Length];
        ulong next = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == next)
            {
                keyOf[next++] = PlaceKey(owners[i], i - startOf[owners[i]]);
            }
        }

        // Numbered afresh, a key is not known to be the one its text had.
        var changedKeys = found.Select(number => new ChangedKey(keyOf[number], StableHash.Of(distinct[number]), Kept: false)).ToArray();
        var index = memory is null ? null : IndexOf(distinct, keyOf);
        Func<ulong, string> textOf = key => distinct[RadixSort.LowerBound(keyOf, key)];
        RadixSort.Sort(keys, owners, keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = keyOf[keys[i]];
        }

        return new TextEntries(keys, owners, changedKeys, textOf, index, Sorted: true);
    }

    /// <summary>The distinct texts' hashes, ascending, with each text's key.</summary>
    private static TextIndex IndexOf(string[] distinct, ulong[] keyOf)
    {
        var hashes = GC.AllocateUninitializedArray<ulong>(distinct.Length);
        var order = GC.AllocateUninitializedArray<int>(distinct.Length);
        Parallel.For(0, 16, part =>
        {
            for (var i = (int)((long)distinct.Length * part / 16); i < (int)((long)distinct.Length * (part + 1) / 16); i++)
            {
                hashes[i] = StableHash.Of(distinct[i]);
                order[i] = i;
            }
        });
        RadixSort.Sort(hashes, order, hashes.Length);
        var keys = GC.AllocateUninitializedArray<ulong>(order.Length);
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = keyOf[order[i]];
        }

        return new TextIndex(hashes, keys);
    }

    /// <summary>
    /// A text type's sorted entries and index from the last build's. Only the texts the changed accounts hold or held
    /// are looked at: each gets its key now (its first holder now is the first of its unchanged holders before and of
    /// the changed accounts that hold it now); the unchanged holders' entries of a text whose key moved are moved with
    /// it, the changed accounts' entries are made anew, and every other entry is kept.
    /// </summary>
    private TextEntries PatchedTexts((ulong[] Keys, int[] Accounts) earlier, TextIndex index, int[] changed, Func<AccountLinkFacts, IReadOnlyList<string>> keysOf)
    {
        var before = _earlier!.Accounts;
        var isChanged = new bool[accounts.Count];
        foreach (var account in changed)
        {
            isChanged[account] = true;
        }

        // Each text a changed account holds now, with the first of them to hold it (the changed accounts are in order).
        var firstChanged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var account in changed)
        {
            foreach (var text in keysOf(accounts[account]))
            {
                firstChanged.TryAdd(text, account);
            }
        }

        var affected = new HashSet<string>(firstChanged.Keys, StringComparer.Ordinal);
        foreach (var account in changed)
        {
            affected.UnionWith(keysOf(before[account]));
        }

        var keyNow = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var changedKeys = new List<ChangedKey>();
        var moved = new List<(int From, int To)>();
        var (addedKeys, addedOwners) = (new List<ulong>(), new List<int>());
        var (unindexed, indexed) = (new List<int>(), new List<(ulong Hash, ulong Key)>());
        foreach (var text in affected)
        {
            var hash = StableHash.Of(text);
            var (at, from, to) = (-1, 0, 0);
            for (var k = RadixSort.LowerBound(index.Hashes, hash); k < index.Hashes.Length && index.Hashes[k] == hash; k++)
            {
                if (string.Equals(TextAt(before, index.Keys[k], keysOf), text, StringComparison.Ordinal))
                {
                    // Its entries: place keys never reach the top of the range, so the next key bounds them.
                    (at, from, to) = (k, RadixSort.LowerBound(earlier.Keys, index.Keys[k]), RadixSort.LowerBound(earlier.Keys, index.Keys[k] + 1));
                    break;
                }
            }

            var first = firstChanged.GetValueOrDefault(text, int.MaxValue);
            for (var e = from; e < to; e++)
            {
                if (!isChanged[earlier.Accounts[e]] && earlier.Accounts[e] < first)
                {
                    first = earlier.Accounts[e];
                }
            }

            ulong? key = first == int.MaxValue ? null : PlaceKey(first, PlaceOf(keysOf(accounts[first]), text));
            var kept = at >= 0 && key == index.Keys[at];
            if (key is { } now)
            {
                keyNow[text] = now;
                changedKeys.Add(new ChangedKey(now, hash, kept));
            }

            if (kept)
            {
                continue;
            }

            // The key moved (or the text is new, or gone): its unchanged holders' entries move with it.
            if (at >= 0)
            {
                unindexed.Add(at);
                moved.Add((from, to));
                for (var e = from; e < to && key is not null; e++)
                {
                    if (!isChanged[earlier.Accounts[e]])
                    {
                        addedKeys.Add(key.Value);
                        addedOwners.Add(earlier.Accounts[e]);
                    }
                }
            }

            if (key is { } added)
            {
                indexed.Add((hash, added));
            }
        }

        foreach (var account in changed)
        {
            foreach (var text in keysOf(accounts[account]))
            {
                addedKeys.Add(keyNow[text]);
                addedOwners.Add(account);
            }
        }

        var (keys, owners) = Merged(earlier, isChanged, moved, addedKeys, addedOwners);
        unindexed.Sort();
        return new TextEntries(keys, owners, [.. changedKeys], key => TextAt(accounts, key, keysOf), Patched(index, unindexed, indexed), Sorted: true);
    }

    /// <summary>
    /// Sorted entries: the earlier ones, but for the changed accounts' and those in the <paramref name="moved"/> ranges,
    /// merged with the added ones. Equal keys may hold their accounts in another order, which no bucket sees (its members
    /// are sorted).
    /// </summary>
    private static (ulong[] Keys, int[] Owners) Merged(
        (ulong[] Keys, int[] Accounts) earlier, bool[] isChanged, List<(int From, int To)> moved, List<ulong> addedKeys, List<int> addedOwners)
    {
        var (added, addedOf) = (addedKeys.ToArray(), addedOwners.ToArray());
        RadixSort.Sort(added, addedOf, added.Length);
        var dropped = new bool[earlier.Keys.Length];
        var count = added.Length;
        for (var e = 0; e < dropped.Length; e++)
        {
            dropped[e] = isChanged[earlier.Accounts[e]];
        }

        foreach (var (from, to) in moved)
        {
            Array.Fill(dropped, true, from, to - from);
        }

        foreach (var drop in dropped)
        {
            count += drop ? 0 : 1;
        }

        var keys = GC.AllocateUninitializedArray<ulong>(count);
        var owners = GC.AllocateUninitializedArray<int>(count);
        var (n, next) = (0, 0);
        for (var i = 0; i < earlier.Keys.Length; i++)
        {
            if (dropped[i])
            {
                continue;
            }

            for (; next < added.Length && added[next] < earlier.Keys[i]; next++, n++)
            {
                (keys[n], owners[n]) = (added[next], addedOf[next]);
            }

            (keys[n], owners[n]) = (earlier.Keys[i], earlier.Accounts[i]);
            n++;
        }

        for (; next < added.Length; next++, n++)
        {
            (keys[n], owners[n]) = (added[next], addedOf[next]);
        }

        return (keys, owners);
    }

    /// <summary>The index without the entries at the given places (ascending), with the added ones.</summary>
    private static TextIndex Patched(TextIndex index, List<int> removed, List<(ulong Hash, ulong Key)> added)
    {
        added.Sort();
        var count = index.Hashes.Length - removed.Count + added.Count;
        var (hashes, keys) = (GC.AllocateUninitializedArray<ulong>(count), GC.AllocateUninitializedArray<ulong>(count));
        var (n, next, skip) = (0, 0, 0);
        for (var i = 0; i < index.Hashes.Length; i++)
        {
            if (skip < removed.Count && removed[skip] == i)
            {
                skip++;
                continue;
            }

            for (; next < added.Count && added[next].Hash < index.Hashes[i]; next++, n++)
            {
                (hashes[n], keys[n]) = added[next];
            }

            (hashes[n], keys[n]) = (index.Hashes[i], index.Keys[i]);
            n++;
        }

        for (; next < added.Count; next++, n++)
        {
            (hashes[n], keys[n]) = added[next];
        }

        return new TextIndex(hashes, keys);
    }

    /// <summary>The text a key names among these facts: the text at the key's place in its holder's list.</summary>
    private static string TextAt(IReadOnlyList<AccountLinkFacts> facts, ulong key, Func<AccountLinkFacts, IReadOnlyList<string>> keysOf) =>
        keysOf(facts[(int)(key >> 32)])[(int)(uint)key];

    /// <summary>The first place of a text in a list that holds it.</summary>
    private static int PlaceOf(IReadOnlyList<string> texts, string text)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.Equals(texts[i], text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException("The text is not in its holder's list.");
    }

    /// <summary>A text type's distinct texts' hashes, ascending, and each text's key (see <see cref="PlaceKey"/>).</summary>
    internal sealed record TextIndex(ulong[] Hashes, ulong[] Keys);

    /// <summary>
    /// A text type's (key, account) entries, the keys (with identities) of the texts the changed accounts hold or held,
    /// a key's text, the index of the distinct texts (null without a memory) and whether the entries are sorted.
    /// </summary>
    private sealed record TextEntries(
        ulong[] Keys, int[] Owners, ChangedKey[] ChangedKeys, Func<ulong, string> TextOf, TextIndex? Index, bool Sorted);
}
