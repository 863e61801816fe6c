namespace QiIngest.Bench;

/// <summary>
/// The sizes of one run. Quick mode keeps a run under two minutes on a 2-core machine; full mode uses the sizes
/// where Azurite can take them. Azurite scans a partition on every write, so writing n rows into one partition costs
/// O(n^2): the Azurite ingestions are 10x smaller than the issue's, and the sizes run with stubbed observation
/// transactions (see README.md).
/// </summary>
internal sealed record BenchMode
{
    public required string Name { get; init; }

    /// <summary>Rows of the long CSV for <c>parse_vs_raw</c>.</summary>
    public required int ParseRows { get; init; }

    public required int ParseRuns { get; init; }

    /// <summary>Rows of the smaller and the larger ingestion (<c>ingest_growth</c>; the larger one also gives <c>ingest_vs_ceiling</c> and <c>transactions_per_1000_obs</c>).</summary>
    public required int IngestSmallRows { get; init; }

    public required int IngestLargeRows { get; init; }

    /// <summary>Rows of the smaller of the two ingestions with stubbed observation transactions (the larger has 10 times as many).</summary>
    public required int StubSmallRows { get; init; }

    /// <summary>How many times the smaller ingestion runs (median).</summary>
    public required int IngestSmallRuns { get; init; }

    /// <summary>Entities per ceiling trial (one trial per parallelism).</summary>
    public required int CeilingEntities { get; init; }

    /// <summary>Entities written one request each for <c>naive_vs_ceiling</c>.</summary>
    public required int NaiveEntities { get; init; }

    /// <summary>Size of the return whose ingestion's peak working set is <c>memory_100mib</c>.</summary>
    public required long MemoryFileBytes { get; init; }

    /// <summary>Rows of a return ingested both on Azurite and stubbed, to show that the stub does not change the peak (0: skip).</summary>
    public required int MemoryCheckRows { get; init; }

    /// <summary>Stored observation rows in the two rollup scenarios (<c>rollup_growth</c>).</summary>
    public required int RollupSmallRows { get; init; }

    public required int RollupLargeRows { get; init; }

    public required int RollupRuns { get; init; }

    /// <summary>Golden returns uploaded at once through the local host (<c>burst_vs_serial</c>): all 64 in full mode, the first 32 in quick mode.</summary>
    public required int BurstReturns { get; init; }

    public static BenchMode Quick { get; } = new()
    {
        Name = "quick",
        ParseRows = 100_000,
        ParseRuns = 7,
        IngestSmallRows = 500,
        IngestLargeRows = 5_000,
        StubSmallRows = 10_000,
        IngestSmallRuns = 3,
        CeilingEntities = 5_000,
        NaiveEntities = 500,
        MemoryFileBytes = 20L * 1024 * 1024,
        MemoryCheckRows = 0,
        RollupSmallRows = 1_000,
        RollupLargeRows = 100_000,
        RollupRuns = 15,
        BurstReturns = 32,
    };

    public static BenchMode Full { get; } = new()
    {
        Name = "full",
        ParseRows = 1_000_000,
        ParseRuns = 5,
        IngestSmallRows = 2_000,
        IngestLargeRows = 20_000,
        StubSmallRows = 100_000,
        IngestSmallRuns = 3,
        CeilingEntities = 20_000,
        NaiveEntities = 2_000,
        MemoryFileBytes = 100L * 1024 * 1024,
        MemoryCheckRows = 20_000,
        RollupSmallRows = 10_000,
        RollupLargeRows = 1_000_000,
        RollupRuns = 15,
        BurstReturns = 64,
    };
}
