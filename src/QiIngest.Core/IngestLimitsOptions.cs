namespace QiIngest.Core;

/// <summary>The bindable form of <see cref="IngestLimits"/> (configuration section <c>QiIngest:Limits</c>).</summary>
public sealed class IngestLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "QiIngest:Limits";

    /// <inheritdoc cref="IngestLimits.MaxFileBytes"/>
    public long MaxFileBytes { get; set; } = IngestLimits.Default.MaxFileBytes;

    /// <inheritdoc cref="IngestLimits.MaxDataRows"/>
    public int MaxDataRows { get; set; } = IngestLimits.Default.MaxDataRows;

    /// <inheritdoc cref="IngestLimits.MaxXlsxUncompressedBytes"/>
    public long MaxXlsxUncompressedBytes { get; set; } = IngestLimits.Default.MaxXlsxUncompressedBytes;

    /// <inheritdoc cref="IngestLimits.MaxXlsxEntries"/>
    public int MaxXlsxEntries { get; set; } = IngestLimits.Default.MaxXlsxEntries;

    /// <inheritdoc cref="IngestLimits.MaxJsonDepth"/>
    public int MaxJsonDepth { get; set; } = IngestLimits.Default.MaxJsonDepth;

    /// <summary>The immutable limits.</summary>
    public IngestLimits ToLimits() => new()
    {
        MaxFileBytes = MaxFileBytes,
        MaxDataRows = MaxDataRows,
        MaxXlsxUncompressedBytes = MaxXlsxUncompressedBytes,
        MaxXlsxEntries = MaxXlsxEntries,
        MaxJsonDepth = MaxJsonDepth,
    };
}
