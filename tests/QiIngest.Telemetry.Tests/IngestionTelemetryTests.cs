using System.Diagnostics;
using System.Security.Cryptography;
using OpenTelemetry.Metrics;
using QiIngest.Core;
using QiIngest.Storage.Telemetry;
using QiIngest.Testing;

namespace QiIngest.Telemetry.Tests;

/// <summary>
/// The spans, attributes and metric points of one accepted ingestion, one rejected ingestion and one rollup, on Azurite.
/// One class, so its tests run one after another: the meter is static, and a parallel test would add to its points.
/// </summary>
public sealed class IngestionTelemetryTests : IAsyncLifetime
{
    private TelemetryHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TelemetryHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task IngestAsync_AcceptedReturn_OneSpanWithItsStagesAndTheSdksSpansUnderThem()
    {
        const string BlobName = "110000/2023/qi-beijing.csv";
        var bytes = await _harness.UploadAsync(BlobName, Path.Combine(SharedData.GoldenUploads, BlobName));
        _harness.Clear();

        var receipt = await _harness.Ingestion.IngestAsync(BlobName);

        var spans = _harness.Spans();
        var ingest = Assert.Single(spans, s => s.Source.Name == QiTelemetry.Name && s.DisplayName == QiTelemetry.IngestSpan);
        Assert.Equal(Outcome.Accepted, receipt!.Outcome);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["qi.upload"] = BlobName,
                ["qi.file.size"] = (long)bytes.Length,
                ["qi.reporter"] = "110000",
                ["qi.period"] = "2023",
                ["qi.sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                ["qi.outcome"] = "accepted",
                ["qi.observations"] = 8,
                ["qi.errors"] = 0,
                ["qi.warnings"] = 0,
                ["qi.version"] = 1,
            },
            ingest.TagObjects.ToDictionary(t => t.Key, t => t.Value));
        Assert.Equal(ActivityStatusCode.Unset, ingest.Status);
        Assert.All(spans, s => Assert.Equal(ingest.TraceId, s.TraceId));

        var stages = Children(spans, ingest).Where(s => s.Source.Name == QiTelemetry.Name).ToList();
        Assert.Equal(["check", "commit", "download", "receipt", "stage"], stages.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal(8, Stage(stages, "stage").GetTagItem("qi.observations"));

        // The Azure SDK's spans nest under the stage that made the call.
        // The staging marker is written before the rows and deleted by the commit's own transaction.
        Assert.Equal(
            [
                "check:",
                "commit:TableClient.GetEntityIfExists,TableClient.SubmitTransaction",
                "download:BlobBaseClient.DownloadStreaming",
                "receipt:BlobBaseClient.GetProperties,BlobClient.Upload,BlobClient.Upload",
                "stage:TableClient.AddEntity,TableClient.GetEntityIfExists,TableClient.SubmitTransaction",
            ],
            SdkChildrenByStage(spans, stages));

        var metrics = _harness.Metrics();
        Assert.Equal([("qi.outcome=accepted", 1L)], Sums(metrics["qi.ingest.returns"]));
        Assert.Equal([("", 8L)], Sums(metrics["qi.ingest.observations"]));
        Assert.False(metrics.ContainsKey("qi.ingest.rejections"));
        Assert.Equal([("qi.outcome=accepted", 1L, 0.0)], Histogram(metrics["qi.ingest.duration"]));
        Assert.Equal([("", 1L, (double)bytes.Length)], Histogram(metrics["qi.ingest.file.size"]));
        Assert.Equal(("s", "By", "{return}", "{observation}"), (metrics["qi.ingest.duration"].Unit, metrics["qi.ingest.file.size"].Unit, metrics["qi.ingest.returns"].Unit, metrics["qi.ingest.observations"].Unit));
    }

    [Fact]
    public async Task IngestAsync_RejectedReturn_SpanCarriesTheFirstErrorAndRejectionsCountItsType()
    {
        const string BlobName = "320000/2023/bad-unit.csv";
        var bytes = await _harness.UploadAsync(BlobName, Path.Combine(SharedData.GoldenBad, "bad-unit.csv"));
        _harness.Clear();

        var receipt = await _harness.Ingestion.IngestAsync(BlobName);

        var spans = _harness.Spans();
        var ingest = Assert.Single(spans, s => s.Source.Name == QiTelemetry.Name && s.DisplayName == QiTelemetry.IngestSpan);
        Assert.Equal(Outcome.Rejected, receipt!.Outcome);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["qi.upload"] = BlobName,
                ["qi.file.size"] = (long)bytes.Length,
                ["qi.reporter"] = "320000",
                ["qi.period"] = "2023",
                ["qi.sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                ["qi.outcome"] = "rejected",
                ["qi.observations"] = 0,
                ["qi.errors"] = receipt.ErrorCount,
                ["qi.warnings"] = 0,
                ["qi.error.type"] = "unit-error",
            },
            ingest.TagObjects.ToDictionary(t => t.Key, t => t.Value));
        Assert.Equal(1, receipt.ErrorCount);
        Assert.Equal(ActivityStatusCode.Unset, ingest.Status);

