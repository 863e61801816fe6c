namespace QiIngest.Reliability.Tests.Harness;

/// <summary>Which container or table of the pipeline a storage request is for.</summary>
internal enum StorageRole
{
    Other,
    Uploads,
    Receipts,
    Reports,
    Submissions,
    Observations,
    Aggregates,
    Status,
    RetryQueue,
    PoisonQueue,
}
