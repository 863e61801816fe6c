namespace QiIngest.Storage.Ingestion;

/// <summary>What one reconciliation sweep did: the figures for the log and for a metric.</summary>
/// <param name="Ingested">Uploads without a final receipt that it ingested to the end.</param>
/// <param name="Failed">Uploads it tried that failed again (they stay "failed, will retry").</param>
/// <param name="Pending">Uploads still due that it left for the next run (its bound was reached).</param>
/// <param name="StagedPartitionsDeleted">Observation partitions of abandoned stagings it deleted.</param>
/// <param name="StagedRowsDeleted">Observation rows of abandoned stagings it deleted.</param>
/// <param name="MarkersCleared">Staging markers it removed (abandoned, or left behind by a commit).</param>
public sealed record SweepRun(int Ingested, int Failed, int Pending, int StagedPartitionsDeleted, int StagedRowsDeleted, int MarkersCleared);
