namespace QiIngest.Storage.Tables;

/// <summary>
/// The staged rows of an ingestion were taken over (by the sweep, or by another delivery of the same bytes) before it
/// committed. An infrastructure condition, not bad input: it propagates so that the upload is ingested again.
/// </summary>
public sealed class StagingLostException(string message) : Exception(message);
