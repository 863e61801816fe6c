using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using QiIngest.Core.Receipts;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Storage.Tables;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>
/// The invariants every scenario ends with, checked against what a fault-free run gives: each upload's file checked
/// offline by <see cref="ReturnChecker"/> and the national figures computed from those checks.
/// <list type="bullet">
/// <item>exactly one final receipt per upload, describing its bytes, with the outcome, totals and errors of the offline check;</item>
/// <item>ledger versions 1…n, one per distinct accepted file, the last uploaded current;</item>
/// <item>the observation rows of each version are the rows of its file;</item>
/// <item>no staged row that no version points to;</item>
/// <item>national figures (table and <c>national.json</c>) identical to the fault-free ones.</item>
/// </list>
/// Every breach is collected, the scenario's figures printed, then the test fails with all of them.
/// </summary>
internal static class InvariantChecker
{
    private static readonly ConcurrentDictionary<string, Expected> Offline = new(StringComparer.Ordinal);

    /// <summary>Checks the invariants of <paramref name="harness"/> after <paramref name="deliveries"/>; returns the figures it printed.</summary>
    public static async Task<ScenarioFigures> CheckAsync(FaultHarness harness, IReadOnlyCollection<Delivery> deliveries, ITestOutputHelper output, string scenario, CheckOptions? options = null)
    {
        options ??= new CheckOptions();
        var failures = new List<string>();
        var storage = harness.Clean.Storage;
        var checker = harness.Clean.Services.GetRequiredService<ReturnChecker>();
        var expected = new Dictionary<Upload, Expected>();
        foreach (var upload in harness.Uploads)
        {
            expected[upload] = await OfflineAsync(checker, upload);
        }

        var ledger = new List<LedgerEntity>();
        await foreach (var row in storage.Submissions.QueryAsync<LedgerEntity>())
        {
            ledger.Add(row);
        }

        var versions = ledger.Where(r => r.RowKey.StartsWith('v') && r.Version is not null).ToList();

        // Receipts: one at each upload's name, for the bytes the name holds now.
        var finals = harness.Uploads.GroupBy(u => u.BlobName).Select(g => g.MaxBy(u => u.Order)!).OrderBy(u => u.Order).ToList();
        var receiptNames = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in storage.Receipts.GetBlobsAsync())
        {
            receiptNames.Add(blob.Name);
        }

        int accepted = 0, rejected = 0, stranded = 0;
        foreach (var upload in finals)
        {
            var want = expected[upload];
            Receipt receipt;
            try
            {
                receipt = ReceiptJson.Deserialize((await storage.Receipts.GetBlobClient(upload.BlobName + ".json").DownloadContentAsync()).Value.Content.ToMemory().Span);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                stranded++;
                failures.Add($"{upload.BlobName}: stranded, no receipt.");
                continue;
            }

            if (receipt.Sha256 != upload.Sha256)
            {
                failures.Add($"{upload.BlobName}: the receipt describes {receipt.Sha256}, the blob holds {upload.Sha256}.");
                continue;
            }

            if (want.Result.IsAccepted != (receipt.Outcome != Outcome.Rejected))
            {
                failures.Add($"{upload.BlobName}: the receipt says {receipt.Outcome}, the offline check {want.Result.Outcome} ({string.Join("; ", receipt.Errors.Take(2).Select(e => e.Message))}).");
                continue;
            }

            if (want.Result.IsAccepted)
            {
                accepted++;
                Expect(failures, Same(want.Result.Totals, receipt.Totals), $"{upload.BlobName}: the receipt's totals differ from the offline check's.");
                Expect(failures, receipt.Observations == want.Result.ObservationCount, $"{upload.BlobName}: the receipt counts {receipt.Observations} observations, the file has {want.Result.ObservationCount}.");
                var shaRow = ledger.FirstOrDefault(r => r.Reporter == upload.Reporter && r.Period == upload.Period && r.RowKey == "sha-" + upload.Sha256);
                Expect(failures, shaRow?.Version is not null && receipt.Version == shaRow.Version, $"{upload.BlobName}: the receipt says version {receipt.Version}, the ledger {shaRow?.Version}.");
            }
            else
            {
                rejected++;
                Expect(failures, receipt.Version is null, $"{upload.BlobName}: a rejected receipt with version {receipt.Version}.");
                Expect(failures, receipt.ErrorCount == want.Result.ErrorCount, $"{upload.BlobName}: {receipt.ErrorCount} errors in the receipt, {want.Result.ErrorCount} offline.");
                var (got, first) = (receipt.Errors.Count > 0 ? receipt.Errors[0] : null, want.Result.Errors.Count > 0 ? want.Result.Errors[0] : null);
                Expect(failures, got == first, $"{upload.BlobName}: the first error is '{got?.Message}', offline '{first?.Message}'.");
            }
        }

