using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QiIngest.Core;

/// <summary>An annual SDMX time period, 2000 to 2100 (section 2).</summary>
public readonly record struct Period(int Year)
{
    /// <summary>The first year v1 accepts.</summary>
    public const int MinYear = 2000;

    /// <summary>The last year v1 accepts.</summary>
    public const int MaxYear = 2100;

    /// <summary>The period before this one.</summary>
    public Period Previous => new(Year - 1);

    /// <summary>Parses exactly <c>YYYY</c>, as a path must give it.</summary>
    public static bool TryParseStrict(string? text, out Period period)
    {
        period = default;
        if (text is not { Length: 4 } || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var year = int.Parse(text, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
        {
            return false;
        }

        period = new Period(year);
        return true;
    }

    /// <summary>Parses a period as file content may give it: <c>2023</c>, <c>2023年</c> or <c>2023年度</c>, full-width digits allowed.</summary>
    public static bool TryParseLenient(string? text, out Period period)
    {
        var normalised = Text.Normalise(text);
        if (normalised is not null && (normalised.EndsWith("年度", StringComparison.Ordinal) || normalised.EndsWith('年')))
        {
            normalised = normalised[..normalised.LastIndexOf('年')].TrimEnd();
        }

        return TryParseStrict(normalised, out period);
    }

    /// <summary>Parses <c>YYYY</c>, throwing for anything else (for trusted input such as table keys).</summary>
    public static Period Parse(string text) => TryParseStrict(text, out var p) ? p : throw new FormatException($"'{text}' is not a period YYYY in {MinYear}..{MaxYear}.");

    /// <inheritdoc/>
    public override string ToString() => Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="text"/> parses strictly.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) => TryParseStrict(text, out _);
}
