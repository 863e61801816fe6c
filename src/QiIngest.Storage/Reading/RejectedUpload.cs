using QiIngest.Core.Receipts;

namespace QiIngest.Storage.Reading;

/// <summary>A file the pipeline rejected for a (reporter, period), with its receipt (null when the receipt cannot be read).</summary>
public sealed record RejectedUpload(string File, string Sha256, DateTimeOffset? ProcessedAt, Receipt? Receipt);
