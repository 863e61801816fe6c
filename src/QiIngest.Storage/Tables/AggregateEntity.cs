using Azure;
using Azure.Data.Tables;

namespace QiIngest.Storage.Tables;

/// <summary>
/// A row of <c>NationalAggregates</c>: partition = period, row = indicator code; plus one <c>_rollup</c> row per period
/// that records the inputs' fingerprint, written in the same transaction. Numbers are exact decimal strings.
/// </summary>
public sealed class AggregateEntity : ITableEntity
{
    /// <summary>The row key of the per-period state row.</summary>
    public const string StateRowKey = "_rollup";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? Value { get; set; }

    public string? Rounded { get; set; }

    public string? Unit { get; set; }

    public string? YoyPercent { get; set; }

    public string? YoyRounded { get; set; }

    public int? Reporters { get; set; }

    public string? Status { get; set; }

    /// <summary>The fingerprint of the inputs (reporter, version, hash of this period and the previous one).</summary>
    public string? Fingerprint { get; set; }

    /// <summary>Reporter → version used, as JSON (on the state row).</summary>
    public string? Inputs { get; set; }

    public DateTimeOffset? ComputedAt { get; set; }
}
