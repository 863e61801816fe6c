namespace QiIngest.Core.Tests.Normalising;

public class TextTests
{
    [Theory]
    [InlineData("区县000123")]
    [InlineData("  南京市 ")]
    [InlineData("nanjing")]
    [InlineData("Nanjing")]
    [InlineData(" nan jing ")]
    [InlineData("nan  jing")]
    [InlineData("ＮＡＮＪＩＮＧ")]
    [InlineData("南京市\u3000")]
    [InlineData("\t南京市\r")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ﬁle")]
    public void NormaliseSpan_AgreesWithNormaliseAndKeyOfStrings(string text)
    {
        var normalised = Text.Normalise(text.AsSpan(), out var isKey).ToString();

        Assert.Equal(Text.Normalise(text), normalised);
        Assert.Equal(Text.IsKey(normalised), isKey);
        if (isKey)
        {
            Assert.Equal(Text.Key(text), normalised);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(45214000000.00, 45214000000)]
    [InlineData(1.50, 1.5)]
    public void Canonical_DropsTrailingZerosOfScale(decimal value, decimal expected)
    {
        var canonical = Text.Canonical(value);

        Assert.Equal(expected, canonical);
        Assert.Equal(Text.Format(expected), canonical.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
