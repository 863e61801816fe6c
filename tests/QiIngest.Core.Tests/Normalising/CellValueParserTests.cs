using QiIngest.Core.Catalog;
using QiIngest.Core.Normalising;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Normalising;

public class CellValueParserTests
{
    private static readonly Indicator Institutions = IndicatorCatalog.Default["IT_INSTITUTIONS"];
    private static readonly Indicator Revenue = IndicatorCatalog.Default["IT_REVENUE"];
    private static readonly Indicator Rate = IndicatorCatalog.Default["STD_INTL_CONVERSION_RATE"];

    [Theory]
    [InlineData("1892", 1892)]
    [InlineData(" 1,892 ", 1892)]
    [InlineData("１８９２", 1892)]
    [InlineData("1 892", 1892)]
    [InlineData("1,234,567", 1234567)]
    [InlineData("4.2万", 42000)]
    [InlineData("4090家", 4090)]
    [InlineData("0.134万家", 1340)]
    [InlineData("1.892E3", 1892)]
    public void Parse_CountCell_GivesCanonicalValue(string raw, int expected)
    {
        var value = CellValueParser.Parse(raw, Institutions);

        Assert.Equal(new CellValue(expected, false, null, null), value);
    }

    [Theory]
    [InlineData("452.14亿", null, 45_214_000_000)]
    [InlineData("452.14亿元", null, 45_214_000_000)]
    [InlineData("４５２.１４亿元", null, 45_214_000_000)]
    [InlineData("189万元", null, 1_890_000)]
    [InlineData("717500", "万元", 7_175_000_000)]
    [InlineData("12.33", "亿元", 1_233_000_000)]
    [InlineData("10855000000", "元", 10_855_000_000)]
    [InlineData("4.2万", "万元", 420_000_000)]
    public void Parse_MoneyCell_AppliesUnitAndMagnitude(string raw, string? unitColumn, long expected)
    {
        var value = CellValueParser.Parse(raw, Revenue, new CellValueParser.UnitContext(unitColumn));

        Assert.Equal((decimal)expected, value.Value);
    }

