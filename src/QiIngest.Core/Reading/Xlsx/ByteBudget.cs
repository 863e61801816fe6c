namespace QiIngest.Core.Reading.Xlsx;

/// <summary>Counts decompressed bytes and stops the read when they pass the limit.</summary>
internal sealed class ByteBudget(long limit, Func<string, ReturnReadException> overrun)
{
    private long used;

    public void Charge(int count, string part)
    {
        used += count;
        if (used > limit)
        {
            throw overrun(part);
        }
    }
}
