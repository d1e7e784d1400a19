using System.Buffers.Text;

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// IPv4 addresses drawn from public unicast space (private, shared, loopback, link-local and
/// documentation blocks left out) and IPv6 addresses under the documentation prefix 2001:db8::/32.
/// </summary>
internal sealed class AddressSpace
{
    private static readonly byte[] FirstOctets = Enumerable.Range(1, 223)
        .Where(o => o is not (10 or 100 or 127 or 169 or 172 or 192 or 198 or 203))
        .Select(o => (byte)o)
        .ToArray();

    private readonly uint[] _cloudBlocks;
    private readonly uint[] _vpnExits;

    public AddressSpace(ulong seedKey)
    {
        var random = SimulationRandom.For(seedKey, 0xADD7E55);
        _cloudBlocks = SimulationRandom.Draw(ref random, 24, (ref SimulationRandom r) => RandomSlash24(ref r) & 0xFFFF0000);
        _vpnExits = SimulationRandom.Draw(ref random, 48, CloudSlash24);
    }

    /// <summary>A /24 somewhere in the public address space: a home ISP's, a campus's, a company's.</summary>
    public static uint RandomSlash24(ref SimulationRandom random) =>
        ((uint)FirstOctets[random.Next(FirstOctets.Length)] << 24) | ((uint)random.Next(256) << 16) | ((uint)random.Next(256) << 8);

    /// <summary>A /24 inside one of a few hosting providers' /16 blocks.</summary>
    public uint CloudSlash24(ref SimulationRandom random) =>
        _cloudBlocks[random.Next(_cloudBlocks.Length)] | ((uint)random.Next(256) << 8);

    /// <summary>A commercial VPN exit: shared by many unrelated people.</summary>
    public uint VpnExit(ref SimulationRandom random) => Host(_vpnExits[random.Next(_vpnExits.Length)], ref random);

    public static uint Host(uint slash24, ref SimulationRandom random) => (slash24 & 0xFFFFFF00) | (uint)random.Between(2, 254);

    public static uint RandomHost(ref SimulationRandom random) => Host(RandomSlash24(ref random), ref random);

    /// <summary>Writes the address; an IPv6 address keeps its /64 from <paramref name="ip"/> and its interface id from <paramref name="salt"/>.</summary>
    public static int Format(uint ip, bool ipv6, ulong salt, Span<byte> destination)
    {
        if (!ipv6)
        {
            var written = 0;
            for (var shift = 24; shift >= 0; shift -= 8)
            {
                Utf8Formatter.TryFormat((ip >> shift) & 0xFF, destination[written..], out var n);
                written += n;
                if (shift > 0)
                {
                    destination[written++] = (byte)'.';
                }
            }

            return written;
        }

        "2001:db8:"u8.CopyTo(destination);
        var length = 9;
        Span<ushort> groups = [(ushort)(ip >> 16), (ushort)ip, (ushort)(salt >> 48), (ushort)(salt >> 32), (ushort)(salt >> 16), (ushort)salt];
        for (var i = 0; i < groups.Length; i++)
        {
            Utf8Formatter.TryFormat(groups[i], destination[length..], out var n, new System.Buffers.StandardFormat('x'));
            length += n;
            if (i < groups.Length - 1)
            {
                destination[length++] = (byte)':';
            }
        }

        return length;
    }

    public static string ToText(uint ip, bool ipv6 = false, ulong salt = 0)
    {
        Span<byte> buffer = stackalloc byte[48];
        var length = Format(ip, ipv6, salt, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }
}
