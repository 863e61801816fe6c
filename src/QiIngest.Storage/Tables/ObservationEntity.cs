using Azure;
using Azure.Data.Tables;
using QiIngest.Core;

namespace QiIngest.Storage.Tables;

/// <summary>The table form of an <see cref="QiIngest.Core.Observation"/>. Values are exact decimal strings: tables have no decimal type.</summary>
public sealed class ObservationEntity : ITableEntity
{
    /// <summary>Notes longer than this are cut, so that an entity stays inside the table's property limit (64 KiB).</summary>
    internal const int MaxNoteLength = 4000;

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Reporter { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    public string Indicator { get; set; } = string.Empty;

    public string? RegionCode { get; set; }

    public string? RegionName { get; set; }

    /// <summary>The value in the canonical unit, as an invariant decimal string; null when missing.</summary>
    public string? Value { get; set; }

    public string Unit { get; set; } = string.Empty;

    public string? Note { get; set; }

    public int Row { get; set; }

    /// <summary>A rough upper bound of the entity's size in a transaction payload, for the 4 MiB batch rule.</summary>
    internal int EstimatedBytes => 512 + (2 * (PartitionKey.Length + RowKey.Length + Reporter.Length + Period.Length + Indicator.Length + (RegionCode?.Length ?? 0) + (RegionName?.Length ?? 0) + (Value?.Length ?? 0) + Unit.Length)) + (6 * (Note?.Length ?? 0));

    public static ObservationEntity From(Observation observation, string partition, string reporter, string period)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new ObservationEntity
        {
            PartitionKey = partition,
            RowKey = TableKeys.Observation(observation.Indicator, observation.RegionCode, observation.RegionName),
            Reporter = reporter,
            Period = period,
            Indicator = observation.Indicator,
            RegionCode = observation.RegionCode,
            RegionName = Cut(observation.RegionName, 1000),
            Value = observation.Value is { } v ? Text.Format(v) : null,
            Unit = observation.Unit,
            Note = Cut(observation.Note, MaxNoteLength),
            Row = observation.Row,
        };
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