        // Exactly one final receipt: nothing in the receipts container but the uploads' receipts and the ledger's own receipts by hash.
        var known = new HashSet<string>(finals.Select(u => u.BlobName + ".json"), StringComparer.Ordinal);
        known.UnionWith(ledger.Where(r => r.ReceiptName is not null).Select(r => r.ReceiptName!));
        foreach (var extra in receiptNames.Where(n => !known.Contains(n)))
        {
            failures.Add($"A receipt of no upload: {extra}.");
        }

        // The ledger: versions 1..n, one per distinct accepted file, the last uploaded current.
        var currents = new List<(Upload Upload, LedgerEntity Current)>();
        foreach (var group in harness.Uploads.GroupBy(u => (u.Reporter, u.Period)))
        {
            var (reporter, period) = group.Key;
            var mine = versions.Where(v => v.Reporter == reporter && v.Period == period).OrderBy(v => v.Version).ToList();
            var committed = mine.Select(v => v.Sha256!).ToHashSet(StringComparer.Ordinal);
            var acceptedUploads = group.Where(u => expected[u].Result.IsAccepted && (finals.Contains(u) || committed.Contains(u.Sha256))).OrderBy(u => u.Order).ToList();
            var distinct = acceptedUploads.Select(u => u.Sha256).Distinct(StringComparer.Ordinal).ToList();
            var where = $"{reporter}/{period}";
            Expect(failures, mine.Select(v => v.Version!.Value).SequenceEqual(Enumerable.Range(1, mine.Count)), $"{where}: versions {string.Join(",", mine.Select(v => v.Version))}, not 1..{mine.Count}.");
            Expect(failures, committed.SetEquals(distinct) && mine.Count == distinct.Count, $"{where}: {mine.Count} versions of {committed.Count} files; {distinct.Count} distinct accepted files were uploaded.");
            if (options.VersionsInUploadOrder)
            {
                Expect(failures, mine.Select(v => v.Sha256!).SequenceEqual(distinct), $"{where}: the versions are not in upload order.");
            }

            foreach (var upload in group.Where(u => finals.Contains(u) && !expected[u].Result.IsAccepted))
            {
                var row = ledger.FirstOrDefault(r => r.Reporter == reporter && r.Period == period && r.RowKey == "sha-" + upload.Sha256);
                Expect(failures, row is { Version: null, Outcome: Outcome.Rejected }, $"{upload.BlobName}: the ledger does not remember the rejected file.");
            }

            var current = ledger.SingleOrDefault(r => r.Reporter == reporter && r.Period == period && r.RowKey == LedgerEntity.CurrentRowKey);
            if (acceptedUploads.Count == 0)
            {
                Expect(failures, current is null, $"{where}: a current version, though nothing accepted was uploaded.");
                continue;
            }

            var last = acceptedUploads[^1];
            if (current is null || current.Sha256 != last.Sha256)
            {
                failures.Add($"{where}: current is {current?.File ?? "nothing"} (v{current?.Version}); the last uploaded accepted file is {last.BlobName} (upload {last.Order}).");
                continue;
            }

            var version = mine.SingleOrDefault(v => v.Version == current.Version);
            Expect(failures, version is not null && version.Sha256 == current.Sha256 && version.DataPartition == current.DataPartition && version.Totals == current.Totals, $"{where}: the current pointer disagrees with its version row v{current.Version}.");
            currents.Add((last, current));
        }

