using InvestigationConsole.Domain.Risk;

namespace InvestigationConsole.Application.Scoring;

/// <summary>The phases of a run, in order.</summary>
public enum DetectionPhase
{
    Loading,
    Reading,
    Scoring,
    Writing,
    Finished,
}

/// <summary>Where a run stands: its phase and, while reading requests, how many accounts are done.</summary>
public sealed record DetectionProgress(long RunId, DetectionRunKind Kind, DetectionPhase Phase, int AccountsDone, int AccountsTotal, TimeSpan Elapsed)
{
    public double Fraction => Phase switch
    {
        DetectionPhase.Loading => 0,
        DetectionPhase.Reading => AccountsTotal == 0 ? 0.7 : 0.7 * AccountsDone / AccountsTotal,
        DetectionPhase.Scoring => 0.75,
        DetectionPhase.Writing => 0.9,
        _ => 1,
    };
}

/// <summary>The live progress of the running recompute, for the Detection admin page (one per process; the runs table is the record).</summary>
public sealed class DetectionProgressBoard
{
    private DetectionProgress? _current;

    public event Action? Changed;

    public DetectionProgress? Current => _current;

    public void Report(DetectionProgress progress)
    {
        _current = progress.Phase == DetectionPhase.Finished ? null : progress;
        Changed?.Invoke();
    }
}
