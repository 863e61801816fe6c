using System.Globalization;
using System.Text;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>Returns made up for the scenarios, deterministic for their arguments.</summary>
internal static class Returns
{
    /// <summary>
    /// A Guangdong (440000) return with city detail: <paramref name="cities"/> city rows of two indicators each, so
    /// 2 × cities observations, and the province total; <paramref name="variant"/> changes the figures (another version).
    /// </summary>
    public static byte[] LargeCityReturn(int cities, int variant)
    {
        var csv = new StringBuilder("地区代码,指标,数值\n");
        for (var i = 0; i < cities; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"44{(i / 99) + 1:D2}{(i % 99) + 1:D2}");
            csv.Append(code).Append(",IT_INSTITUTIONS,").Append(10 + variant + (i % 7)).Append('\n');
            csv.Append(code).Append(",IT_INSTITUTIONS_PRIVATE,").Append(1 + (i % 5)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A large return that is rejected near its end: <paramref name="cities"/> good city rows, then one whose region is in another province.</summary>
    public static byte[] LargeRejectedReturn(int cities, int variant)
    {
        var good = Encoding.UTF8.GetString(LargeCityReturn(cities, variant));
        return Encoding.UTF8.GetBytes(good + "330100,IT_INSTITUTIONS,5\n");
    }
}
