namespace InvestigationConsole.Application.Simulation;

[Flags]
internal enum ExchangeFlags : byte
{
    None = 0,
    IPv6 = 1,
    LegacyEndpoint = 2,
}

/// <summary>
/// One API exchange as the simulation decides it; the request line (prompt, tokens, latency) is
/// derived from <see cref="Seed"/> only when it is written, so a day's worth fits in memory.
/// </summary>
internal struct Exchange
{
    public long Ticks;
    public ulong Seed;
    public int Account;
    public uint Ip;
    public int SystemPrompt;
    public ushort UserAgent;
    public ushort Turns;
    public short Status;
    public byte Model;
    public PromptFamily Family;
    public byte ToolCount;
    public ExchangeFlags Flags;

    /// <summary>Shared-theme slots (one homework problem for a whole class) draw from these 16 bits.</summary>
    public readonly ushort Theme => (ushort)(Seed >> 48);

    public static ulong SeedWithTheme(ulong seed, int theme) => (seed & 0x0000_FFFF_FFFF_FFFF) | ((ulong)(ushort)theme << 48);
}
