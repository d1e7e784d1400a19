using System.Net;
using CsCheck;
using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Detection.Tests.Features;

public class IpPrefixTests
{
    [Theory]
    [InlineData("198.51.100.77", "198.51.100.0/24")]
    [InlineData("198.51.100.0", "198.51.100.0/24")]
    [InlineData("10.0.0.255", "10.0.0.0/24")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.0/24")]
    [InlineData("2001:db8:1234:5678::1", "2001:db8:1234::/48")]
    [InlineData("2001:db8:abcd:ffff:ffff:ffff:ffff:ffff", "2001:db8:abcd::/48")]
    [InlineData("fe80::1%3", "fe80::/48")]
    [InlineData("::1", "::/48")]
    public void Of_Address_ReturnsItsNetwork(string address, string expected) =>
        Assert.Equal(expected, IpPrefix.Of(IPAddress.Parse(address)));

    [Fact]
    public void Of_AddressesInOneSlash24_ShareThePrefix()
    {
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte).Sample((a, b, c, host1, host2) =>
            IpPrefix.Of(new IPAddress([a, b, c, host1])) == IpPrefix.Of(new IPAddress([a, b, c, host2])));
    }

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:198.51.100.7")]
    [InlineData("fe80::1%eth0")]
    public void TryParse_WellFormedAddress_Succeeds(string text)
    {
        Assert.True(IpPrefix.TryParse(text, out var ip));
        Assert.Equal(IPAddress.Parse(text), ip);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("010.1.1.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4:80")]
    [InlineData("[::1]:80")]
    [InlineData("2001:db8::g")]
    [InlineData("not an ip")]
    public void TryParse_MalformedOrAmbiguousText_Fails(string text)
    {
        Assert.False(IpPrefix.TryParse(text, out var ip));
        Assert.Null(ip);
    }
}
