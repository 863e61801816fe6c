using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using QiIngest.Core;
using QiIngest.Core.Receipts;
using QiIngest.Core.Validation;
using QiIngest.Storage.Tables;
using QiIngest.Testing;

namespace QiIngest.Storage.Tests;

/// <summary>Ingestion end to end on a real Azurite, through the same service the blob trigger calls.</summary>
public sealed class IngestionServiceTests : IAsyncLifetime
{
    private StorageHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await StorageHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task IngestAsync_AllGoldenReturns_EveryProvinceTotalExact()
    {
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SharedData.Golden, "expected", "province-totals.json"))).RootElement;

        foreach (var (blobName, path) in SharedData.GoldenFiles())
        {
            var receipt = await _harness.UploadAndIngestAsync(blobName, await File.ReadAllBytesAsync(path));

            Assert.True(receipt.Outcome != Outcome.Rejected, $"{blobName}: {string.Join("; ", receipt.Errors.Select(e => e.Message))}");
            Assert.Equal(1, receipt.Version);
            Assert.Null(receipt.Supersedes);
        }

        foreach (var period in new[] { "2022", "2023" })
        {
            foreach (var province in expected.GetProperty(period).EnumerateObject())
            {
                var current = await _harness.Ingestion.Ledger.GetCurrentAsync(province.Name, period);
                Assert.NotNull(current);
                var totals = TotalsJson.Read(current.Totals);
                var want = province.Value.EnumerateObject().ToDictionary(p => p.Name, p => (decimal?)p.Value.GetDecimal());
                Assert.Equal(want.OrderBy(p => p.Key), totals.OrderBy(p => p.Key));
            }
        }

        Assert.Equal(64, await CountAsync(_harness.Storage.Submissions, $"RowKey eq '{LedgerEntity.CurrentRowKey}'"));
    }

    [Fact]
    public async Task IngestAsync_ReceiptBlob_HasTheFieldsOfSection9()
    {
        var (blobName, path) = SharedData.GoldenFiles().Single(f => f.BlobName == "320000/2023/jiangsu-by-city.xlsx");
        await _harness.UploadAndIngestAsync(blobName, await File.ReadAllBytesAsync(path));

        var json = (await _harness.Storage.Receipts.GetBlobClient(blobName + ".json").DownloadContentAsync()).Value.Content.ToString();
        using var receipt = JsonDocument.Parse(json);
        var root = receipt.RootElement;
        foreach (var field in new[] { "reporter", "period", "file", "sha256", "outcome", "totals", "errors", "warnings", "version", "supersedes", "changes" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"The receipt lacks '{field}'.");
        }

        Assert.Equal("320000", root.GetProperty("reporter").GetString());
        Assert.Equal(45_214_000_000m, root.GetProperty("totals").GetProperty("IT_REVENUE").GetDecimal());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path))), root.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task IngestAsync_GoldenBadReturns_EndWithTheirOutcomeAndType()
    {
        foreach (var line in (await File.ReadAllLinesAsync(Path.Combine(SharedData.GoldenBad, "manifest.csv"))).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            var blobName = $"{f[1]}/{f[2]}/{f[0]}";
            var receipt = await _harness.UploadAndIngestAsync(blobName, await File.ReadAllBytesAsync(Path.Combine(SharedData.GoldenBad, f[0])));

            Assert.Equal(f[3], receipt.Outcome);
            Assert.Contains(f[4], receipt.Errors.Concat(receipt.Warnings).Select(i => i.Type));
            if (f[3] == Outcome.Rejected)
            {
                Assert.Null(receipt.Version);
                Assert.Empty(receipt.Totals);
            }
        }

        // Only the one accepted file (missing-values.csv for 320000) became a version; rejected files left no observation behind.
        var current = await _harness.Ingestion.Ledger.GetCurrentAsync("320000", "2023");
        Assert.Equal("missing-values.csv", current?.File);
        Assert.Null(await _harness.Ingestion.Ledger.GetCurrentAsync("110000", "2023"));
        Assert.Null(await _harness.Ingestion.Ledger.GetCurrentAsync("100000", "2023"));
        Assert.Equal(3, await CountAsync(_harness.Storage.Observations, null));
    }

    [Fact]
    public async Task IngestAsync_EverythingTwice_ChangesNoEntityAndNoReceipt()
    {
        var files = SharedData.GoldenFiles().ToList();
        foreach (var (blobName, path) in files)
        {
            await _harness.UploadAndIngestAsync(blobName, await File.ReadAllBytesAsync(path));
        }

        var before = await SnapshotAsync();
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        foreach (var (blobName, _) in files)
        {
            var receipt = await _harness.Ingestion.IngestAsync(blobName);
            Assert.Equal(1, receipt!.Version);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task IngestAsync_CorrectedUpload_BecomesNewVersionWithChanges()
    {
        await _harness.UploadAndIngestAsync("110000/2023/beijing.csv", Encoding.UTF8.GetBytes("indicator,value,unit\nIT_INSTITUTIONS,1934,家\nIT_INSTITUTIONS_PRIVATE,1219,家\n"));
        _harness.Clock.Advance(TimeSpan.FromDays(1));

        var receipt = await _harness.UploadAndIngestAsync("110000/2023/beijing-corrected.csv", Encoding.UTF8.GetBytes("indicator,value,unit\nIT_INSTITUTIONS,1940,家\nIT_INSTITUTIONS_PRIVATE,1219,家\n"));

        Assert.Equal(2, receipt.Version);
        Assert.Equal(1, receipt.Supersedes);
        Assert.Equal([new Change("IT_INSTITUTIONS", 1934m, 1940m)], receipt.Changes);
        var current = await _harness.Ingestion.Ledger.GetCurrentAsync("110000", "2023");
        Assert.Equal(2, current?.Version);
        Assert.Equal("beijing-corrected.csv", current?.File);
        Assert.Equal("beijing.csv", (await _harness.Ingestion.Ledger.GetVersionAsync("110000", "2023", 1))?.File);
    }

    [Fact]
    public async Task IngestAsync_SameBytesUnderAnotherName_IsNoOpWithTheExistingReceipt()
    {
        var bytes = Encoding.UTF8.GetBytes("indicator,value\nIT_INSTITUTIONS,1934\n");
        var first = await _harness.UploadAndIngestAsync("110000/2023/a.csv", bytes);
        var snapshot = await SnapshotTablesAsync();

        var second = await _harness.UploadAndIngestAsync("110000/2023/b.csv", bytes);

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(snapshot, await SnapshotTablesAsync());
        Assert.True(await _harness.Storage.Receipts.GetBlobClient("110000/2023/b.csv.json").ExistsAsync());
    }

    [Fact]
    public async Task IngestAsync_OtherBytesUnderTheNameInBetween_RedeliveryGetsItsOwnReceiptBack()
    {
        var x = Encoding.UTF8.GetBytes("indicator,value\nIT_INSTITUTIONS,1934\n");
        var y = Encoding.UTF8.GetBytes("indicator,value\nIT_INSTITUTIONS,1940\n");
        await _harness.UploadAndIngestAsync("110000/2023/a.csv", x);
        await _harness.UploadAndIngestAsync("110000/2023/a.csv", y);

        var again = await _harness.UploadAndIngestAsync("110000/2023/a.csv", x);

        Assert.Equal(1, again.Version);
        Assert.Equal(1934m, again.Totals["IT_INSTITUTIONS"]);
        var atName = ReceiptJson.Deserialize((await _harness.Storage.Receipts.GetBlobClient("110000/2023/a.csv.json").DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(again.Sha256, atName.Sha256);
        Assert.Equal(2, (await _harness.Ingestion.Ledger.GetCurrentAsync("110000", "2023"))?.Version);
    }

    [Fact]
    public async Task IngestAsync_CrashBetweenBatches_LeavesPreviousVersionCurrent()
    {
        var crash = new FailingBatchPolicy();
        await using var harness = await StorageHarness.CreateAsync(policies: crash);
        await harness.UploadAndIngestAsync("440000/2023/v1.csv", CityReturn(200, 10));
        var v1 = await harness.Ingestion.Ledger.GetCurrentAsync("440000", "2023");

        // 400 observations need 4 staging transactions; the commit is the 5th. Die after the 2nd.
        crash.AllowedBatches = 2;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => harness.UploadAndIngestAsync("440000/2023/v2.csv", CityReturn(200, 11)));

        var after = await harness.Ingestion.Ledger.GetCurrentAsync("440000", "2023");
        Assert.Equal(1, after?.Version);
        Assert.Equal(v1?.Totals, after?.Totals);
        Assert.False(await harness.Storage.Receipts.GetBlobClient("440000/2023/v2.csv.json").ExistsAsync());

        // The host retries: the same version is staged again and committed whole.
        crash.AllowedBatches = null;
        var receipt = await harness.Ingestion.IngestAsync("440000/2023/v2.csv");
        Assert.Equal(2, receipt?.Version);
        Assert.Equal(2200m, receipt?.Totals["IT_INSTITUTIONS"]);
        Assert.Equal(400, await CountAsync(harness.Storage.Observations, TableKeys.DataFilter((await harness.Ingestion.Ledger.GetCurrentAsync("440000", "2023"))!.DataPartition!)));
    }

    [Fact]
    public async Task IngestAsync_CrashDuringCommitTransaction_LeavesPreviousVersionCurrent()
    {
        var crash = new FailingBatchPolicy();
        await using var harness = await StorageHarness.CreateAsync(policies: crash);
        await harness.UploadAndIngestAsync("440000/2023/v1.csv", CityReturn(50, 10));

        // 100 observations: 1 staging transaction, then the commit transaction fails.
        crash.AllowedBatches = 1;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => harness.UploadAndIngestAsync("440000/2023/v2.csv", CityReturn(50, 11)));

        Assert.Equal(1, (await harness.Ingestion.Ledger.GetCurrentAsync("440000", "2023"))?.Version);
    }

    [Theory]
    [InlineData("stray.csv", "The upload 'stray.csv' is not at uploads/{reporter}/{period}/{file}: upload it into the folder of your reporter code and period, for example uploads/110000/2023/stray.csv.")]
    [InlineData("110000/stray.csv", "The upload '110000/stray.csv' is not at uploads/{reporter}/{period}/{file}: upload it into the folder of your reporter code and period, for example uploads/110000/2023/stray.csv.")]
    [InlineData("810000/2023/hk.csv", "The reporter '810000' is not one of the 31 provinces or the national administration 100000: use your six-digit GB/T 2260 code, for example 110000 for Beijing.")]
    [InlineData("110000/23/a.csv", "The period '23' is not a year YYYY from 2000 to 2100: upload into a folder named like 2023.")]
    [InlineData("110000/2023/a.txt", "The file 'a.txt' does not end in .csv, .xlsx or .json: save the return in one of these formats.")]
    public async Task IngestAsync_PathThatDoesNotFit_GetsPathErrorReceipt(string blobName, string message)
    {
        var receipt = await _harness.UploadAndIngestAsync(blobName, Encoding.UTF8.GetBytes("indicator,value\nIT_INSTITUTIONS,1\n"));

        Assert.Equal(Outcome.Rejected, receipt.Outcome);
        var error = Assert.Single(receipt.Errors);
        Assert.Equal((IssueType.PathError, message), (error.Type, error.Message));
        Assert.NotNull(error.MessageZh);
        Assert.True(await _harness.Storage.Receipts.GetBlobClient(blobName + ".json").ExistsAsync());
    }

    [Fact]
    public async Task IngestAsync_FileOverSizeLimit_RejectedWithoutReading()
    {
        await using var harness = await StorageHarness.CreateAsync(new Dictionary<string, string?> { ["QiIngest:Limits:MaxFileBytes"] = "1024" });

        var receipt = await harness.UploadAndIngestAsync("110000/2023/big.csv", new byte[4096]);

        Assert.Equal(Outcome.Rejected, receipt.Outcome);
        Assert.Null(receipt.Sha256);
        Assert.Equal("The file is 4,096 bytes, more than the limit of 1,024: split it into several returns or ask the national team to raise the limit.", Assert.Single(receipt.Errors).Message);
    }

    [Fact]
    public async Task IngestAsync_BlobDeletedBeforeTrigger_ReturnsNull()
    {
        Assert.Null(await _harness.Ingestion.IngestAsync("110000/2023/gone.csv"));
    }

    [Fact]
    public async Task IngestAsync_LargeCityReturn_StripesItsTransactionsOverPartitions()
    {
        await using var harness = await StorageHarness.CreateAsync(new Dictionary<string, string?> { ["QiIngest:Storage:ObservationPartitions"] = "3" });

        var receipt = await harness.UploadAndIngestAsync("440000/2023/cities.csv", CityReturn(1500, 2));

        Assert.Equal(3000, receipt.Observations);
        Assert.Equal(3000m, receipt.Totals["IT_INSTITUTIONS"]);
        var prefix = (await harness.Ingestion.Ledger.GetCurrentAsync("440000", "2023"))!.DataPartition!;
        var partitions = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in harness.Storage.Observations.QueryAsync<TableEntity>(TableKeys.DataFilter(prefix), select: ["PartitionKey"]))
        {
            partitions[row.PartitionKey] = partitions.GetValueOrDefault(row.PartitionKey) + 1;
        }

        Assert.Equal([$"{prefix}-0000", $"{prefix}-0001", $"{prefix}-0002"], partitions.Keys);
        Assert.All(partitions.Values, n => Assert.Equal(1000, n));
    }

    /// <summary>A Guangdong return with city detail: <paramref name="cities"/> rows of two indicators each.</summary>
    internal static byte[] CityReturn(int cities, int institutionsPerCity)
    {
        var csv = new StringBuilder("地区代码,指标,数值\n");
        for (var i = 0; i < cities; i++)
        {
            var code = $"44{(i / 99) + 1:D2}{(i % 99) + 1:D2}";
            csv.Append(code).Append(",IT_INSTITUTIONS,").Append(institutionsPerCity).Append('\n');
            csv.Append(code).Append(",IT_INSTITUTIONS_PRIVATE,1\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<int> CountAsync(TableClient table, string? filter)
    {
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            n++;
        }

        return n;
    }

    private async Task<string> SnapshotTablesAsync()
    {
        var lines = new List<string>();
        foreach (var table in new[] { _harness.Storage.Submissions, _harness.Storage.Observations })
        {
            await foreach (var e in table.QueryAsync<TableEntity>())
            {
                lines.Add($"{table.Name}/{e.PartitionKey}/{e.RowKey}/{e.ETag}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private async Task<string> SnapshotAsync()
    {
        var lines = new List<string> { await SnapshotTablesAsync() };
        await foreach (var blob in _harness.Storage.Receipts.GetBlobsAsync())
        {
            lines.Add($"{blob.Name}/{blob.Properties.ETag}");
        }

        return string.Join('\n', lines);
    }
}
