namespace QiIngest.Storage;

/// <summary>Names and tuning of the storage QiIngest uses. Bound from the configuration section <c>QiIngest:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "QiIngest:Storage";

    /// <summary>The name of the connection (app setting or section) of the data account, as the blob trigger names it.</summary>
    public const string ConnectionName = "QiStorage";

    /// <summary>The queue the blob trigger moves an upload's message to after its last try (the host's fixed name).</summary>
    public const string PoisonQueue = "webjobs-blobtrigger-poison";

    /// <summary>The setting of the uploads container, as the triggers' binding expressions name it.</summary>
    public const string UploadsContainerSetting = Section + ":" + nameof(UploadsContainer);

    /// <summary>The setting of the retry queue, as the triggers' binding expressions name it.</summary>
    public const string RetryQueueSetting = Section + ":" + nameof(RetryQueue);

    /// <summary>Where reporters upload returns.</summary>
    public string UploadsContainer { get; set; } = "uploads";

    /// <summary>Where receipts go, mirroring the uploads' paths.</summary>
    public string ReceiptsContainer { get; set; } = "receipts";

    /// <summary>Where the rollup publishes reports.</summary>
    public string ReportsContainer { get; set; } = "reports";

    /// <summary>The ledger of submissions and versions.</summary>
    public string SubmissionsTable { get; set; } = "Submissions";

    /// <summary>The normalised observations, one partition per accepted file.</summary>
    public string ObservationsTable { get; set; } = "Observations";

    /// <summary>The national aggregates the rollup writes.</summary>
    public string AggregatesTable { get; set; } = "NationalAggregates";

    /// <summary>One row per upload: received, being processed, failed and when it is retried, or final (<c>UploadStatus</c>).</summary>
    public string StatusTable { get; set; } = "UploadStatus";

    /// <summary>The queue of delayed retries of uploads that failed past the host's own retries (in the data account).</summary>
    public string RetryQueue { get; set; } = "qiingest-retry";

    /// <summary>How long a staging marker may stand before the sweep collects its rows: well past the host's <c>functionTimeout</c> (10 minutes).</summary>
    public TimeSpan StagingTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an upload may wait for its trigger before the sweep ingests it, and how long a run may say "being processed" before it counts as dead.</summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most uploads one sweep ingests, and most staging markers it collects.</summary>
    public int SweepBatch { get; set; } = 20;

    /// <summary>The delay before the first delayed retry; each further one doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many table transactions one ingestion keeps in flight.</summary>
    public int MaxParallelTransactions { get; set; } = 8;

    /// <summary>
    /// How many table partitions a version's observations are striped over: transaction t (100 rows) goes to partition
    /// t mod this. Azure serves about 2,000 entities per second per partition, so the transactions in flight go to
    /// different partitions; a small return still fills one transaction of one partition. On Azurite, whose writes slow
    /// down with the size of their partition, 64 wrote a 5,000-row return faster than 32 (bench/README.md).
    /// </summary>
    public int ObservationPartitions { get; set; } = 64;

    /// <summary>Every problem with these options, all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, value) in new[] { (nameof(UploadsContainer), UploadsContainer), (nameof(ReceiptsContainer), ReceiptsContainer), (nameof(ReportsContainer), ReportsContainer) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length is < 3 or > 63 || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add($"{Section}:{name} '{value}' is not a valid container name (3-63 lower-case letters, digits and hyphens).");
            }
        }

        foreach (var (name, value) in new[] { (nameof(RetryQueue), RetryQueue) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length is < 3 or > 63 || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add($"{Section}:{name} '{value}' is not a valid queue name (3-63 lower-case letters, digits and hyphens).");
            }
        }

        foreach (var (name, value) in new[] { (nameof(SubmissionsTable), SubmissionsTable), (nameof(ObservationsTable), ObservationsTable), (nameof(AggregatesTable), AggregatesTable), (nameof(StatusTable), StatusTable) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length is < 3 or > 63 || !char.IsAsciiLetter(value[0]) || !value.All(char.IsAsciiLetterOrDigit))
            {
                errors.Add($"{Section}:{name} '{value}' is not a valid table name (3-63 letters and digits, starting with a letter).");
            }
        }

        if (MaxParallelTransactions is < 1 or > 64)
        {
            errors.Add($"{Section}:{nameof(MaxParallelTransactions)} must be 1 to 64, not {MaxParallelTransactions}.");
        }

        if (ObservationPartitions is < 1 or > 9999)
        {
            errors.Add($"{Section}:{nameof(ObservationPartitions)} must be 1 to 9999, not {ObservationPartitions}.");
        }

        foreach (var (name, value) in new[] { (nameof(StagingTimeout), StagingTimeout), (nameof(SweepGrace), SweepGrace), (nameof(RetryBaseDelay), RetryBaseDelay), (nameof(RetryMaxDelay), RetryMaxDelay) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{Section}:{name} must be positive, not {value}.");
            }
        }

        if (SweepBatch is < 1 or > 1000)
        {
            errors.Add($"{Section}:{nameof(SweepBatch)} must be 1 to 1000, not {SweepBatch}.");
        }

        return errors;
    }
}
