using System.Text.Json;

namespace QiIngest.Core.Tests.Validation;

public class GoldenReturnTests
{
    public static TheoryData<string, string, string> GoldenFiles()
    {
        var data = new TheoryData<string, string, string>();
        var uploads = Path.Combine(SharedData.Golden, "uploads");
        foreach (var file in Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var parts = Path.GetRelativePath(uploads, file).Split(Path.DirectorySeparatorChar);
            data.Add(parts[0], parts[1], parts[2]);
        }

        return data;
    }

    public static TheoryData<string, string, string, string, string> BadFiles()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(SharedData.GoldenBad, "manifest.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            data.Add(f[0], f[1], f[2], f[3], f[4]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Check_GoldenReturn_GivesExpectedProvinceTotals(string reporter, string period, string file)
    {
        var result = Checks.RunFile(Path.Combine(SharedData.Golden, "uploads", reporter, period, file), reporter, period);

        Assert.Empty(result.Errors);
        Assert.True(result.IsAccepted);
        if (reporter == "100000")
        {
            var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.Golden, "expected", $"national-{period}.json"))).RootElement;
            foreach (var (code, value) in result.Totals)
            {
                Assert.Equal(expected.GetProperty(code).GetProperty("value").GetDecimal(), value);
            }

            return;
        }

        var totals = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.Golden, "expected", "province-totals.json"))).RootElement.GetProperty(period).GetProperty(reporter);
        var expectedTotals = totals.EnumerateObject().ToDictionary(p => p.Name, p => (decimal?)p.Value.GetDecimal());
        Assert.Equal(expectedTotals.OrderBy(p => p.Key), result.Totals.OrderBy(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Check_GoldenBadReturn_GivesExpectedOutcomeAndType(string file, string reporter, string period, string outcome, string type)
    {
        var result = Checks.RunFile(Path.Combine(SharedData.GoldenBad, file), reporter, period);

        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(type, result.Errors.Concat(result.Warnings).Select(i => i.Type));
        if (outcome == Outcome.Rejected)
        {
            Assert.Empty(result.Totals);
        }
    }
}
