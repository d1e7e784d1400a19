using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace InvestigationConsole.Detection.Features;

/// <summary>
/// The network an address belongs to, as investigators compare them: the IPv4 /24 and the IPv6 /48
/// (the usual allocation to one site), so rotating addresses inside one range still count as one place.
/// </summary>
public static class IpPrefix
{
    public const int IPv4Bits = 24;
    public const int IPv6Bits = 48;

    private static readonly SearchValues<char> IPv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");

    /// <summary>"198.51.100.0/24" for IPv4 (and IPv4-mapped IPv6), "2001:db8:1234::/48" for IPv6.</summary>
    public static string Of(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        switch (ip.AddressFamily)
        {
            case AddressFamily.InterNetwork:
            {
                Span<byte> v4 = stackalloc byte[4];
                ip.TryWriteBytes(v4, out _);
                return $"{v4[0]}.{v4[1]}.{v4[2]}.0/{IPv4Bits}";
            }

            case AddressFamily.InterNetworkV6:
            {
                Span<byte> v6 = stackalloc byte[16];
                ip.TryWriteBytes(v6, out _);
                v6[(IPv6Bits / 8)..].Clear();
                return $"{new IPAddress(v6)}/{IPv6Bits}";
            }

            default:
                throw new ArgumentException($"{ip.AddressFamily} addresses have no network prefix.", nameof(ip));
        }
    }

    /// <summary>
    /// Parses an address as the gateway writes it. Stricter than <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>,
    /// which reads "1" as 0.0.0.1 and "010.1.1.1" as octal: such text in a log is damage, not an address.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? ip)
    {
        ip = null;
        if (text.Contains(':'))
        {
            var zone = text.IndexOf('%');
            var address = zone < 0 ? text : text[..zone];
            return !address.ContainsAnyExcept(IPv6Chars)
                && IPAddress.TryParse(text, out ip)
                && ip.AddressFamily == AddressFamily.InterNetworkV6;
        }

        Span<byte> bytes = stackalloc byte[4];
        var part = 0;
        foreach (var range in text.Split('.'))
        {
            var digits = text[range];
            if (part == 4 || digits.IsEmpty || digits.Length > 3 || (digits.Length > 1 && digits[0] == '0')
                || digits.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            var value = 0;
            foreach (var digit in digits)
            {
                value = (value * 10) + (digit - '0');
            }

            if (value > byte.MaxValue)
            {
                return false;
            }

            bytes[part++] = (byte)value;
        }

        if (part != 4)
        {
            return false;
        }

        ip = new IPAddress(bytes);
        return true;
    }
}
