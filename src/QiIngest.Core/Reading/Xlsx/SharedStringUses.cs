namespace QiIngest.Core.Reading.Xlsx;

/// <summary>
/// How often the sheet's cells use each shared string, counted in the first pass over the sheet part and saturating at
/// two: two bits a string. A string used once need not be held once its cell is read.
/// </summary>
internal sealed class SharedStringUses
{
    private readonly int capacity;
    private ulong[] once = [];
    private ulong[] twice = [];
    private bool unknown;

    /// <param name="capacity">
    /// The most strings the shared-strings part can hold (its declared size over the 5 bytes of <c>&lt;si/&gt;</c>), which
    /// bounds the bits a hostile index can make; a string past it counts as used more than once, so it is always held.
    /// </param>
    public SharedStringUses(long capacity) => this.capacity = (int)Math.Clamp(capacity, 0, int.MaxValue);

    /// <summary>Counts one use of the string at <paramref name="index"/>.</summary>
    public void Add(int index)
    {
        if ((uint)index >= (uint)capacity)
        {
            return;
        }

        var word = index >> 6;
        if (word >= once.Length)
        {
            var size = Math.Max(word + 1, Math.Min(once.Length * 2, (capacity + 63) >> 6));
            Array.Resize(ref once, size);
            Array.Resize(ref twice, size);
        }

        var bit = 1UL << index;
        twice[word] |= once[word] & bit;
        once[word] |= bit;
    }

    /// <summary>Counts a use of some string, unknown which: from now on every string counts as used twice, so all are held.</summary>
    public void AddUnknown() => unknown = true;

    /// <summary>Whether a cell uses the string at <paramref name="index"/>.</summary>
    public bool IsUsed(int index) => Has(once, index);

    /// <summary>Whether more than one cell uses the string at <paramref name="index"/>.</summary>
    public bool IsUsedTwice(int index) => Has(twice, index);

    private bool Has(ulong[] bits, int index) =>
        unknown || (uint)index >= (uint)capacity || (index >> 6 < bits.Length && (bits[index >> 6] & (1UL << index)) != 0);
}
