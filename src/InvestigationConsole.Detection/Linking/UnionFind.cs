namespace InvestigationConsole.Detection.Linking;

/// <summary>Disjoint sets with union by size and path halving: near-constant time per operation.</summary>
internal sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public UnionFind(int count)
    {
        _parent = new int[count];
        _size = new int[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    public void Union(int a, int b)
    {
        var x = Find(a);
        var y = Find(b);
        if (x == y)
        {
            return;
        }

        if (_size[x] < _size[y])
        {
            (x, y) = (y, x);
        }

        _parent[y] = x;
        _size[x] += _size[y];
    }

    public int SizeOf(int root) => _size[Find(root)];
}
