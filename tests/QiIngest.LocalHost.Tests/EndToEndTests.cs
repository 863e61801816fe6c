using System.Diagnostics;
using System.Text.Json;
using QiIngest.Core;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Core.Validation;
using QiIngest.Testing;
using Rollup = QiIngest.Core.Rollup.NationalRollup;

namespace QiIngest.LocalHost.Tests;

/// <summary>The pipeline through the real trigger engine: uploads with the CLI's uploader, the blob trigger, the rollup timer.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task GoldenUploads_ThroughBlobTriggerAndTimer_PublishTheExpectedNationalFigures()
    {
        await using var harness = await LocalHostHarness.CreateAsync();
        var host = await harness.StartHostAsync();

        var uploads = await Task.WhenAll(LocalHostHarness.Golden().Select(g => harness.UploadAsync(g.Path, g.Reporter, g.Period)));
        var receipts = await Task.WhenAll(uploads.Select(harness.ReceiptAsync));

        Assert.Equal(64, receipts.Length);
        Assert.All(receipts, r => Assert.NotEqual(Outcome.Rejected, r.Outcome));
        Assert.All(receipts, r => Assert.Equal(1, r.Version));

        await host.TriggerRollupAsync();

        foreach (var period in new[] { "2022", "2023" })
        {
            var stored = await harness.Storage.Reports.GetBlobClient($"{period}/national.json").DownloadContentAsync();
            var rollup = NationalJson.Read(stored.Value.Content.ToMemory().Span);
            Assert.Equal(RollupStatus.Final, rollup.Status);
            AssertMatchesExpected(rollup, Path.Combine(SharedData.Golden, "expected", $"national-{period}.json"));
        }

        var national = NationalJson.Read((await harness.Storage.Reports.GetBlobClient("2023/national.json").DownloadContentAsync()).Value.Content.ToMemory().Span);
        Assert.Equal(45.3m, national.Find("STD_SOCIAL_ORG")!.YoyRounded);
        Assert.Equal(63.47m, national.Find("IT_PRIVATE_SHARE")!.Rounded);
        Assert.True((await harness.Storage.Reports.GetBlobClient("2023/index.html").ExistsAsync()).Value);
    }

    [Fact]
    public async Task MisplacedUpload_FiresTheTrigger_AndGetsAPathErrorReceipt()
    {
        await using var harness = await LocalHostHarness.CreateAsync();
        await harness.StartHostAsync();

        // Not under {reporter}/{period}/: the trigger path uploads/{name} still fires for it.
        await harness.Storage.Uploads.GetBlobClient("qi-beijing.csv").UploadAsync(BinaryData.FromString("indicator,value\nSTD_SOCIAL_ORG,1\n"));
        var receipt = await WaitForAsync(async () =>
        {
            var blob = harness.Storage.Receipts.GetBlobClient("qi-beijing.csv.json");
            return (await blob.ExistsAsync()).Value ? Core.Receipts.ReceiptJson.Deserialize((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span) : null;
        });

        Assert.Equal(Outcome.Rejected, receipt.Outcome);
        var error = Assert.Single(receipt.Errors);
        Assert.Equal(IssueType.PathError, error.Type);
        Assert.Equal("The upload 'qi-beijing.csv' is not at uploads/{reporter}/{period}/{file}: upload it into the folder of your reporter code and period, for example uploads/110000/2023/qi-beijing.csv.", error.Message);
    }

    /// <summary>Counts and money exactly, growth and rates to 1e-9 relative, published rounding exactly.</summary>
    internal static void AssertMatchesExpected(Rollup rollup, string expectedPath)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
        foreach (var entry in expected.RootElement.EnumerateObject())
        {
            var figure = rollup.Find(entry.Name);
            Assert.True(figure is not null, $"{entry.Name} is missing from the rollup.");
            var value = entry.Value.GetProperty("value").GetDecimal();
            if (figure.Kind == Core.Catalog.IndicatorKind.Rate)
            {
                AssertClose(value, figure.Value, entry.Name);
            }
            else
            {
                Assert.True(value == figure.Value, $"{entry.Name}: expected {value}, got {figure.Value}.");
            }

            if (entry.Value.TryGetProperty("yoyPercent", out var yoy))
            {
                if (yoy.ValueKind == JsonValueKind.Null)
                {
                    Assert.Null(figure.YoyPercent);
                }
                else
                {
                    AssertClose(yoy.GetDecimal(), figure.YoyPercent, entry.Name + " yoy");
                }
            }

            if (entry.Value.TryGetProperty("rounded_yoy", out var roundedYoy) && roundedYoy.ValueKind != JsonValueKind.Null)
            {
                Assert.Equal(roundedYoy.GetDecimal(), figure.YoyRounded);
            }

            if (entry.Value.TryGetProperty("rounded", out var rounded))
            {
                Assert.Equal(rounded.GetDecimal(), figure.Rounded);
            }
        }
    }

    private static void AssertClose(decimal expected, decimal? actual, string what)
    {
        Assert.True(actual is not null, $"{what}: expected {expected}, got null.");
        var relative = Math.Abs((double)(actual.Value - expected)) / Math.Max(Math.Abs((double)expected), double.Epsilon);
        Assert.True(relative <= 1e-9, $"{what}: expected {expected}, got {actual} (relative difference {relative}).");
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, int seconds = 60)
        where T : class
    {
        for (var elapsed = Stopwatch.StartNew(); ; await Task.Delay(250))
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (elapsed.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"Nothing after {seconds} s.");
            }
        }
    }
}
