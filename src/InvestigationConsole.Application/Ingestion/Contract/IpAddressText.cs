using System.Net;
using System.Net.Sockets;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>
/// Parses a client address as the contract means it: a dotted-quad IPv4 or a plain IPv6 address.
/// <see cref="IPAddress.TryParse(ReadOnlySpan{byte}, out IPAddress?)"/> alone also takes "127.1", "0x7f.0.0.1",
/// octal "010.0.0.1" (= 8.0.0.1), "[::1]:80" and zone ids, which would put different spellings of one host, or wrong hosts, into the data.
/// </summary>
internal static class IpAddressText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out IPAddress? address)
    {
        address = null;
        if (text.IsEmpty || text.Length > 45)
        {
            return false;
        }

        if (!text.Contains((byte)':'))
        {
            return TryParseDottedQuad(text, out address);
        }

        foreach (var b in text)
        {
            if (!(b == ':' || b == '.' || char.IsAsciiHexDigit((char)b)))
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        // Dual-stack gateways report IPv4 clients as ::ffff:a.b.c.d; one host must have one address for linking.
        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    private static bool TryParseDottedQuad(ReadOnlySpan<byte> text, out IPAddress? address)
    {
        address = null;
        Span<byte> octets = stackalloc byte[4];
        var octet = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var value = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9 && i - start < 3)
            {
                value = (value * 10) + (text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            octets[octet++] = (byte)value;
            if (octet == 4)
            {
                break;
            }

            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }

            i++;
        }

        if (i != text.Length)
        {
            return false;
        }

        address = new IPAddress(octets);
        return true;
    }
}
