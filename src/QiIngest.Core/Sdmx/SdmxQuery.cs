using System.Diagnostics.CodeAnalysis;

namespace QiIngest.Core.Sdmx;

/// <summary>
/// The selection of an SDMX 2.1 REST data query: the key (<c>all</c>, or one part per dimension of
/// <see cref="SdmxDataflow.KeyDimensions"/> joined by '.', each empty for any value or values joined by '+') and the
/// <c>startPeriod</c>/<c>endPeriod</c> bounds (annual: <c>YYYY</c>, or a date whose year is taken).
/// </summary>
public sealed record SdmxQuery
{
    private SdmxQuery(IReadOnlyList<IReadOnlySet<string>?> parts, int? startYear, int? endYear)
    {
        Parts = parts;
        StartYear = startYear;
        EndYear = endYear;
    }

    /// <summary>Per key dimension, the values asked for; null for any.</summary>
    public IReadOnlyList<IReadOnlySet<string>?> Parts { get; }

    /// <summary>The first year asked for, if any.</summary>
    public int? StartYear { get; }

    /// <summary>The last year asked for, if any.</summary>
    public int? EndYear { get; }

    /// <summary>Reads a key and period bounds, or says what is wrong with them.</summary>
    public static bool TryParse(string? key, string? startPeriod, string? endPeriod, [NotNullWhen(true)] out SdmxQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        var dimensions = SdmxDataflow.KeyDimensions;
        IReadOnlySet<string>?[] parts = new IReadOnlySet<string>?[dimensions.Count];
        if (!string.IsNullOrEmpty(key) && key != "all")
        {
            var split = key.Split('.');
            if (split.Length != dimensions.Count)
            {
                error = $"The key '{key}' has {split.Length} part(s), but the dataflow has {dimensions.Count} key dimensions ({string.Join('.', dimensions)}): write it like CN.STD_SOCIAL_ORG, CN.STD_SOCIAL_ORG+IT_REVENUE, .IT_REVENUE or all.";
                return false;
            }

            for (var i = 0; i < split.Length; i++)
            {
                parts[i] = split[i].Length == 0 ? null : split[i].Split('+').ToHashSet(StringComparer.Ordinal);
            }
        }

        if (!TryYear(startPeriod, "startPeriod", out var start, out error) || !TryYear(endPeriod, "endPeriod", out var end, out error))
        {
            return false;
        }

        if (start > end)
        {
            error = $"The startPeriod {start} is after the endPeriod {end}.";
            return false;
        }

        query = new SdmxQuery(parts, start, end);
        error = null;
        return true;
    }

    /// <summary>Whether an observation is selected.</summary>
    public bool Matches(SdmxObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return (Parts[0]?.Contains(observation.Area) ?? true)
            && (Parts[1]?.Contains(observation.Indicator) ?? true)
            && (StartYear is not { } s || observation.Period.Year >= s)
            && (EndYear is not { } e || observation.Period.Year <= e);
    }

    /// <summary>Whether a period can hold selected observations.</summary>
    public bool Covers(Period period) => (StartYear is not { } s || period.Year >= s) && (EndYear is not { } e || period.Year <= e);

    private static bool TryYear(string? text, string name, out int? year, [NotNullWhen(false)] out string? error)
    {
        year = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        // Annual data: 2023, 2023-A1, 2023-01 or 2023-01-01 all name a date in 2023.
        if (text.Length >= 4 && Period.TryParseStrict(text[..4], out var period) && (text.Length == 4 || text[4] == '-'))
        {
            year = period.Year;
            return true;
        }

        error = $"The {name} '{text}' is not a year YYYY from {Period.MinYear} to {Period.MaxYear} (or a date in one).";
        return false;
    }
}