    [Fact]
    public void Parse_ScaledValue_HasNoTrailingZeros()
    {
        var value = CellValueParser.Parse("452.14亿元", Revenue).Value!.Value;

        Assert.Equal("45214000000", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_CellWithOnlyMagnitude_KeepsUnitOfUnitColumn()
    {
        Assert.Equal(1340m, CellValueParser.Parse("0.134万", Institutions, new CellValueParser.UnitContext("家")).Value);
    }

    [Fact]
    public void Parse_UnitPrecedence_CellThenColumnThenHeaderThenTitle()
    {
        Assert.Equal(100m, CellValueParser.Parse("100元", Revenue, new("万元", "亿元", "亿元")).Value);
        Assert.Equal(1_000_000m, CellValueParser.Parse("100", Revenue, new("万元", "亿元", "亿元")).Value);
        Assert.Equal(10_000_000_000m, CellValueParser.Parse("100", Revenue, new(null, "亿元", "万元")).Value);
        Assert.Equal(1_000_000m, CellValueParser.Parse("100", Revenue, new(null, null, "万元")).Value);
        Assert.Equal(100m, CellValueParser.Parse("100", Institutions, new(null, null, "万元")).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("—")]
    [InlineData("－")]
    [InlineData("--")]
    [InlineData("-")]
    [InlineData("NA")]
    [InlineData("n/a")]
    [InlineData("/")]
    [InlineData("无")]
    [InlineData(null)]
    public void Parse_MissingMarker_IsMissingNotZero(string? raw)
    {
        Assert.Equal(CellValue.Missing, CellValueParser.Parse(raw, Institutions));
    }

    [Theory]
    [InlineData("约1892")]
    [InlineData("3.4万余")]
    [InlineData("1892多")]
    [InlineData("超过1800")]
    [InlineData("逾1800")]
    [InlineData("近1900")]
    [InlineData("1800以上")]
    [InlineData("~1892")]
    [InlineData("～1892")]
    public void Parse_ApproximateValue_IsRejected(string raw)
    {
        Assert.Equal(IssueType.ApproximateValue, CellValueParser.Parse(raw, Institutions).ErrorType);
    }

    [Fact]
    public void Parse_ApproximateValue_SaysWhatToDo()
    {
        Assert.Equal("'3.4万余' is an approximate value ('余'): a statistical return carries exact figures; give the exact number.", CellValueParser.Parse("3.4万余", Institutions).ErrorMessage);
    }

    [Theory]
    [InlineData("1,5", "'1,5' has a ',' that does not separate groups of three digits: write 1234.5 or 1,234.5; the decimal mark is '.'.")]
    [InlineData("12,34", "'12,34' has a ',' that does not separate groups of three digits: write 1234.5 or 1,234.5; the decimal mark is '.'.")]
    [InlineData("about two thousand", "'about two thousand' is not a number: give digits with '.' as the decimal mark, for example 1234.5.")]
    [InlineData("12kg", "'12kg' is not a number: 'kg' after the number is not a unit of the form (元, 万元, 亿元, 家, 个, 项, 件, %).")]
    [InlineData("1.2.3", "'1.2.3' is not a number: give digits with '.' as the decimal mark, for example 1234.5.")]
    [InlineData("99999999999999999999999999999999亿", "'99999999999999999999999999999999亿' is too large a number to be a real figure (10^28 or more): check the cell.")]
    public void Parse_NotANumber_IsTypeErrorWithMessage(string raw, string message)
    {
        var value = CellValueParser.Parse(raw, Institutions);

        Assert.Equal(IssueType.TypeError, value.ErrorType);
        Assert.Equal(message, value.ErrorMessage);
    }

    [Fact]
    public void Parse_UnitOfWrongKind_IsUnitError()
    {
        var value = CellValueParser.Parse("18.92", Institutions, new("亿元"));

        Assert.Equal(IssueType.UnitError, value.ErrorType);
        Assert.Equal("The unit '亿元' does not fit IT_INSTITUTIONS, which is a count (家, 个, 项, 件): give the value in 家.", value.ErrorMessage);
    }

    [Fact]
    public void Parse_UnknownUnitInColumn_IsUnitError()
    {
        var value = CellValueParser.Parse("18", Revenue, new("美元"));

        Assert.Equal(IssueType.UnitError, value.ErrorType);
        Assert.Equal("The unit column says '美元', which is not a unit of the form: IT_REVENUE is money (元, 万元, 亿元).", value.ErrorMessage);
    }

    [Fact]
    public void Parse_MoneyInCellForCount_IsUnitError()
    {
        Assert.Equal(IssueType.UnitError, CellValueParser.Parse("18.92亿元", Institutions).ErrorType);
    }

    [Theory]
    [InlineData("-3", "'-3' is negative: IT_INSTITUTIONS cannot be below 0.")]
    [InlineData("－3", "'－3' is negative: IT_INSTITUTIONS cannot be below 0.")]
    [InlineData("1892.5", "'1892.5' is 1892.5, not a whole number: IT_INSTITUTIONS is a count.")]
    [InlineData("0.00001万", "'0.00001万' is 0.1, not a whole number: IT_INSTITUTIONS is a count.")]
    public void Parse_CountConstraint_IsConstraintError(string raw, string message)
    {
        var value = CellValueParser.Parse(raw, Institutions);

        Assert.Equal(IssueType.ConstraintError, value.ErrorType);
        Assert.Equal(message, value.ErrorMessage);
    }

    [Theory]
    [InlineData("83.35", 83.35)]
    [InlineData("83.35%", 83.35)]
    [InlineData("８３.３５％", 83.35)]
    [InlineData("100", 100)]
    [InlineData("0", 0)]
    public void Parse_Rate_InPercent(string raw, double expected)
    {
        Assert.Equal((decimal)expected, CellValueParser.Parse(raw, Rate).Value);
    }

    [Fact]
    public void Parse_RateAbove100_IsConstraintError()
    {
        Assert.Equal("'183.5' is outside 0..100: STD_INTL_CONVERSION_RATE is a percentage.", CellValueParser.Parse("183.5", Rate).ErrorMessage);
    }

    [Fact]
    public void Parse_RateInMoney_IsUnitError()
    {
        Assert.Equal(IssueType.UnitError, CellValueParser.Parse("83.35", Rate, new("万元")).ErrorType);
    }

    [Theory]
    [InlineData("123.4500", "元", "123.45")]
    [InlineData("0.50", "万元", "5000")]
    [InlineData("1234567.89", "万元", "12345678900")]
    [InlineData("3.25", "亿元", "325000000")]
    [InlineData("0.000001", "万元", "0.01")]
    [InlineData("1234567890123456789", "元", "1234567890123456789")]
    [InlineData("12345678901234567890", "元", "12345678901234567890")]
    [InlineData("007", "元", "7")]
    public void Parse_PlainFigureInUnitColumn_IsExactAndCanonical(string raw, string unit, string expected)
    {
        var value = CellValueParser.Parse(raw, Revenue, new CellValueParser.UnitContext(unit));

        Assert.Null(value.ErrorType);
        Assert.Equal(expected, value.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1.5", "家", IssueType.ConstraintError)]
    [InlineData("0.00001", "万家", IssueType.ConstraintError)]
    [InlineData("12", "%", IssueType.UnitError)]
    [InlineData("12", "万", IssueType.UnitError)]
    public void Parse_PlainFigureThatDoesNotFit_IsAnError(string raw, string unit, string expected)
    {
        Assert.Equal(expected, CellValueParser.Parse(raw, Institutions, new CellValueParser.UnitContext(unit)).ErrorType);
    }

    [Theory]
    [InlineData("100.0", true)]
    [InlineData("100.01", false)]
    public void Parse_PlainRate_IsBoundedBy100(string raw, bool valid)
    {
        Assert.Equal(valid, CellValueParser.Parse(raw, Rate, new CellValueParser.UnitContext("%")).ErrorType is null);
    }
}