        // Rejected: the staged rows are looked up and discarded (stage), the ledger remembers the hash and drops the
        // staging marker (commit), the receipt is written.
        var stages = Children(spans, ingest).Where(s => s.Source.Name == QiTelemetry.Name).ToList();
        Assert.Equal(["check", "commit", "download", "receipt", "stage"], stages.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "check:",
                "commit:TableClient.DeleteEntity,TableClient.UpsertEntity",
                "download:BlobBaseClient.DownloadStreaming",
                "receipt:BlobBaseClient.GetProperties,BlobClient.Upload,BlobClient.Upload",
                "stage:TableClient.AddEntity,TableClient.GetEntityIfExists,TableClient.Query",
            ],
            SdkChildrenByStage(spans, stages));

        var metrics = _harness.Metrics();
        Assert.Equal([("qi.outcome=rejected", 1L)], Sums(metrics["qi.ingest.returns"]));
        Assert.Equal([("qi.error.type=unit-error", 1L)], Sums(metrics["qi.ingest.rejections"]));
        Assert.False(metrics.ContainsKey("qi.ingest.observations"));
        Assert.Equal([("qi.outcome=rejected", 1L, 0.0)], Histogram(metrics["qi.ingest.duration"]));
    }

    [Fact]
    public async Task RunAsync_OnePeriodChanged_ARollupSpanWithASpanPerPeriodAndOnePeriodPublished()
    {
        foreach (var blobName in new[] { "110000/2022/qi-beijing.csv", "110000/2023/qi-beijing.csv" })
        {
            await _harness.UploadAsync(blobName, Path.Combine(SharedData.GoldenUploads, blobName));
            await _harness.Ingestion.IngestAsync(blobName);
        }

        var before = _harness.Metrics();
        _harness.Clear();

        var run = await _harness.Rollup.RunAsync();

        var spans = _harness.Spans();
        var rollup = Assert.Single(spans, s => s.Source.Name == QiTelemetry.Name && s.DisplayName == QiTelemetry.RollupSpan);
        Assert.Equal(["2022", "2023"], run.Published);
        var periods = Children(spans, rollup).Where(s => s.Source.Name == QiTelemetry.Name).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(
            [
                "rollup.period qi.period=2022 qi.rollup.result=published qi.rollup.status=provisional qi.reporters=1",
                "rollup.period qi.period=2023 qi.rollup.result=published qi.rollup.status=provisional qi.reporters=1",
            ],
            periods.Select(s => string.Join(' ', [s.DisplayName, .. s.TagObjects.Select(t => $"{t.Key}={t.Value}")])));
        Assert.Equal(
            ["BlobClient.Upload", "BlobClient.Upload", "BlobClient.Upload", "BlobClient.Upload", "TableClient.GetEntityIfExists", "TableClient.SubmitTransaction"],
            SdkChildren(spans, periods[1]));
        Assert.False(before.ContainsKey("qi.rollup.duration"));

        var metrics = _harness.Metrics();
        Assert.Equal([("", 2L)], Sums(metrics["qi.rollup.periods.published"]));
        Assert.Equal([("", 1L, 0.0)], Histogram(metrics["qi.rollup.duration"]));

        // Again: nothing changed, so nothing is published, but the run is counted (the silent-rollup alert counts runs).
        await _harness.Rollup.RunAsync();

        Assert.Contains(_harness.Spans(), s => s.DisplayName == QiTelemetry.RollupPeriodSpan && (string?)s.GetTagItem("qi.rollup.result") == "unchanged");
        metrics = _harness.Metrics();
        Assert.Equal([("", 2L)], Sums(metrics["qi.rollup.periods.published"]));
        Assert.Equal([("", 2L, 0.0)], Histogram(metrics["qi.rollup.duration"]));
        Assert.Equal(("s", "{period}"), (metrics["qi.rollup.duration"].Unit, metrics["qi.rollup.periods.published"].Unit));
    }

    [Fact]
    public void UploadsRedrivenAndOrphanedRowsDeleted_Recorded_AreCounters()
    {
        QiTelemetry.UploadsRedriven(3);
        QiTelemetry.OrphanedRowsDeleted(250);
        QiTelemetry.OrphanedRowsDeleted(0);

        var metrics = _harness.Metrics();

        Assert.Equal([("", 3L)], Sums(metrics["qi.ingest.redriven"]));
        Assert.Equal([("", 250L)], Sums(metrics["qi.staging.orphans.deleted"]));
        Assert.Equal(("{upload}", "{row}"), (metrics["qi.ingest.redriven"].Unit, metrics["qi.staging.orphans.deleted"].Unit));
    }

    private static Activity Stage(List<Activity> stages, string name) => stages.Single(s => s.DisplayName == name);

    private static IEnumerable<Activity> Children(IReadOnlyList<Activity> spans, Activity parent) =>
        spans.Where(s => s.ParentSpanId == parent.SpanId);

    /// <summary>Each stage with the Azure SDK's client spans directly under it: <c>stage:name,name</c>, sorted.</summary>
    private static List<string> SdkChildrenByStage(IReadOnlyList<Activity> spans, List<Activity> stages) =>
        [.. stages.Select(stage => $"{stage.DisplayName}:{string.Join(',', SdkChildren(spans, stage))}").Order(StringComparer.Ordinal)];

    /// <summary>The names of the Azure SDK's client spans directly under <paramref name="parent"/>, sorted.</summary>
    private static List<string> SdkChildren(IReadOnlyList<Activity> spans, Activity parent) =>
        [.. Children(spans, parent).Where(s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)).Select(s => s.DisplayName).Order(StringComparer.Ordinal)];

    private static List<(string Tags, long Sum)> Sums(MetricSnapshot metric) =>
        [.. metric.MetricPoints.Select(p => (Tags(p), p.GetSumLong())).Order()];

    private static List<(string Tags, long Count, double Sum)> Histogram(MetricSnapshot metric) =>
        [.. metric.MetricPoints.Select(p => (Tags(p), p.GetHistogramCount(), p.GetHistogramSum())).Order()];

    private static string Tags(MetricPoint point)
    {
        var tags = new List<string>();
        foreach (var tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(',', tags);
    }
}
