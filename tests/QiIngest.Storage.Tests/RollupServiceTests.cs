using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Storage.Rollup;
using QiIngest.Storage.Tables;
using QiIngest.Testing;

namespace QiIngest.Storage.Tests;

/// <summary>The national rollup on a real Azurite, after ingesting the golden returns through the ingestion service.</summary>
public sealed class RollupServiceTests : IAsyncLifetime
{
    private StorageHarness _harness = null!;

    private RollupService Rollup => _harness.Get<RollupService>();

    public async Task InitializeAsync()
    {
        _harness = await StorageHarness.CreateAsync();
        foreach (var (blobName, path) in SharedData.GoldenFiles())
        {
            await _harness.UploadAndIngestAsync(blobName, await File.ReadAllBytesAsync(path));
        }
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("2022")]
    [InlineData("2023")]
    public async Task RunAsync_Golden_NationalJsonEqualsExpected(string period)
    {
        await Rollup.RunAsync();

        var rollup = await ReadNationalAsync(period);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SharedData.Golden, "expected", $"national-{period}.json")));
        foreach (var want in expected.RootElement.EnumerateObject())
        {
            var figure = rollup.Find(want.Name) ?? throw new Xunit.Sdk.XunitException($"{want.Name} is not in national.json");
            var value = want.Value.GetProperty("value").GetDecimal();
            if (figure.Kind == Core.Catalog.IndicatorKind.Rate)
            {
                AssertClose(value, figure.Value);
            }
            else
            {
                Assert.Equal(value, figure.Value);
            }

            if (want.Value.TryGetProperty("yoyPercent", out var yoy))
            {
                if (yoy.ValueKind == JsonValueKind.Null)
                {
                    Assert.Null(figure.YoyPercent);
                }
                else
                {
                    AssertClose(yoy.GetDecimal(), figure.YoyPercent);
                }
            }

            if (want.Value.TryGetProperty("rounded_yoy", out var roundedYoy) && roundedYoy.ValueKind != JsonValueKind.Null)
            {
                Assert.Equal(roundedYoy.GetDecimal(), figure.YoyRounded);
            }

            if (want.Value.TryGetProperty("rounded", out var rounded))
            {
                Assert.Equal(rounded.GetDecimal(), figure.Rounded);
            }
        }

        Assert.Equal(RollupStatus.Final, rollup.Status);
        Assert.Equal(32, rollup.Coverage.Reported);
        Assert.All(rollup.Inputs, i => Assert.Equal(1, i.Version));
    }

    [Fact]
    public async Task RunAsync_Golden2023_PublishesTheBriefingFigures()
    {
        await Rollup.RunAsync();

        var rollup = await ReadNationalAsync("2023");
        Assert.Equal(45.3m, rollup.Find("STD_SOCIAL_ORG")!.YoyRounded);
        Assert.Equal(63.47m, rollup.Find("IT_PRIVATE_SHARE")!.Rounded);
        var row = (await _harness.Storage.Aggregates.GetEntityAsync<AggregateEntity>("2023", "STD_SOCIAL_ORG")).Value;
        Assert.Equal("45.3", row.YoyRounded);
        Assert.Equal("74240", row.Value);
        var share = (await _harness.Storage.Aggregates.GetEntityAsync<AggregateEntity>("2023", "IT_PRIVATE_SHARE")).Value;
        Assert.Equal("63.47", share.Rounded);
        foreach (var name in new[] { "national.json", "national.csv", "national.sdmx.csv", "index.html" })
        {
            Assert.True(await _harness.Storage.Reports.GetBlobClient($"2023/{name}").ExistsAsync(), name);
        }

        var sdmx = (await _harness.Storage.Reports.GetBlobClient("2023/national.sdmx.csv").DownloadContentAsync()).Value.Content.ToString();
        Assert.StartsWith("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,UNIT_MEASURE,OBS_STATUS", sdmx.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SecondRunWithoutNewUploads_WritesNothing()
    {
        var first = await Rollup.RunAsync();
        var before = await SnapshotAsync();
        _harness.Clock.Advance(TimeSpan.FromDays(1));

        var second = await Rollup.RunAsync();

        Assert.Equal(["2022", "2023"], first.Published);
        Assert.Empty(second.Published);
        Assert.Equal(["2022", "2023"], second.Unchanged);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RunAsync_ReportBlobLeftByALostRace_IsRepairedByTheNextRun()
    {
        await Rollup.RunAsync();
        var fingerprint = (await _harness.Storage.Aggregates.GetEntityAsync<AggregateEntity>("2023", AggregateEntity.StateRowKey)).Value.Fingerprint;
        var good = (await _harness.Storage.Reports.GetBlobClient("2023/national.csv").DownloadContentAsync()).Value.Content.ToString();

        // What a loser of the commit race leaves: its blob (other inputs, another stamp) over the winner's.
        await _harness.Storage.Reports.GetBlobClient("2023/national.csv").UploadAsync(
            BinaryData.FromString("stale"), new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { [RollupService.FingerprintMetadata] = "stale" } });
        var repair = await Rollup.RunAsync();

        Assert.Equal(["2023"], repair.Published);
        Assert.Equal(["2022"], repair.Unchanged);
        var csv = await _harness.Storage.Reports.GetBlobClient("2023/national.csv").DownloadContentAsync();
        Assert.Equal(good, csv.Value.Content.ToString());
        Assert.Equal(fingerprint, csv.Value.Details.Metadata[RollupService.FingerprintMetadata]);
        Assert.Empty((await Rollup.RunAsync()).Published);
    }

    [Fact]
    public async Task RunAsync_TwoRunsAtOnce_AgreeAndLeaveOneResult()
    {
        var runs = await Task.WhenAll(Rollup.RunAsync(), _harness.Get<INationalRollup>().RunAsync());

        Assert.All(runs, r => Assert.Equal(2, r.Published.Count + r.Unchanged.Count));
        var rollup = await ReadNationalAsync("2023");
        Assert.Equal(45.3m, rollup.Find("STD_SOCIAL_ORG")!.YoyRounded);
        Assert.Empty((await Rollup.RunAsync()).Published);
    }

    [Fact]
    public async Task RunAsync_CorrectedUpload_ChangesExactlyTheAffectedFigures()
    {
        await Rollup.RunAsync();
        var before2023 = await ReadNationalAsync("2023");
        var before2022 = await ReadNationalAsync("2022");
        var beforeEtag2022 = (await _harness.Storage.Reports.GetBlobClient("2022/national.json").GetPropertiesAsync()).Value.ETag;

        // Beijing corrects its 2023 group standards from 4318 to 4418; everything else is the same.
        var original = await File.ReadAllTextAsync(Path.Combine(SharedData.GoldenUploads, "110000", "2023", "qi-beijing.csv"));
        var receipt = await _harness.UploadAndIngestAsync("110000/2023/qi-beijing-corrected.csv", Encoding.UTF8.GetBytes(original.Replace("STD_SOCIAL_ORG,4318", "STD_SOCIAL_ORG,4418", StringComparison.Ordinal)));
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        var run = await Rollup.RunAsync();

        Assert.Equal(2, receipt.Version);
        Assert.Equal(["2023"], run.Published);
        Assert.Equal(beforeEtag2022, (await _harness.Storage.Reports.GetBlobClient("2022/national.json").GetPropertiesAsync()).Value.ETag);
        var after = await ReadNationalAsync("2023");
        var changed = after.Figures.Where(f => before2023.Find(f.Code) != f).Select(f => f.Code).ToList();
        Assert.Equal(["STD_SOCIAL_ORG"], changed);
        Assert.Equal(74_340m, after.Find("STD_SOCIAL_ORG")!.Value);
        Assert.Equal(2, after.Inputs.Single(i => i.Reporter == "110000").Version);
        Assert.Equal(before2022.Figures, (await ReadNationalAsync("2022")).Figures);
    }

    [Fact]
    public async Task RunAsync_MissingProvince_IsProvisional()
    {
        await using var harness = await StorageHarness.CreateAsync();
        foreach (var (blobName, path) in SharedData.GoldenFiles().Where(f => f.BlobName.Contains("/2023/", StringComparison.Ordinal) && !f.BlobName.StartsWith("650000/", StringComparison.Ordinal)))
        {
            await harness.UploadAndIngestAsync(blobName, await File.ReadAllBytesAsync(path));
        }

        await harness.Get<RollupService>().RunAsync();

        var json = (await harness.Storage.Reports.GetBlobClient("2023/national.json").DownloadContentAsync()).Value.Content.ToArray();
        var rollup = NationalJson.Read(json);
        Assert.Equal(RollupStatus.Provisional, rollup.Status);
        Assert.Equal(["650000"], rollup.Coverage.Missing);
        Assert.Null(rollup.Find("STD_SOCIAL_ORG")!.YoyPercent);
    }

    private static void AssertClose(decimal expected, decimal? actual)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs((double)(actual.Value - expected)) <= 1e-9 * Math.Abs((double)expected), $"expected {expected}, got {actual}");
    }

    private async Task<NationalRollup> ReadNationalAsync(string period)
    {
        var content = (await _harness.Storage.Reports.GetBlobClient($"{period}/national.json").DownloadContentAsync()).Value.Content;
        return NationalJson.Read(content.ToArray());
    }

    private async Task<string> SnapshotAsync()
    {
        var lines = new List<string>();
        await foreach (var blob in _harness.Storage.Reports.GetBlobsAsync())
        {
            lines.Add($"{blob.Name} {blob.Properties.ETag} {blob.Properties.LastModified:O}");
        }

        await foreach (var row in _harness.Storage.Aggregates.QueryAsync<TableEntity>())
        {
            lines.Add($"{row.PartitionKey}/{row.RowKey} {row.ETag} {row.Timestamp:O}");
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
