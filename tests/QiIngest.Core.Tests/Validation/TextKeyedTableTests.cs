using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Validation;

public class TextKeyedTableTests
{
    [Fact]
    public void GetOrAdd_ManyKeysInAnyOrder_EachKeepsItsOwnValue()
    {
        var table = new TextKeyedTable<long>();
        var keys = Enumerable.Range(0, 50_000).Select(i => $"区县{i:D6}").ToArray();
        foreach (var key in keys)
        {
            table.GetOrAdd(key) = key.GetHashCode(StringComparison.Ordinal);
        }

        // Shuffled lookups (not the last key) after every growth of the index.
        foreach (var i in Enumerable.Range(0, keys.Length).Select(i => (int)((i * 7_919L) % keys.Length)))
        {
            Assert.Equal(keys[i].GetHashCode(StringComparison.Ordinal), table.GetOrAdd(keys[i]));
            Assert.Equal(keys[i], table.KeyOf(table.LastIndex).ToString());
        }

        Assert.Equal(keys.Length, table.Count);
    }

    [Fact]
    public void GetOrAdd_EmptyLongAndSimilarKeys_AreDistinct()
    {
        var table = new TextKeyedTable<int>();
        string[] keys = [string.Empty, "a", "a ", new string('x', 5_000), new string('x', 4_999), "区"];
        for (var i = 0; i < keys.Length; i++)
        {
            table.GetOrAdd(keys[i]) = i + 1;
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(table.TryFind(keys[i], out var index));
            Assert.Equal(i + 1, table.ValueAt(index));
            Assert.Equal(keys[i], table.KeyOf(index).ToString());
        }

        Assert.False(table.TryFind("b", out _));
        Assert.Equal(keys.Length, table.Count);
    }

    [Fact]
    public void GetOrAdd_ReturnsARefToTheStoredValue()
    {
        var table = new TextKeyedTable<int>();
        table.GetOrAdd("南京市")++;
        table.GetOrAdd("无锡市")++;
        table.GetOrAdd("南京市")++;

        Assert.True(table.TryFind("南京市", out var nanjing));
        Assert.Equal(2, table.ValueAt(nanjing));
    }
}
