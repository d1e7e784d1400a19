using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>CRC-32 (IEEE 802.3, as in the gzip trailer), slicing by 8. The BCL's is in System.IO.Hashing, a package we do not take.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        ref var t = ref MemoryMarshal.GetArrayDataReference(Table);
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = Unsafe.Add(ref t, (7 * 256) + (int)(one & 0xFF))
                ^ Unsafe.Add(ref t, (6 * 256) + (int)((one >> 8) & 0xFF))
                ^ Unsafe.Add(ref t, (5 * 256) + (int)((one >> 16) & 0xFF))
                ^ Unsafe.Add(ref t, (4 * 256) + (int)(one >> 24))
                ^ Unsafe.Add(ref t, (3 * 256) + (int)(two & 0xFF))
                ^ Unsafe.Add(ref t, (2 * 256) + (int)((two >> 8) & 0xFF))
                ^ Unsafe.Add(ref t, 256 + (int)((two >> 16) & 0xFF))
                ^ Unsafe.Add(ref t, (int)(two >> 24));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = Unsafe.Add(ref t, (int)((crc ^ b) & 0xFF)) ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        for (var i = 0; i < 256; i++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
