using System.Text;
using QiIngest.Core;
using QiIngest.Storage.Reading;
using QiIngest.Storage.Rollup;
using QiIngest.Testing;

namespace QiIngest.Storage.Tests;

/// <summary>The read side on a real Azurite: versions, rejected files, pending uploads, receipts, city rows and published reports.</summary>
public sealed class ReadServiceTests : IAsyncLifetime
{
    private const string Beijing = "110000/2023/qi-beijing.csv";
    private const string Guangdong = "440000/2023/广东省分地市.csv";

    private StorageHarness _harness = null!;

    private ReadService Reader => _harness.Get<ReadService>();

    public async Task InitializeAsync()
    {
        _harness = await StorageHarness.CreateAsync();
        await _harness.UploadAndIngestAsync(Beijing, await File.ReadAllBytesAsync(Path.Combine(SharedData.GoldenUploads, Beijing)));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await _harness.UploadAndIngestAsync("110000/2023/bad.csv", Encoding.UTF8.GetBytes("indicator,value,unit\nNOT_AN_INDICATOR,1,项\n"));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var corrected = (await File.ReadAllTextAsync(Path.Combine(SharedData.GoldenUploads, Beijing))).Replace("STD_SOCIAL_ORG,4318,", "STD_SOCIAL_ORG,4319,", StringComparison.Ordinal);
        await _harness.UploadAndIngestAsync("110000/2023/qi-beijing-v2.csv", Encoding.UTF8.GetBytes(corrected));
        await _harness.UploadAsync("110000/2023/later.csv", Encoding.UTF8.GetBytes("indicator,value,unit\n"));
        await _harness.UploadAndIngestAsync(Guangdong, await File.ReadAllBytesAsync(Path.Combine(SharedData.GoldenUploads, Guangdong)));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task GetReturnAsync_TwoVersionsRejectedAndPending_ListsEach()
    {
        var history = await Reader.GetReturnAsync("110000", "2023");

        Assert.Equal(2, history.Current?.Version);
        Assert.Equal("qi-beijing-v2.csv", history.Current?.File);
        Assert.Equal([1, 2], history.Versions.Select(v => v.Version));
        Assert.Equal(["qi-beijing.csv", "qi-beijing-v2.csv"], history.Versions.Select(v => v.File));
        Assert.Equal(4318m, history.Versions[0].Totals["STD_SOCIAL_ORG"]);
        Assert.Equal(4319m, history.Versions[1].Totals["STD_SOCIAL_ORG"]);
        Assert.Equal(1, history.Versions[1].Supersedes);
        var change = Assert.Single(history.Versions[1].Changes);
        Assert.Equal(("STD_SOCIAL_ORG", 4318m, 4319m), (change.Indicator, change.Old, change.New));
        var rejected = Assert.Single(history.Rejected);
        Assert.Equal("bad.csv", rejected.File);
        Assert.Equal(Outcome.Rejected, rejected.Receipt?.Outcome);
        Assert.NotEmpty(rejected.Receipt!.Errors);
        var pending = Assert.Single(history.Processing);
        Assert.Equal("later.csv", pending.File);
        Assert.Equal(21, pending.Size);
    }

    [Fact]
    public async Task GetReturnAsync_NothingSent_IsEmpty()
    {
        var history = await Reader.GetReturnAsync("120000", "2023");

        Assert.Null(history.Current);
        Assert.Empty(history.Versions);
        Assert.Empty(history.Rejected);
        Assert.Empty(history.Processing);
    }

    [Fact]
    public async Task GetReceiptAsync_ByUploadName_IsThatUploadsReceipt()
    {
        var receipt = await Reader.GetReceiptAsync("110000", "2023", "qi-beijing-v2.csv");

        Assert.Equal(2, receipt?.Version);
        Assert.Equal("110000/2023/qi-beijing-v2.csv", receipt?.Path);
        Assert.Null(await Reader.GetReceiptAsync("110000", "2023", "later.csv"));
    }

    [Fact]
    public async Task ListCurrentAsync_Period_OneRowPerReporterInCodeOrder()
    {
        var current = await Reader.ListCurrentAsync("2023");

        Assert.Equal([("110000", 2), ("440000", 1)], current.Select(c => (c.Reporter, c.Version)));
        Assert.Empty(await Reader.ListCurrentAsync("2022"));
    }

    [Fact]
    public async Task ListSubmissionsAsync_Period_CountsFilesRejectedAndPending()
    {
        var submissions = await Reader.ListSubmissionsAsync("2023");

        Assert.Equal(["110000", "440000"], submissions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((4, 1, 2), (submissions["110000"].Files, submissions["110000"].Rejected, submissions["110000"].Current?.Version));
        Assert.Equal((1, 0, 1), (submissions["440000"].Files, submissions["440000"].Rejected, submissions["440000"].Current?.Version));
    }

    [Fact]
    public async Task ListRegionsAsync_GuangdongGroupStandards_TwentyOneCitiesSummingToTheTotal()
    {
        var current = await Reader.GetCurrentAsync("440000", "2023");

        var regions = await Reader.ListRegionsAsync(current!, "STD_SOCIAL_ORG");

        Assert.Equal(21, regions.Count);
        Assert.Equal(("440100", "广州市", 681m, "项"), (regions[0].RegionCode, regions[0].RegionName, regions[0].Value, regions[0].Unit));
        Assert.Equal(9374m, regions.Sum(r => r.Value));
        Assert.Equal(9374m, current!.Totals["STD_SOCIAL_ORG"]);
        Assert.All(regions, r => Assert.Equal("STD_SOCIAL_ORG", r.Indicator));
    }

    [Fact]
    public async Task ListRegionsAsync_ReturnWithoutCities_IsEmpty()
    {
        var current = await Reader.GetCurrentAsync("110000", "2023");

        Assert.Empty(await Reader.ListRegionsAsync(current!, "STD_SOCIAL_ORG"));
    }

    [Fact]
    public async Task GetPublishedAsync_AfterRollup_ReadsTheFiguresAndPeriods()
    {
        Assert.Empty(await Reader.ListPublishedPeriodsAsync());
        Assert.Null(await Reader.GetPublishedAsync("2023"));

        await _harness.Get<RollupService>().RunAsync();

        Assert.Equal([new Period(2023)], await Reader.ListPublishedPeriodsAsync());
        var published = await Reader.GetPublishedAsync("2023");
        Assert.Equal(4319m + 9374m, published?.Find("STD_SOCIAL_ORG")?.Value);
        Assert.NotNull(await Reader.GetPublishedFileAsync("2023", BlobLayout.DashboardFile));
    }

    [Fact]
    public async Task CheckReachableAsync_Azurite_NoProblems() => Assert.Empty(await Reader.CheckReachableAsync());
}
