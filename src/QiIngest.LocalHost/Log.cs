using Microsoft.Extensions.Logging;

namespace QiIngest.LocalHost;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Critical, "The local host stops: a trigger listener failed outside any function ({ExceptionType}: {Reason}).")]
    public static partial void Stopping(ILogger logger, string exceptionType, string reason, Exception exception);
}
