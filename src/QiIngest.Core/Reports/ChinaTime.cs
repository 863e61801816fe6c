using System.Globalization;

namespace QiIngest.Core.Reports;

/// <summary>
/// Times as the reporters read them: China Standard Time (UTC+8 all year, no daylight saving), with the zone named.
/// Stored and machine-readable times stay in UTC with their offset.
/// </summary>
public static class ChinaTime
{
    /// <summary>China Standard Time's offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The zone as shown after a time.</summary>
    public const string Zone = "UTC+8 北京时间";

    /// <summary>The instant in China Standard Time.</summary>
    /// <param name="instant">Any instant.</param>
    /// <returns>The same instant at +08:00.</returns>
    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The instant as <c>2024-03-01 10:30:00 UTC+8 北京时间</c>.</summary>
    /// <param name="instant">Any instant.</param>
    /// <returns>The time in China with its zone.</returns>
    public static string Format(DateTimeOffset instant) =>
        ToChina(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Zone;
}
