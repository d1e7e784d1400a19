using System.Runtime.CompilerServices;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// The 64-bit key of a request, derived from the gateway's request_id, so that the duplicate filter is a set of longs
/// in memory instead of a string index (ADR-004). Two ids may share a key (≈ 1e-5 odds over 16M ids): a key is a
/// filter, the id decides.
/// </summary>
public static class RequestKey
{
    public static long Of(string requestId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in requestId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)Mix(hash);
    }

    /// <summary>A second, independent stream of bits from the same key (for sampling decisions).</summary>
    public static ulong Scramble(long key) => Mix((ulong)key ^ 0x9E3779B97F4A7C15UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb3f99fe3d2f6UL;
        x ^= x >> 33;
        return x;
    }
}
