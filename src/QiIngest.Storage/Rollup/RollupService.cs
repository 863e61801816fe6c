using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Storage.Reading;
using QiIngest.Storage.Tables;
using QiIngest.Storage.Telemetry;

namespace QiIngest.Storage.Rollup;

/// <summary>
/// The national rollup on storage: reads the per-version summaries in the ledger (never the detail rows), rolls up every
/// period whose inputs changed, and publishes the table rows and the report blobs. Safe to run twice, at once or in a row.
/// A period is unchanged only when its state row and every report blob carry the inputs' fingerprint (blob metadata
/// <see cref="FingerprintMetadata"/>), so whatever a crash or a lost race left is repaired by the next run.
/// </summary>
public sealed class RollupService(QiStorage storage, ReadService reader, IndicatorCatalog catalog, ReporterRegistry reporters, TimeProvider clock, ILogger<RollupService> logger) : INationalRollup
{
    /// <summary>The blob metadata that stamps each report with the fingerprint of the inputs it was computed from.</summary>
    public const string FingerprintMetadata = "inputsfingerprint";


    /// <inheritdoc/>
    public async Task<RollupRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        using var run = QiTelemetry.Source.StartActivity(QiTelemetry.RollupSpan);
        try
        {
            var result = await RunCoreAsync(cancellationToken);
            QiTelemetry.RollupCompleted(clock.GetElapsedTime(started));
            return result;
        }
        catch (Exception e)
        {
            QiTelemetry.Failed(run, e);
            throw;
        }
    }

    private async Task<RollupRun> RunCoreAsync(CancellationToken cancellationToken)
    {
        var byPeriod = new Dictionary<Period, List<ReporterInput>>();
        foreach (var current in await reader.ListCurrentAsync(cancellationToken: cancellationToken))
        {
            if (!Period.TryParseStrict(current.Period, out var period))
            {
                continue;
            }

            if (!byPeriod.TryGetValue(period, out var inputs))
            {
                byPeriod[period] = inputs = [];
            }

            inputs.Add(new ReporterInput(current.Reporter, current.Version, current.File, current.Sha256, current.Totals));
        }

        var published = new List<string>();
        var unchanged = new List<string>();
        var history = new List<NationalRollup>();
        foreach (var period in byPeriod.Keys.OrderBy(p => p.Year))
        {
            var name = period.ToString();
            using var span = QiTelemetry.StartRollupPeriod(name);
            var input = new RollupInput(period, Sorted(byPeriod[period]), Sorted(byPeriod.GetValueOrDefault(period.Previous) ?? []));
            var fingerprint = input.Fingerprint();
            var state = await storage.Aggregates.GetEntityIfExistsAsync<AggregateEntity>(name, AggregateEntity.StateRowKey, cancellationToken: cancellationToken);
            var rollup = NationalRollupCalculator.Compute(input, catalog, reporters, clock.GetUtcNow());
            history.Add(rollup);
            if (state.HasValue && state.Value!.Fingerprint == fingerprint && await ReportsCarryAsync(name, fingerprint, cancellationToken))
            {
                Log.Unchanged(logger, name);
                QiTelemetry.RolledUp(span, QiTelemetry.RollupUnchanged, rollup.Status, rollup.Coverage.Reported);
                unchanged.Add(name);
                continue;
            }

            var won = await PublishAsync(rollup, history, fingerprint, state.HasValue ? state.Value : null, cancellationToken);
            QiTelemetry.RolledUp(span, won ? QiTelemetry.RollupPublished : QiTelemetry.RollupLostRace, rollup.Status, rollup.Coverage.Reported);
            published.Add(name);
        }

        return new RollupRun(published, unchanged);
    }

    private static List<ReporterInput> Sorted(List<ReporterInput> inputs) => [.. inputs.OrderBy(i => i.Reporter, StringComparer.Ordinal)];

    /// <summary>Publishes the period; false when another run committed it first.</summary>
    private async Task<bool> PublishAsync(NationalRollup rollup, IReadOnlyList<NationalRollup> history, string fingerprint, AggregateEntity? previousState, CancellationToken cancellationToken)
    {
        var period = rollup.Period.ToString();
        await UploadAsync(BlobLayout.Report(period, BlobLayout.NationalJsonFile), NationalJson.Write(rollup), "application/json; charset=utf-8", fingerprint, cancellationToken);
        await UploadAsync(BlobLayout.Report(period, BlobLayout.NationalCsvFile), NationalCsv.Write(rollup), "text/csv; charset=utf-8", fingerprint, cancellationToken);
        await UploadAsync(BlobLayout.Report(period, BlobLayout.NationalSdmxCsvFile), SdmxCsv.Write(rollup), "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8", fingerprint, cancellationToken);
        await UploadAsync(BlobLayout.Report(period, BlobLayout.DashboardFile), System.Text.Encoding.UTF8.GetBytes(DashboardPage.Render(rollup, history)), "text/html; charset=utf-8", fingerprint, cancellationToken);

        // The figures and the state row share the period's partition: one transaction publishes them together.
        var actions = rollup.Figures.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new AggregateEntity
        {
            PartitionKey = period,
            RowKey = f.Code,
            NameZh = f.NameZh,
            NameEn = f.NameEn,
            Value = f.Value is { } v ? Text.Format(v) : null,
            Rounded = f.Rounded is { } r ? Text.Format(r) : null,
            Unit = f.Unit,
            YoyPercent = f.YoyPercent is { } y ? Text.Format(y) : null,
            YoyRounded = f.YoyRounded is { } yr ? Text.Format(yr) : null,
            Reporters = f.Reporters,
            Status = rollup.Status,
            ComputedAt = rollup.ComputedAt,
        })).ToList();
        var state = new AggregateEntity
        {
            PartitionKey = period,
            RowKey = AggregateEntity.StateRowKey,
            Status = rollup.Status,
            Fingerprint = fingerprint,
            Inputs = JsonSerializer.Serialize(rollup.Inputs.ToDictionary(i => i.Reporter, i => i.Version)),
            ComputedAt = rollup.ComputedAt,
        };
        actions.Add(previousState is null
            ? new TableTransactionAction(TableTransactionActionType.Add, state)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, previousState.ETag));
        try
        {
            await storage.Aggregates.SubmitTransactionAsync(actions, cancellationToken);
            Log.Published(logger, period, rollup.Status, rollup.Coverage.Reported, rollup.Coverage.Expected);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            Log.LostRace(logger, period);
            return false;
        }
    }

    /// <summary>
    /// Whether every report blob of <paramref name="period"/> carries <paramref name="fingerprint"/>: a run that lost the
    /// commit race, or crashed between its uploads, leaves blobs of other inputs, and the next run then repairs them.
    /// </summary>
    private async Task<bool> ReportsCarryAsync(string period, string fingerprint, CancellationToken cancellationToken)
    {
        foreach (var name in BlobLayout.ReportFiles)
        {
            try
            {
                var properties = await storage.Reports.GetBlobClient(BlobLayout.Report(period, name)).GetPropertiesAsync(cancellationToken: cancellationToken);
                if (!properties.Value.Metadata.TryGetValue(FingerprintMetadata, out var stamp) || stamp != fingerprint)
                {
                    return false;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }
        }

        return true;
    }

    private async Task UploadAsync(string name, byte[] content, string contentType, string fingerprint, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = "no-cache" },
            Metadata = new Dictionary<string, string> { [FingerprintMetadata] = fingerprint },
        };
        await storage.Reports.GetBlobClient(name).UploadAsync(new BinaryData(content), options, cancellationToken);
    }
}
