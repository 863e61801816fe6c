using System.Globalization;

namespace QiIngest.Api;

/// <summary>The API's settings, bound from <c>QiIngest:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "QiIngest:Api";

    /// <summary>China Standard Time, in which default deadlines fall.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>How long an upload grant (SAS) is valid: short, since the browser uses it at once.</summary>
    public TimeSpan UploadGrantLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Period → deadline (ISO 8601, for example <c>2024-03-31T23:59:59+08:00</c>), overriding the default.</summary>
    public Dictionary<string, DateTimeOffset> Deadlines { get; } = new(StringComparer.Ordinal);

    /// <summary>The default deadline's month and day in the following year, China time, at the end of the day (<c>03-31</c>).</summary>
    public string DefaultDeadline { get; set; } = "03-31";

    /// <summary>The deadline of returns for <paramref name="period"/>.</summary>
    public DateTimeOffset DeadlineOf(Core.Period period)
    {
        if (Deadlines.TryGetValue(period.ToString(), out var deadline))
        {
            return deadline;
        }

        var day = DateTime.ParseExact($"{period.Year + 1}-{DefaultDeadline}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new DateTimeOffset(day.AddDays(1).AddSeconds(-1), ChinaOffset);
    }

    /// <summary>Every problem with these options, all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UploadGrantLifetime <= TimeSpan.Zero || UploadGrantLifetime > TimeSpan.FromHours(1))
        {
            errors.Add($"{nameof(UploadGrantLifetime)} must be more than zero and at most one hour, not {UploadGrantLifetime}.");
        }

        if (!DateTime.TryParseExact($"2001-{DefaultDeadline}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{nameof(DefaultDeadline)} '{DefaultDeadline}' is not a month and day MM-DD.");
        }

        errors.AddRange(Deadlines.Keys.Where(k => !Core.Period.IsValid(k)).Select(k => $"{nameof(Deadlines)} has '{k}', which is not a period YYYY."));
        return errors;
    }
}
