using System.Text.Json;
using QiIngest.Reliability.Tests.Harness;
using QiIngest.Testing;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>Every event delivered three times: at-least-once delivery must change nothing after the first.</summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryGoldenUploadAndALargeReturn_DeliveredThreeTimes_OneVersionEachAndTheGoldenNationalFigures()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var host = harness.StartHost(new FaultInjector(seed: 1));
        var uploads = (await harness.UploadGoldenAsync()).ToList();
        uploads.Add(await harness.UploadAsync("440000/2024/large.csv", Returns.LargeCityReturn(1_000, 0)));
        var random = new Random(11);
        var deliveries = new List<Delivery>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var upload in uploads.OrderBy(_ => random.Next()))
            {
                deliveries.Add(await host.DeliverAsync(upload.BlobName));
            }
        }

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, "replay x3");

        Assert.Equal((65, 195, 195, 0), (figures.Accepted, figures.Deliveries, figures.Attempts, figures.Poisoned));
        Assert.All(deliveries, d => Assert.True(d.Receipt?.Version == 1, $"{d.BlobName}: version {d.Receipt?.Version}"));
        await AssertGoldenNationalFiguresAsync(harness);
    }

    /// <summary>The oracle itself: the fault-free figures of the golden returns are the golden national figures.</summary>
    internal static async Task AssertGoldenNationalFiguresAsync(FaultHarness harness)
    {
        foreach (var period in new[] { "2022", "2023" })
        {
            using var golden = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SharedData.Golden, "expected", $"national-{period}.json")));
            var table = new Dictionary<string, Storage.Tables.AggregateEntity>(StringComparer.Ordinal);
            await foreach (var row in harness.Clean.Storage.Aggregates.QueryAsync<Storage.Tables.AggregateEntity>(a => a.PartitionKey == period))
            {
                table[row.RowKey] = row;
            }

            foreach (var figure in golden.RootElement.EnumerateObject())
            {
                // The golden file is computed in binary floating point: rates and growth agree to 1e-9, the rest exactly.
                var row = table[figure.Name];
                AssertClose(figure.Value.GetProperty("value").GetDecimal(), row.Value, row.Unit == "%" ? 1e-9m : 0m);
                if (figure.Value.TryGetProperty("yoyPercent", out var yoy))
                {
                    AssertClose(yoy.ValueKind == JsonValueKind.Null ? null : yoy.GetDecimal(), row.YoyPercent, 1e-9m);
                }

                if (figure.Value.TryGetProperty("rounded_yoy", out var roundedYoy))
                {
                    AssertClose(roundedYoy.ValueKind == JsonValueKind.Null ? null : roundedYoy.GetDecimal(), row.YoyRounded, 0m);
                }

                if (figure.Value.TryGetProperty("rounded", out var rounded))
                {
                    AssertClose(rounded.ValueKind == JsonValueKind.Null ? null : rounded.GetDecimal(), row.Rounded, 0m);
                }
            }
        }
    }

    private static void AssertClose(decimal? want, string? got, decimal tolerance)
    {
        var value = got is null ? (decimal?)null : decimal.Parse(got, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(want is null ? value is null : value is { } v && Math.Abs(v - want.Value) <= tolerance, $"The golden figure is {want}, the table has {got}.");
    }
}
