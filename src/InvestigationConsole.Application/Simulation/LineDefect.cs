namespace InvestigationConsole.Application.Simulation;

/// <summary>Ways a line breaks the contract, injected on request so the quarantine has something to show.</summary>
internal enum LineDefect : byte
{
    None,
    InvalidJson,
    NegativeTokenCount,
    BadIp,
    BadTimestamp,
    MissingRequiredField,
    WrongType,

    /// <summary>Valid, but the request_id of the line before: ingestion must skip it, not count it twice.</summary>
    DuplicateRequestId,

    /// <summary>Over 1 MiB: an unknown field carries a huge blob.</summary>
    Oversized,
}

/// <summary>A defective line placed before the exchange at <see cref="Before"/> (its index in the day's file).</summary>
internal readonly record struct PlannedDefect(int Before, LineDefect Defect);

/// <summary>Decides, per day file, where the defective lines go: a few per day, every kind in turn, one oversized line.</summary>
internal static class DefectPlanner
{
    private static readonly LineDefect[] Rotation =
    [
        LineDefect.InvalidJson, LineDefect.NegativeTokenCount, LineDefect.BadIp, LineDefect.BadTimestamp,
        LineDefect.MissingRequiredField, LineDefect.WrongType, LineDefect.DuplicateRequestId,
    ];

    public static PlannedDefect[] For(ulong seedKey, int day, int exchanges)
    {
        if (exchanges < 2)
        {
            return [];
        }

        var random = SimulationRandom.For(seedKey, 0xBAD, (ulong)day);
        var count = random.Between(1, 3);
        var defects = new List<PlannedDefect>();
        for (var i = 0; i < count; i++)
        {
            defects.Add(new(random.Between(1, exchanges - 1), Rotation[((day * 3) + i) % Rotation.Length]));
        }

        if (day == 0)
        {
            defects.Add(new(random.Between(1, exchanges - 1), LineDefect.Oversized));
        }

        return [.. defects.OrderBy(d => d.Before).ThenBy(d => d.Defect)];
    }

    public static string Reason(LineDefect defect) => defect switch
    {
        LineDefect.InvalidJson => "invalid JSON (line cut short)",
        LineDefect.NegativeTokenCount => "negative output_tokens",
        LineDefect.BadIp => "unparseable ip",
        LineDefect.BadTimestamp => "unparseable ts",
        LineDefect.MissingRequiredField => "required field model missing",
        LineDefect.WrongType => "input_tokens is a string",
        LineDefect.DuplicateRequestId => "duplicate request_id (valid line, must be skipped)",
        LineDefect.Oversized => "line longer than 1 MiB",
        _ => "none",
    };
}
