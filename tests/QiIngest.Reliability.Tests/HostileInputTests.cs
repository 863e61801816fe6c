using System.Diagnostics;
using QiIngest.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>Hostile input under the limits ends in a rejected receipt at the first attempt, in bounded memory, with nothing left staged.</summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const long MemoryBudget = 256L * 1024 * 1024;

    [Fact]
    public async Task CsvRowOf17MiCharacters_RejectedAtTheFirstAttempt()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var upload = await harness.UploadAsync("110000/2023/long-row.csv", Returns.CsvWithLongRow(17 * 1024 * 1024));

        var (delivery, _) = await DeliverMeasuredAsync(harness, upload);

        await ExpectRejectedAsync(harness, delivery, "17 Mi-character CSV row");
    }

    [Fact]
    public async Task UnterminatedQuoteAfter6000GoodRows_RejectedAtTheFirstAttemptAndItsStagedRowsDeleted()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var upload = await harness.UploadAsync("440000/2023/open-quote.csv", Returns.CsvWithUnterminatedQuote(3_000, 17 * 1024 * 1024));

        var (delivery, _) = await DeliverMeasuredAsync(harness, upload);

        await ExpectRejectedAsync(harness, delivery, "unterminated quote after 6,000 rows");
    }

    [Fact]
    public async Task XlsxSharedStringsBombUnderTheLimits_RejectedInBoundedMemory()
    {
        await using var harness = await FaultHarness.CreateAsync();

        // About 70 MB of shared strings, inside the 256 MiB decompression limit, that the sheet uses out of order (the
        // last first): all must be held, and they take more than the table's 64 MiB budget, as in the core's bomb test.
        // (Strings no cell uses are not held at all, so one-letter strings that no cell uses are no bomb any more.)
        var bomb = Returns.SharedStringsBomb(1_100, 64_000);
        output.WriteLine($"bomb: {bomb.Length:N0} bytes on disk");
        var upload = await harness.UploadAsync("110000/2023/bomb.xlsx", bomb);

        var (delivery, peak) = await DeliverMeasuredAsync(harness, upload);

        Assert.True(peak < MemoryBudget, $"The ingestion's managed heap grew by {peak / (1024 * 1024):N0} MiB, more than the budget of {MemoryBudget / (1024 * 1024)} MiB.");
        await ExpectRejectedAsync(harness, delivery, "XLSX shared-strings bomb");
        Assert.Equal("limit-exceeded", delivery.Receipt!.Errors[0].Type);
    }

    /// <summary>Delivers the upload once to a host and samples the process's memory meanwhile: the growth of its peak over the start.</summary>
    private async Task<(Delivery Delivery, long PeakGrowth)> DeliverMeasuredAsync(FaultHarness harness, Upload upload)
    {
        var host = harness.StartHost(new FaultInjector(13));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var (startHeap, startSet) = (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
        var (peakHeap, peakSet) = (startHeap, startSet);
        using var done = new CancellationTokenSource();

        // The managed heap is what a reader's buffers grow; the working set of a test process shared with other tests only goes up.
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                peakSet = Math.Max(peakSet, process.WorkingSet64);
                await Task.Delay(10, CancellationToken.None);
            }
        });
        var delivery = await host.DeliverAsync(upload.BlobName);
        await done.CancelAsync();
        await sampler;
        output.WriteLine($"{upload.BlobName}: {delivery.Attempts} attempts; managed heap {startHeap / (1024 * 1024):N0} MiB at the start, peak +{(peakHeap - startHeap) / (1024 * 1024):N0} MiB; working set {startSet / (1024 * 1024):N0} MiB, peak +{(peakSet - startSet) / (1024 * 1024):N0} MiB");
        return (delivery, peakHeap - startHeap);
    }

    private async Task ExpectRejectedAsync(FaultHarness harness, Delivery delivery, string scenario)
    {
        Assert.True(delivery is { Attempts: 1, Receipt.Outcome: Core.Outcome.Rejected }, $"{delivery.BlobName}: {(delivery.LastError is { } e ? "poisoned: " + InvariantChecker.Describe(e) : $"{delivery.Receipt?.Outcome} after {delivery.Attempts} attempts")}");
        output.WriteLine($"{delivery.BlobName}: {delivery.Receipt!.Errors[0].Type} at row {delivery.Receipt.Errors[0].Row}: {delivery.Receipt.Errors[0].Message}");
        var figures = await InvariantChecker.CheckAsync(harness, [delivery], output, scenario, new InvariantChecker.CheckOptions { Rollup = false });
        Assert.Equal((1, 0, 0), (figures.Rejected, figures.Poisoned, figures.RowsOrphaned));
    }
}