        // Observation rows: each version's are its file's; nothing else stays staged.
        var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await foreach (var entity in storage.Observations.QueryAsync<ObservationEntity>())
        {
            var prefix = entity.PartitionKey[..entity.PartitionKey.LastIndexOf('-')];
            if (!rows.TryGetValue(prefix, out var set))
            {
                rows[prefix] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(RowText(entity));
        }

        foreach (var version in versions)
        {
            var upload = harness.Uploads.FirstOrDefault(u => u.Reporter == version.Reporter && u.Period == version.Period && u.Sha256 == version.Sha256);
            if (upload is null)
            {
                failures.Add($"{version.PartitionKey}/{version.RowKey}: a version of no upload ({version.Sha256}).");
                continue;
            }

            var stored = rows.GetValueOrDefault(version.DataPartition ?? string.Empty) ?? [];
            var want = expected[upload].Rows;
            Expect(failures, stored.SetEquals(want), $"{upload.BlobName} (v{version.Version}): {stored.Count} rows stored, {want.Count} in the file, {stored.Except(want).Count()} of them not in it.");
            Expect(failures, version.Observations == want.Count, $"{upload.BlobName} (v{version.Version}): the version counts {version.Observations} observations, the file has {want.Count}.");
        }

        var pointed = versions.Select(v => v.DataPartition).ToHashSet(StringComparer.Ordinal);
        var orphaned = rows.Where(r => !pointed.Contains(r.Key)).Sum(r => r.Value.Count);
        Expect(failures, orphaned == 0 || options.AllowOrphans, $"{orphaned} staged rows in {rows.Keys.Count(k => !pointed.Contains(k))} files no version points to.");

        if (options.Rollup)
        {
            await CheckRollupAsync(harness, currents, expected, failures);
        }

        var figures = new ScenarioFigures
        {
            Scenario = scenario,
            Uploads = harness.Uploads.Count,
            Deliveries = deliveries.Count,
            Attempts = harness.Hosts.Sum(h => h.Attempts) + harness.Clean.Attempts,
            Requests = harness.Hosts.Sum(h => h.Faults.Requests),
            Unavailable = harness.Hosts.Sum(h => h.Faults.Unavailable),
            LostAnswers = harness.Hosts.Sum(h => h.Faults.LostAnswers),
            Crashes = harness.Hosts.Sum(h => h.Faults.Crashes),
            Poisoned = deliveries.Count(d => d.Poisoned),
            Accepted = accepted,
            Rejected = rejected,
            Stranded = stranded,
            RowsOrphaned = orphaned,
        };
        output.WriteLine(figures.ToString());
        foreach (var poisoned in deliveries.Where(d => d.Poisoned).Take(5))
        {
            output.WriteLine($"  poisoned after {poisoned.Attempts} attempts: {poisoned.BlobName}: {Describe(poisoned.LastError!)}");
        }

        foreach (var failure in failures.Take(40))
        {
            output.WriteLine("  breach: " + failure);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} invariant breaches in {scenario}:\n" + string.Join("\n", failures.Take(40)));
        return figures;
    }

    /// <summary>The offline check of an upload's file: its result and its rows as the table holds them.</summary>
    public static async Task<Expected> OfflineAsync(ReturnChecker checker, Upload upload)
    {
        var key = $"{upload.Reporter}/{upload.Period}/{Path.GetExtension(upload.BlobName)}:{upload.Sha256}";
        if (Offline.TryGetValue(key, out var known))
        {
            return known;
        }

        var path = UploadPath.Parse(upload.BlobName, checker.Reporters).Path ?? throw new InvalidOperationException($"{upload.BlobName} is not an upload path.");
        var sink = new CollectingSink();
        using var content = new MemoryStream(upload.Content, writable: false);
        var result = await checker.CheckAsync(content, path, previousTotals: null, sink);
        var rows = result.IsAccepted
            ? sink.Rows.Select(o => RowText(ObservationEntity.From(o, string.Empty, upload.Reporter, upload.Period))).ToHashSet(StringComparer.Ordinal)
            : [];
        return Offline[key] = new Expected(result, rows);
    }

