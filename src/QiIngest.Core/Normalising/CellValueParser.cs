using System.Globalization;
using System.Text.RegularExpressions;
using QiIngest.Core.Catalog;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Normalising;

/// <summary>Reads a value cell as section 6 says: NFKC, separators, 万/亿, units in the cell, missing markers, approximate values.</summary>
public static partial class CellValueParser
{
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase) { "", "—", "－", "--", "-", "NA", "N/A", "/", "无" };
    private static readonly string[] ApproximateMarkers = ["约", "余", "多", "超过", "逾", "近", "以上", "~"];

    /// <summary>Section 6: a canonical value keeps at most 28 significant digits and is below 10^28.</summary>
    private const int MaxSignificantDigits = 28;

    /// <summary>Section 6: no canonical value has a non-zero digit below 10^-20.</summary>
    private const int MaxDecimalPlaces = 20;

    /// <summary>The units that may apply to a cell, in the order of section 6 after the cell's own unit.</summary>
    /// <param name="UnitColumn">The text of the row's unit column.</param>
    /// <param name="HeaderUnit">The unit in parentheses after the column's header name.</param>
    /// <param name="TitleUnit">The default unit of a <c>单位：</c> title row.</param>
    public readonly record struct UnitContext(string? UnitColumn = null, string? HeaderUnit = null, string? TitleUnit = null);

    /// <summary>Reads <paramref name="raw"/> as a value of <paramref name="indicator"/>, in its canonical unit.</summary>
    public static CellValue Parse(string? raw, Indicator indicator, UnitContext units = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return Parse(raw.AsSpan(), indicator, units.UnitColumn.AsSpan(), units.HeaderUnit, units.TitleUnit);
    }

    /// <summary>
    /// As <see cref="Parse(string?, Indicator, UnitContext)"/>, over the cell's text where the reader has it. Plain
    /// figures (ASCII digits and at most one '.', the common case) are read without copying the text.
    /// </summary>
    internal static CellValue Parse(ReadOnlySpan<char> raw, Indicator indicator, ReadOnlySpan<char> unitColumn, string? headerUnit, string? titleUnit)
    {
        if (TryReadPlain(Text.Trim(raw), out var digits, out var scale))
        {
            // The common case: the unit column names a fitting unit as the form writes it.
            if (Unit.TryParseWritten(unitColumn, out var written) && written.Kind == indicator.Kind)
            {
                return Plain(digits, scale, written.Factor, raw, indicator);
            }

            var unit = ResolveUnit(null, indicator, unitColumn, headerUnit, titleUnit);
            return unit.Error is { } error ? CellValue.Error(IssueType.UnitError, error, unit.ErrorZh!) : Plain(digits, scale, unit.Factor, raw, indicator);
        }

        return ParseText(raw.ToString(), indicator, unitColumn, headerUnit, titleUnit);
    }

    private static CellValue ParseText(string raw, Indicator indicator, ReadOnlySpan<char> unitColumn, string? headerUnit, string? titleUnit)
    {
        var text = Text.Normalise(raw)!.Replace('\u2212', '-');
        if (IsPlainNumber(text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
        {
            // Plain after NFKC (full-width digits), or too long for the fast path.
            var unit = ResolveUnit(null, indicator, unitColumn, headerUnit, titleUnit);
            return unit.Error is { } error ? CellValue.Error(IssueType.UnitError, error, unit.ErrorZh!) : Scaled(plain, unit.Factor, raw, indicator);
        }

        if (MissingMarkers.Contains(text))
        {
            return CellValue.Missing;
        }

        foreach (var marker in ApproximateMarkers)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return CellValue.Error(IssueType.ApproximateValue, $"'{raw}' is an approximate value ('{marker}'): a statistical return carries exact figures; give the exact number.", $"“{raw}”是约数（“{marker}”）：统计报表只填准确数字，请填写准确数值。");
            }
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var match = NumberPattern().Match(compact);
        if (!match.Success)
        {
            return CellValue.Error(IssueType.TypeError, $"'{raw}' is not a number: give digits with '.' as the decimal mark, for example 1234.5.", $"“{raw}”不是数字：请填写数字，小数点用“.”，例如 1234.5。");
        }

        var digits = match.Groups["num"].Value;
        if (digits.Contains(',', StringComparison.Ordinal) && !GroupedPattern().IsMatch(digits))
        {
            return CellValue.Error(IssueType.TypeError, $"'{raw}' has a ',' that does not separate groups of three digits: write 1234.5 or 1,234.5; the decimal mark is '.'.", $"“{raw}”中的“,”不是三位一组的千位分隔符：请写成 1234.5 或 1,234.5，小数点用“.”。");
        }

        var suffix = match.Groups["suffix"].Value;
        if (!TryReadSuffix(suffix, out var magnitude, out var cellUnit))
        {
            var near = Unit.Nearest(suffix, indicator.Kind);
            return CellValue.Error(
                IssueType.TypeError,
                $"'{raw}' is not a number: '{suffix}' after the number is not a unit of the form (元, 万元, 亿元, 家, 个, 项, 件, %){(near is null ? "." : $"; did you mean {near}?")}",
                $"“{raw}”不是数字：数字后的“{suffix}”不是报表的计量单位（元、万元、亿元、家、个、项、件、%）{(near is null ? "。" : $"；是否指 {near}？")}");
        }

        var unitResult = ResolveUnit(cellUnit, indicator, unitColumn, headerUnit, titleUnit);
        if (unitResult.Error is { } unitError)
        {
            return CellValue.Error(IssueType.UnitError, unitError, unitResult.ErrorZh!);
        }

        var exponent = match.Groups["exp"].Success ? int.Parse(match.Groups["exp"].Value, CultureInfo.InvariantCulture) : 0;
        var power = exponent + PowerOfTen(magnitude) + PowerOfTen(unitResult.Factor);
        if (!TryCompose(digits, power, raw, out var value, out var precision))
        {
            return precision;
        }

        if (match.Groups["sign"].Value == "-")
        {
            value = -value;
        }

        return Check(value, raw, indicator);
    }

    /// <summary>
    /// Reads 1 to 19 ASCII digits with at most one '.' between digits (no sign, no separators: anything else takes the
    /// general path) as <paramref name="digits"/> × 10^-<paramref name="scale"/>.
    /// </summary>
    private static bool TryReadPlain(ReadOnlySpan<char> text, out ulong digits, out int scale)
    {
        digits = 0;
        scale = 0;
        if (text.IsEmpty || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        var count = 0;
        var dot = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++count > 19)
                {
                    return false;
                }

                digits = (digits * 10) + (uint)(c - '0');
            }
            else if (c == '.' && dot < 0)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }

        scale = dot < 0 ? 0 : text.Length - dot - 1;
        return true;
    }

    /// <summary>
    /// A plain figure in its canonical unit, already without trailing zeros of scale: the unit's power of ten is added to
    /// the exponent instead of multiplying and dividing decimals.
    /// </summary>
    private static CellValue Plain(ulong digits, int scale, decimal factor, ReadOnlySpan<char> raw, Indicator indicator)
    {
        while (scale > 0 && digits % 10 == 0)
        {
            digits /= 10;
            scale--;
        }

        var exponent = PowerOfTen(factor) - scale;
        var value = exponent < 0 ? new decimal(unchecked((int)(uint)digits), unchecked((int)(uint)(digits >> 32)), 0, false, (byte)-exponent) : exponent == 0 ? digits : digits * Pow10[exponent];
        if (exponent < 0 && indicator.Kind == IndicatorKind.Count)
        {
            return NotWhole(raw.ToString(), value, indicator);
        }

        return indicator.Kind == IndicatorKind.Rate && value > 100
            ? OutsidePercent(raw.ToString(), indicator)
            : new CellValue(value, false, null, null);
    }

    /// <summary>10^0 to 10^8: a unit's factor (1, 万, 亿) over a plain figure's scale.</summary>
    private static readonly decimal[] Pow10 = [1m, 10m, 100m, 1_000m, 10_000m, 100_000m, 1_000_000m, 10_000_000m, 100_000_000m];

    private static int PowerOfTen(decimal factor)
    {
        // The factors as the unit table makes them (integers, scale 0) without decimal comparisons, which cost a call each.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(factor, bits);
        if (bits[1] == 0 && bits[2] == 0 && bits[3] == 0)
        {
            switch (bits[0])
            {
                case 1:
                    return 0;
                case 10_000:
                    return 4;
                case 100_000_000:
                    return 8;
            }
        }

        return PowerOfTenOf(factor);
    }

    private static int PowerOfTenOf(decimal factor) => factor switch
    {
        1m => 0,
        10_000m => 4,
        100_000_000m => 8,
        _ => throw new InvalidOperationException($"A unit's factor is 1, 10^4 or 10^8, not {factor}."),
    };

    private static CellValue Scaled(decimal value, decimal factor, string? raw, Indicator indicator)
    {
        try
        {
            return Check(value * factor, raw, indicator);
        }
        catch (OverflowException)
        {
            return TooLarge(raw);
        }
    }

    private static bool IsPlainNumber(string text)
    {
        if (text.Length is 0 or > 20 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        var dots = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return dots <= 1;
    }

    private static CellValue Check(decimal value, string? raw, Indicator indicator)
    {
        if (value < 0)
        {
            return CellValue.Error(IssueType.ConstraintError, $"'{raw}' is negative: {indicator.Code} cannot be below 0.", $"“{raw}”是负数：{indicator.Code} 不能小于 0。");
        }

        if (indicator.Kind == IndicatorKind.Count && decimal.Truncate(value) != value)
        {
            return NotWhole(raw, value, indicator);
        }

        if (indicator.Kind == IndicatorKind.Rate && value > 100)
        {
            return OutsidePercent(raw, indicator);
        }

        return CellValue.Of(value);
    }

    private static CellValue NotWhole(string? raw, decimal value, Indicator indicator) => CellValue.Error(
        IssueType.ConstraintError, $"'{raw}' is {Text.Format(value)}, not a whole number: {indicator.Code} is a count.", $"“{raw}”是 {Text.Format(value)}，不是整数：{indicator.Code} 是计数指标。");

    private static CellValue OutsidePercent(string? raw, Indicator indicator) => CellValue.Error(
        IssueType.ConstraintError, $"'{raw}' is outside 0..100: {indicator.Code} is a percentage.", $"“{raw}”超出 0～100：{indicator.Code} 是百分比。");

    private static CellValue TooLarge(string? raw) => CellValue.Error(
        IssueType.TypeError, $"'{raw}' is too large a number to be a real figure (10^28 or more): check the cell.", $"“{raw}”数值过大（不小于 10^28），不可能是实际数据：请检查该单元格。");

    private static (decimal Factor, string? Error, string? ErrorZh) ResolveUnit(Unit? cellUnit, Indicator indicator, ReadOnlySpan<char> unitColumn, string? headerUnit, string? titleUnit)
    {
        if (cellUnit is { } own)
        {
            return Fit(own, indicator);
        }

        if (!Text.IsBlank(unitColumn))
        {
            return Unit.TryParse(unitColumn, out var unit) ? Fit(unit, indicator) : NotAUnit(unitColumn.ToString(), unitColumn: true, indicator);
        }

        if (!string.IsNullOrWhiteSpace(headerUnit))
        {
            return Unit.TryParse(headerUnit, out var unit) ? Fit(unit, indicator) : NotAUnit(headerUnit, unitColumn: false, indicator);
        }

        if (Unit.TryParse(titleUnit, out var title) && title.Kind == indicator.Kind)
        {
            return (title.Factor, null, null);
        }

        return (1m, null, null);
    }

    private static (decimal Factor, string? Error, string? ErrorZh) NotAUnit(string text, bool unitColumn, Indicator indicator)
    {
        var near = Unit.Nearest(text, indicator.Kind);
        return (0m,
            $"The {(unitColumn ? "unit column" : "column header")} says '{text}', which is not a unit of the form: {indicator.Code} is {Unit.Describe(indicator.Kind)}{(near is null ? "." : $"; did you mean {near}?")}",
            $"{(unitColumn ? "计量单位列" : "列标题")}写的“{text}”不是报表的计量单位：{indicator.Code} 是{Unit.DescribeZh(indicator.Kind)}{(near is null ? "。" : $"；是否指 {near}？")}");
    }

    private static (decimal Factor, string? Error, string? ErrorZh) Fit(Unit unit, Indicator indicator) =>
        unit.Kind == indicator.Kind
            ? (unit.Factor, null, null)
            : (0m,
                $"The unit '{unit.Label}' does not fit {indicator.Code}, which is {Unit.Describe(indicator.Kind)}: give the value in {indicator.Unit}{(indicator.Kind == IndicatorKind.Money ? ", 万元 or 亿元" : string.Empty)}.",
                $"计量单位“{unit.Label}”不适用于 {indicator.Code}（{Unit.DescribeZh(indicator.Kind)}）：请以{indicator.Unit}{(indicator.Kind == IndicatorKind.Money ? "、万元或亿元" : string.Empty)}填报。");

    private static bool TryReadSuffix(string suffix, out decimal magnitude, out Unit? unit)
    {
        magnitude = 1m;
        unit = null;
        if (suffix.Length == 0)
        {
            return true;
        }

        if (Unit.IsMagnitude(suffix))
        {
            magnitude = suffix == "万" ? 10_000m : 100_000_000m;
            return true;
        }

        if (Unit.TryParse(suffix, out var parsed))
        {
            unit = parsed;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The exact value of <paramref name="digits"/> (digits, group commas, at most one '.') × 10^<paramref name="power"/>,
    /// or a <c>type-error</c> where a decimal could not hold it exactly (section 6): more than 28 significant digits
    /// (trailing zeros not counted), 10^28 or more, or a non-zero digit below 10^-20. Never rounded.
    /// </summary>
    private static bool TryCompose(string digits, int power, string raw, out decimal value, out CellValue error)
    {
        value = 0m;
        error = default;
        Span<char> significant = stackalloc char[MaxSignificantDigits];
        var count = 0;
        var zeros = 0;
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var fraction = 0;
        var tooMany = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            if (c is ',' or '.')
            {
                continue;
            }

            if (dot >= 0 && i > dot)
            {
                fraction++;
            }

            if (c == '0')
            {
                // Zeros count once a non-zero digit is followed by another one; trailing zeros move the exponent.
                zeros += count > 0 ? 1 : 0;
                continue;
            }

            if (count + zeros + 1 > MaxSignificantDigits)
            {
                tooMany = true;
                count += zeros + 1;
                zeros = 0;
                continue;
            }

            for (; zeros > 0; zeros--)
            {
                significant[count++] = '0';
            }

            significant[count++] = c;
        }

        if (count == 0)
        {
            return true;
        }

        var lowest = (long)power - fraction + zeros;
        var highest = lowest + count - 1;
        if (highest >= MaxSignificantDigits)
        {
            error = TooLarge(raw);
            return false;
        }

        if (tooMany)
        {
            error = CellValue.Error(IssueType.TypeError, $"'{raw}' has {count} significant digits, more than the 28 a figure can keep exactly; it is not rounded silently: give at most 28 significant digits.", $"“{raw}”有 {count} 位有效数字，超过可精确保存的 28 位；数据不会被悄悄舍入：请最多填写 28 位有效数字。");
            return false;
        }

        if (lowest < -MaxDecimalPlaces)
        {
            error = CellValue.Error(IssueType.TypeError, $"'{raw}' has a digit below 10^-20, finer than a figure can keep exactly; it is not rounded silently: give at most 20 decimal places (in the canonical unit).", $"“{raw}”有低于 10^-20 的数位，无法精确保存；数据不会被悄悄舍入：请最多保留 20 位小数（按标准计量单位）。");
            return false;
        }

        var mantissa = decimal.Parse(significant[..count], NumberStyles.None, CultureInfo.InvariantCulture);
        if (lowest >= 0)
        {
            for (var i = 0; i < lowest; i++)
            {
                mantissa *= 10m;
            }

            value = mantissa;
            return true;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(mantissa, bits);
        value = new decimal(bits[0], bits[1], bits[2], false, (byte)-lowest);
        return true;
    }

    [GeneratedRegex(@"^(?<sign>[+-])?(?<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?:[eE](?<exp>[+-]?\d{1,3}))?(?<suffix>\D*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedPattern();
}
