using Microsoft.Extensions.Logging;

namespace QiIngest.Api;

internal static partial class Log
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Refused the bearer token on {Path}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "{Caller} may upload {BlobName} until {ExpiresOn}")]
    public static partial void UploadGranted(ILogger logger, string caller, string blobName, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Health check failed: {Problems}")]
    public static partial void Unhealthy(ILogger logger, string problems);
}
