using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Risk;

namespace InvestigationConsole.Application.Scoring;

/// <summary>
/// <see cref="AccountRiskScore.ContentHash"/>: FNV-1a over every column but the run and its time, stable across processes
/// (string.GetHashCode is not). The explanation (<see cref="AccountRiskScore.SignalsJson"/>) enters as an XxHash3 of the
/// values its JSON is written from, exactly as written (rounded numbers, stored evidence): equal values give equal JSON,
/// so a run tells an unchanged row without formatting it. 64 bits: a changed row passing for unchanged is about one in
/// 10^19 per row.
/// </summary>
public static class ScoreRowHash
{
    private const ulong Offset = 0xCBF2_9CE4_8422_2325;
    private const ulong Prime = 0x0000_0100_0000_01B3;

    [ThreadStatic]
    private static XxHash3? t_signals;

    /// <summary>A signal's value as its JSON holds it.</summary>
    public static double ValueAsWritten(RiskSignal signal) => Math.Round(signal.Value, 3);

    /// <summary>A signal's contribution as its JSON holds it.</summary>
    public static double ContributionAsWritten(RiskSignal signal) => Math.Round(signal.Contribution, 2);

    /// <param name="row">The row; its <see cref="AccountRiskScore.SignalsJson"/> is not read.</param>
    /// <param name="signals">The signals the row's JSON is written from, in its order.</param>
    /// <param name="evidenceOf">Each signal's evidence as the JSON holds it.</param>
    public static long Of(AccountRiskScore row, IReadOnlyList<RiskSignal> signals, Func<RiskSignal, string> evidenceOf)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(evidenceOf);
        var h = Offset;
        h = Add(h, (ulong)row.AccountKey);
        h = Add(h, (ulong)BitConverter.DoubleToInt64Bits(row.Score));
        h = Add(h, row.Flagged ? 1UL : 0UL);
        h = Add(h, (ulong)BitConverter.DoubleToInt64Bits(row.ScoreBeforeCluster));
        h = Add(h, row.ClusterId);
        h = Add(h, row.TopSignals);
        h = Add(h, SignalsDigest(signals, evidenceOf));
        h = Add(h, row.CorroboratingFamilies);
        h = Add(h, row.FirstFlaggedAt is { } at ? (ulong)at.UtcTicks : ulong.MaxValue);
        return (long)h;
    }

    private static ulong SignalsDigest(IReadOnlyList<RiskSignal> signals, Func<RiskSignal, string> evidenceOf)
    {
        var hash = t_signals ??= new XxHash3();
        hash.Reset();
        Span<byte> fields = stackalloc byte[sizeof(long) * 4];
        foreach (var signal in signals)
        {
            Text(hash, signal.Name);
            BinaryPrimitives.WriteInt64LittleEndian(fields, (long)signal.Family);
            BinaryPrimitives.WriteInt64LittleEndian(fields[8..], BitConverter.DoubleToInt64Bits(ValueAsWritten(signal)));
            BinaryPrimitives.WriteInt64LittleEndian(fields[16..], BitConverter.DoubleToInt64Bits(ContributionAsWritten(signal)));
            BinaryPrimitives.WriteInt64LittleEndian(fields[24..], BitConverter.DoubleToInt64Bits(signal.Max));
            hash.Append(fields);
            Text(hash, evidenceOf(signal));
        }

        BinaryPrimitives.WriteInt64LittleEndian(fields, signals.Count);
        hash.Append(fields[..8]);
        return hash.GetCurrentHashAsUInt64();

        static void Text(XxHash3 hash, string text)
        {
            // The length ends the field, so moving text between neighbouring fields changes the digest.
            Span<byte> length = stackalloc byte[sizeof(int)];
            hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
            BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
            hash.Append(length);
        }
    }

    private static ulong Add(ulong h, ulong value) => (h ^ value) * Prime;

    private static ulong Add(ulong h, string? text)
    {
        if (text is null)
        {
            return Add(h, ulong.MaxValue - 1);
        }

        foreach (var c in text)
        {
            h = (h ^ c) * Prime;
        }

        // The length ends the field, so moving text between neighbouring fields changes the hash.
        return Add(h, (ulong)text.Length);
    }
}
