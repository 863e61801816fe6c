using Microsoft.Extensions.Logging;

namespace QiIngest.Storage.Ingestion;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Ingested {BlobName}: {Outcome}, version {Version}, {Observations} observations, {Errors} errors, {Warnings} warnings")]
    public static partial void Ingested(ILogger logger, string blobName, string outcome, int? version, int observations, int errors, int warnings);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{BlobName} repeats the bytes of {ReceiptName} (sha256 {Sha256}): nothing to do")]
    public static partial void Duplicate(ILogger logger, string blobName, string receiptName, string sha256);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{BlobName} no longer exists; nothing to ingest")]
    public static partial void Vanished(ILogger logger, string blobName);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Rejected {BlobName}: {Errors} errors, first {FirstError}")]
    public static partial void Rejected(ILogger logger, string blobName, int errors, string firstError);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{BlobName} was replaced after this run read it: its receipt at the name is left to the newer upload's run")]
    public static partial void Replaced(ILogger logger, string blobName);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "{BlobName} became version {Version}, not the current one: version {Current} was uploaded later")]
    public static partial void NotCurrent(ILogger logger, string blobName, int version, int current);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Could not record the failed attempt of {BlobName}: {Reason}")]
    public static partial void StatusNotRecorded(ILogger logger, string blobName, string reason);
}
