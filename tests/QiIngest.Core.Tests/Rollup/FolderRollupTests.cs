using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Tests.Rollup;

public sealed class FolderRollupTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2024, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("qi-rollup-");

    public void Dispose() => _temp.Delete(recursive: true);

    public static TheoryData<int> GoldenPeriods() => [2022, 2023];

    [Theory]
    [MemberData(nameof(GoldenPeriods))]
    public async Task ComputeAsync_GoldenUploads_MatchesExpectedNationalFigures(int year)
    {
        var rollup = await Golden(year);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.Golden, "expected", $"national-{year}.json"))).RootElement;

        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), rollup.Figures.Select(f => f.Code).Order(StringComparer.Ordinal));
        foreach (var property in expected.EnumerateObject())
        {
            var figure = rollup.Figures.Single(f => f.Code == property.Name);
            var value = property.Value.GetProperty("value").GetDecimal();
            if (figure.Kind == Catalog.IndicatorKind.Rate)
            {
                AssertClose(value, figure.Value, property.Name);
            }
            else
            {
                Assert.Equal(value, figure.Value);
            }

            var yoy = property.Value.TryGetProperty("yoyPercent", out var y) && y.ValueKind != JsonValueKind.Null ? y.GetDecimal() : (decimal?)null;
            if (yoy is null)
            {
                Assert.Null(figure.YoyPercent);
            }
            else
            {
                AssertClose(yoy.Value, figure.YoyPercent, property.Name);
            }

            if (property.Value.TryGetProperty("rounded_yoy", out var roundedYoy))
            {
                Assert.Equal(roundedYoy.ValueKind == JsonValueKind.Null ? null : roundedYoy.GetDecimal(), figure.YoyRounded);
            }

            if (property.Value.TryGetProperty("rounded", out var rounded))
            {
                Assert.Equal(rounded.GetDecimal(), figure.Rounded);
            }
        }
    }

    [Fact]
    public async Task ComputeAsync_Golden2023_ReproducesTheBriefing()
    {
        var rollup = await Golden(2023);

        Assert.Equal(RollupStatus.Final, rollup.Status);
        Assert.Equal(32, rollup.Coverage.Reported);
        Assert.Empty(rollup.Coverage.Missing);
        Assert.Equal(74240m, rollup.Figure("STD_SOCIAL_ORG").Value);
        Assert.Equal(45.3m, rollup.Figure("STD_SOCIAL_ORG").YoyRounded);
        Assert.Equal(63.47m, rollup.Figure("IT_PRIVATE_SHARE").Rounded);
        Assert.Equal(31, rollup.Figure("IT_PRIVATE_SHARE").Reporters);
        Assert.Equal(471236000000m, rollup.Figure("IT_REVENUE").Value);
        Assert.Equal(471236000000.00m, rollup.Figure("IT_REVENUE").Rounded);
        Assert.All(rollup.Inputs, i => Assert.Equal(1, i.Version));
        Assert.Equal(32, rollup.Inputs.Count);
    }

    [Fact]
    public async Task ComputeAsync_GoldenInputs_CarryFileNameAndSha256OfTheBytes()
    {
        var rollup = await Golden(2023);

        var beijing = rollup.Inputs.Single(i => i.Reporter == "110000");
        var path = Path.Combine(SharedData.Golden, "uploads", "110000", "2023", "qi-beijing.csv");
        Assert.Equal("qi-beijing.csv", beijing.File);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), beijing.Sha256);
        Assert.Equal(4318m, beijing.Totals["STD_SOCIAL_ORG"]);
    }

    [Fact]
    public async Task ComputeAsync_SeveralAcceptedFiles_LatestWinsAndVersionCountsAcceptedOnes()
    {
        var older = Write("110000/2023/a-first.csv", "indicator,value\nSTD_SOCIAL_ORG,100\n", At.AddDays(-3));
        Write("110000/2023/b-broken.csv", "indicator,value\nSTD_SOCIAL_ORG,about 5\n", At.AddDays(-1));
        var latest = Write("110000/2023/c-second.csv", "indicator,value\nSTD_SOCIAL_ORG,120\n", At.AddDays(-2));
        Write("110000/2022/old.csv", "indicator,value\nSTD_SOCIAL_ORG,80\n", At.AddYears(-1));

        var rollup = await FolderRollup.ComputeAsync(_temp.FullName, new Period(2023), ReturnChecker.Default, At);

        var input = Assert.Single(rollup.Inputs);
        Assert.Equal(("110000", 2, "c-second.csv"), (input.Reporter, input.Version, input.File));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(latest))), input.Sha256);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(older))), input.Sha256);
        Assert.Equal(120m, rollup.Figure("STD_SOCIAL_ORG").Value);
        Assert.Equal(50m, rollup.Figure("STD_SOCIAL_ORG").YoyPercent);
        Assert.Equal(RollupStatus.Provisional, rollup.Status);
        Assert.Equal(31, rollup.Coverage.Missing.Count);
    }

    [Fact]
    public async Task ComputeAsync_SameLastWriteTime_OrdinalFileNameBreaksTheTie()
    {
        Write("110000/2023/B.csv", "indicator,value\nSTD_SOCIAL_ORG,1\n", At);
        Write("110000/2023/a.csv", "indicator,value\nSTD_SOCIAL_ORG,2\n", At);

        var rollup = await FolderRollup.ComputeAsync(_temp.FullName, new Period(2023), ReturnChecker.Default, At);

        var input = Assert.Single(rollup.Inputs);
        Assert.Equal(("a.csv", 2), (input.File, input.Version));
    }

    [Fact]
    public async Task ComputeAsync_FolderNamedByProvinceName_ResolvesToItsCode()
    {
        Write("Beijing/2023/return.csv", "indicator,value\nSTD_SOCIAL_ORG,7\n", At);
        Write("Atlantis/2023/return.csv", "indicator,value\nSTD_SOCIAL_ORG,9\n", At);
        Write("110000/2023/notes.txt", "not a return", At);

        var rollup = await FolderRollup.ComputeAsync(_temp.FullName, new Period(2023), ReturnChecker.Default, At);

        Assert.Equal("110000", Assert.Single(rollup.Inputs).Reporter);
        Assert.Equal(7m, rollup.Figure("STD_SOCIAL_ORG").Value);
    }

    [Fact]
    public async Task ComputeAsync_MissingFolder_ThrowsDirectoryNotFound()
    {
        var missing = Path.Combine(_temp.FullName, "nope");

        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => FolderRollup.ComputeAsync(missing, new Period(2023), ReturnChecker.Default, At));

        Assert.Equal($"The folder '{missing}' to roll up does not exist: give a folder laid out as {{reporter}}/{{period}}/{{file}}.", e.Message);
    }

    internal static Task<NationalRollup> Golden(int year) =>
        FolderRollup.ComputeAsync(Path.Combine(SharedData.Golden, "uploads"), new Period(year), ReturnChecker.Default, At);

    private string Write(string relative, string content, DateTimeOffset lastWrite)
    {
        var path = Path.Combine(_temp.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        return path;
    }

    private static void AssertClose(decimal expected, decimal? actual, string code)
    {
        Assert.True(actual is not null, $"{code}: expected {expected}, got null");
        var relative = Math.Abs((double)(actual!.Value - expected)) / Math.Max(Math.Abs((double)expected), double.Epsilon);
        Assert.True(relative <= 1e-9, $"{code}: expected {expected}, got {actual} (relative error {relative:E2})");
    }
}