    private static async Task CheckRollupAsync(FaultHarness harness, List<(Upload Upload, LedgerEntity Current)> currents, Dictionary<Upload, Expected> expected, List<string> failures)
    {
        var services = harness.Clean.Services;
        var catalog = services.GetRequiredService<IndicatorCatalog>();
        var reporters = services.GetRequiredService<ReporterRegistry>();
        await harness.Clean.Rollup.RunAsync();
        var inputs = currents
            .Select(c => (Period: Period.Parse(c.Upload.Period), Input: new ReporterInput(c.Upload.Reporter, c.Current.Version!.Value, Path.GetFileName(c.Upload.BlobName), c.Upload.Sha256, expected[c.Upload].Result.Totals)))
            .ToList();
        foreach (var period in inputs.Select(i => i.Period).Distinct())
        {
            List<ReporterInput> Of(Period p) => [.. inputs.Where(i => i.Period == p).Select(i => i.Input).OrderBy(i => i.Reporter, StringComparer.Ordinal)];
            var want = NationalRollupCalculator.Compute(new RollupInput(period, Of(period), Of(period.Previous)), catalog, reporters, TimeProvider.System.GetUtcNow());
            var table = new Dictionary<string, AggregateEntity>(StringComparer.Ordinal);
            await foreach (var row in harness.Clean.Storage.Aggregates.QueryAsync<AggregateEntity>(a => a.PartitionKey == period.ToString()))
            {
                table[row.RowKey] = row;
            }

            foreach (var figure in want.Figures)
            {
                var got = table.GetValueOrDefault(figure.Code);
                Expect(
                    failures,
                    got is not null && Parse(got.Value) == figure.Value && Parse(got.Rounded) == figure.Rounded && Parse(got.YoyPercent) == figure.YoyPercent && Parse(got.YoyRounded) == figure.YoyRounded && got.Reporters == figure.Reporters,
                    $"{period} {figure.Code}: the table has {got?.Value} (yoy {got?.YoyPercent}, {got?.Reporters} reporters), the fault-free figure is {figure.Value} (yoy {figure.YoyPercent}, {figure.Reporters}).");
            }

            var state = table.GetValueOrDefault(AggregateEntity.StateRowKey);
            Expect(failures, state?.Fingerprint == want.Fingerprint, $"{period}: the published fingerprint is {state?.Fingerprint}, the inputs' {want.Fingerprint}.");
            try
            {
                var json = NationalJson.Read((await harness.Clean.Storage.Reports.GetBlobClient($"{period}/national.json").DownloadContentAsync()).Value.Content.ToMemory().Span);
                Expect(failures, json.Fingerprint == want.Fingerprint, $"{period}: national.json is of inputs {json.Fingerprint}, the table of {want.Fingerprint}.");
                Expect(failures, json.Figures.Select(f => (f.Code, f.Value, f.YoyPercent)).SequenceEqual(want.Figures.Select(f => (f.Code, f.Value, f.YoyPercent))), $"{period}: national.json's figures differ from the fault-free ones.");
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                failures.Add($"{period}: no national.json.");
            }
        }
    }

    /// <summary>An exception in one line: its type, status and error code, message, and where our code threw it.</summary>
    public static string Describe(Exception e)
    {
        var status = e is RequestFailedException r ? $" {r.Status} {r.ErrorCode}" : string.Empty;
        var frame = e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("QiIngest.Storage", StringComparison.Ordinal)) ?? string.Empty;
        return $"{e.GetType().Name}{status}: {e.Message.Split('\n')[0]} {frame}";
    }

    private static string RowText(ObservationEntity e) => string.Join('|', e.RowKey, e.Indicator, e.RegionCode, e.RegionName, e.Value, e.Unit, e.Note, e.Row.ToString(CultureInfo.InvariantCulture));

    private static decimal? Parse(string? text) => text is null ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Same(IReadOnlyDictionary<string, decimal?> a, IReadOnlyDictionary<string, decimal?> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private static void Expect(List<string> failures, bool condition, string failure)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }

    /// <summary>What the checker may let pass in a scenario.</summary>
    internal sealed record CheckOptions
    {
        /// <summary>Whether versions must be numbered in upload order (false where several versions of one return race).</summary>
        public bool VersionsInUploadOrder { get; init; } = true;

        /// <summary>Whether to run the fault-free rollup and compare the national figures.</summary>
        public bool Rollup { get; init; } = true;

        /// <summary>Whether staged rows nobody points to are tolerated (never, once a sweep exists).</summary>
        public bool AllowOrphans { get; init; }
    }

    /// <summary>A file's offline check and its rows as the observations table holds them.</summary>
    internal sealed record Expected(CheckResult Result, IReadOnlySet<string> Rows);

    private sealed class CollectingSink : IObservationSink
    {
        public List<Observation> Rows { get; } = [];

        public ValueTask AddAsync(Observation observation, CancellationToken cancellationToken = default)
        {
            Rows.Add(observation);
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
