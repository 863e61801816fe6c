namespace QiIngest.Core.Reading;

/// <summary>Counts bytes read, across one stream or several, and stops the read with its error once they pass the limit.</summary>
/// <param name="limit">The most bytes that may be read.</param>
/// <param name="overrun">The error past the limit, given the name of what was being read.</param>
internal sealed class ByteBudget(long limit, Func<string, ReturnReadException> overrun)
{
    private long used;

    /// <summary>The budget of a forward-only upload: the file size limit of section 7.</summary>
    public static ByteBudget FileSize(long limit) => new(limit, _ => new ReturnReadException(ReturnFile.SizeLimitIssue(null, limit)));

    public void Charge(int count, string name)
    {
        used += count;
        if (used > limit)
        {
            throw overrun(name);
        }
    }
}
