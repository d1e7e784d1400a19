using System.Numerics;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// A 64-bit linear-counting sketch of distinct IP addresses. Sketches merge with OR (in SQL too), so hourly rollups
/// written in separate batches still estimate distinct addresses.
/// </summary>
public static class IpSketch
{
    public static long Bit(string ip)
    {
        var hash = 2166136261u;
        foreach (var c in ip)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash ^= hash >> 15;
        return 1L << (int)(hash % 64);
    }

    public static int EstimateDistinct(long bits)
    {
        var set = BitOperations.PopCount((ulong)bits);
        if (set == 0)
        {
            return 0;
        }

        var empty = 64 - set;
        return empty == 0 ? 64 * 4 : (int)Math.Round(-64 * Math.Log(empty / 64.0));
    }
}
