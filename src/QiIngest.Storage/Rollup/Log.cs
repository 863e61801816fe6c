using Microsoft.Extensions.Logging;

namespace QiIngest.Storage.Rollup;

internal static partial class Log
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Published the national rollup of {Period} ({Status}, {Reported} of {Expected} reporters)")]
    public static partial void Published(ILogger logger, string period, string status, int reported, int expected);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "The inputs of {Period} have not changed since the last rollup: nothing to write")]
    public static partial void Unchanged(ILogger logger, string period);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Another rollup of {Period} committed first; its result stands")]
    public static partial void LostRace(ILogger logger, string period);
}
