namespace QiIngest.Bench.Storage;

/// <summary>Requests counted by <see cref="RequestCounter"/>, by service, and the bytes of the table transactions' bodies.</summary>
internal readonly record struct RequestCount(long TableBatches, long TableOther, long Blob, long Other, long TableBatchBytes)
{
    public long Total => TableBatches + TableOther + Blob + Other;

    public long AverageBatchBytes => TableBatches == 0 ? 0 : TableBatchBytes / TableBatches;

    public static RequestCount operator -(RequestCount a, RequestCount b) =>
        new(a.TableBatches - b.TableBatches, a.TableOther - b.TableOther, a.Blob - b.Blob, a.Other - b.Other, a.TableBatchBytes - b.TableBatchBytes);

    public RequestCount Subtract(RequestCount other) => this - other;
}
