namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>
/// The signals one rule made lately, so that a signal equal to one of them is that same (immutable) record: a run keeps
/// every account's signals, and most of them repeat another account's word for word (a silent "only 12 prompts: too few
/// to judge ..." above all), which would otherwise be a new record and a new evidence string each.
/// </summary>
/// <remarks>
/// Lossy and bounded: a slot holds the last signal whose evidence hashed to it. Threads share it without locks; a race
/// costs at most an equal duplicate, never a different signal, since a hit must match every field (numbers by their bits).
/// </remarks>
internal sealed class RecentSignals
{
    private const int Slots = 1 << 12;
    private readonly RiskSignal?[] _slots = new RiskSignal?[Slots];

    public RiskSignal Get(string name, SignalFamily family, double value, double contribution, double max, ReadOnlySpan<char> evidence)
    {
        ref var slot = ref _slots[string.GetHashCode(evidence) & (Slots - 1)];
        var recent = Volatile.Read(ref slot);
        if (recent is not null && Same(recent.Value, value) && Same(recent.Contribution, contribution) && Same(recent.Max, max)
            && recent.Family == family && string.Equals(recent.Name, name, StringComparison.Ordinal) && evidence.SequenceEqual(recent.Evidence))
        {
            return recent;
        }

        var signal = new RiskSignal(name, family, value, contribution, max, evidence.ToString());
        Volatile.Write(ref slot, signal);
        return signal;
    }

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
