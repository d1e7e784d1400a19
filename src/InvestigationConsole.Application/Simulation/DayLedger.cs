using System.Diagnostics;

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Collects one UTC day of exchanges for sorting; an exchange past the day (a session that runs over
/// midnight) waits for its own day, and anything outside the window is dropped.
/// </summary>
internal sealed class DayLedger(long windowStart, long windowEnd)
{
    private readonly List<Exchange> _later = [];
    private Exchange[] _items = [];
    private long[] _keys = new long[1 << 14];
    private long _dayStart;
    private long _dayEnd;

    public int Count { get; private set; }

    /// <summary>Starts a day in <paramref name="storage"/>, an array no one reads any more, so only two days are ever held.</summary>
    public void Open(long dayStart, Exchange[] storage)
    {
        _items = storage.Length >= _keys.Length ? storage : new Exchange[_keys.Length];
        Count = 0;
        _dayStart = dayStart;
        _dayEnd = dayStart + SimulationClock.TicksPerDay;
        var waiting = _later.ToArray();
        _later.Clear();
        foreach (var exchange in waiting)
        {
            Add(exchange);
        }
    }

    public void Add(in Exchange exchange)
    {
        if (exchange.Ticks < windowStart || exchange.Ticks >= windowEnd)
        {
            return;
        }

        Debug.Assert(exchange.Ticks >= _dayStart, "cohorts never emit into a day already written");
        if (exchange.Ticks >= _dayEnd)
        {
            _later.Add(exchange);
            return;
        }

        if (Count == _keys.Length)
        {
            Array.Resize(ref _items, _keys.Length * 2);
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        _items[Count] = exchange;
        _keys[Count] = exchange.Ticks;
        Count++;
    }

    /// <summary>The day's exchanges in time order (ties keep a fixed, seed-determined order); the first <see cref="Count"/> items count.</summary>
    public Exchange[] Sorted()
    {
        Array.Sort(_keys, _items, 0, Count);
        return _items;
    }
}
