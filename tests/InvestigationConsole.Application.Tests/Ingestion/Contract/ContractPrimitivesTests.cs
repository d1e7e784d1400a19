using System.Text;
using InvestigationConsole.Application.Ingestion.Contract;

namespace InvestigationConsole.Application.Tests.Ingestion.Contract;

public sealed class ContractPrimitivesTests
{
    [Fact]
    public void Crc32_StandardCheckInput_GivesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Append(0, "123456789"u8));
    }

    [Fact]
    public void Crc32_DataInPieces_EqualsCrcOfTheWhole()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);

        var pieces = Crc32.Append(Crc32.Append(Crc32.Append(0, data.AsSpan(0, 3)), data.AsSpan(3, 500)), data.AsSpan(503));

        Assert.Equal(Crc32.Append(0, data), pieces);
    }

    [Theory]
    [InlineData("1.0", "Integral", 1)]
    [InlineData("-7.000", "Integral", -7)]
    [InlineData("1e3", "Integral", 1000)]
    [InlineData("1E+3", "Integral", 1000)]
    [InlineData("12.5e1", "Integral", 125)]
    [InlineData("0e-5", "Integral", 0)]
    [InlineData("-9223372036854775808.0", "Integral", long.MinValue)]
    [InlineData("9223372036854775807.0", "Integral", long.MaxValue)]
    [InlineData("9223372036854775808.0", "OutOfRange", 0)]
    [InlineData("1e19", "OutOfRange", 0)]
    [InlineData("1e400", "OutOfRange", 0)]
    [InlineData("1.5", "NotIntegral", 0)]
    [InlineData("12.34e1", "NotIntegral", 0)]
    [InlineData("1e-400", "NotIntegral", 0)]
    [InlineData("1.000000000000000000000000000001", "NotIntegral", 0)]
    public void JsonInteger_Number_IsClassifiedByItsDigits(string number, string kind, long value)
    {
        Assert.Equal(Enum.Parse<JsonIntegerKind>(kind), JsonInteger.Classify(Encoding.ASCII.GetBytes(number), out var parsed));
        Assert.Equal(value, parsed);
    }
}
