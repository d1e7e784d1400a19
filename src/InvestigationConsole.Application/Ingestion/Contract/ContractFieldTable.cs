using System.Text;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>The field names of one stream in contract order, with the required ones, for lookup by UTF-8 name.</summary>
internal sealed class ContractFieldTable
{
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly ulong _requiredMask;

    public ContractFieldTable(string[] names, params string[] required)
    {
        _names = names;
        _utf8Names = Array.ConvertAll(names, Encoding.UTF8.GetBytes);
        foreach (var name in required)
        {
            var index = Array.IndexOf(names, name);
            if (index < 0)
            {
                throw new ArgumentException($"required field '{name}' is not among the field names", nameof(required));
            }

            _requiredMask |= 1UL << index;
        }
    }

    public string this[int field] => _names[field];

    /// <summary>
    /// The field's index, or -1 for a field the contract does not name (ignored). Exports write fields in a fixed order,
    /// so the search starts after the previous hit and usually succeeds at once.
    /// </summary>
    public int Find(ReadOnlySpan<byte> name, ref int hint)
    {
        for (var k = 0; k < _utf8Names.Length; k++)
        {
            var i = hint + k;
            if (i >= _utf8Names.Length)
            {
                i -= _utf8Names.Length;
            }

            if (name.SequenceEqual(_utf8Names[i]))
            {
                hint = i + 1;
                return i;
            }
        }

        return -1;
    }

    /// <summary>A <see cref="RejectionReason.MissingField"/> fault naming every absent required field in contract order, or null.</summary>
    public LineFault? CheckRequired(ulong seenMask)
    {
        var missing = _requiredMask & ~seenMask;
        if (missing == 0)
        {
            return null;
        }

        var names = new List<string>();
        for (var i = 0; i < _names.Length; i++)
        {
            if ((missing & (1UL << i)) != 0)
            {
                names.Add(_names[i]);
            }
        }

        var message = names.Count == 1
            ? $"missing required field '{names[0]}'"
            : $"missing required fields {string.Join(", ", names.Select(n => $"'{n}'"))}";
        return new LineFault(RejectionReason.MissingField, names[0], message);
    }
}
