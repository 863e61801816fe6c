namespace QiIngest.Storage.Reading;

/// <summary>An upload without a receipt newer than itself: the pipeline has not finished it yet.</summary>
public sealed record PendingUpload(string File, DateTimeOffset UploadedAt, long Size);
