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
}
