using System.Diagnostics;
using System.Diagnostics.Metrics;
using QiIngest.Core;
using QiIngest.Core.Receipts;

namespace QiIngest.Storage.Telemetry;

/// <summary>
/// The one owner of the pipeline's telemetry: its <see cref="ActivitySource"/>, its <see cref="Meter"/>, every span,
/// attribute and instrument name. Names and units follow the OpenTelemetry semantic conventions (seconds for
/// durations, <c>By</c> for bytes, <c>{annotations}</c> for counts, no <c>_total</c>). Static, as the source and the meter
/// are in the .NET guidance for a library: a listener (the OpenTelemetry SDK, a test) subscribes to them by name.
/// </summary>
public static class QiTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "QiIngest";

    /// <summary>The names of the Azure SDK's activity sources, whose spans nest under ours.</summary>
    public const string AzureSdkSources = "Azure.*";

    public const string ReporterAttribute = "qi.reporter";
    public const string PeriodAttribute = "qi.period";
    public const string Sha256Attribute = "qi.sha256";
    public const string OutcomeAttribute = "qi.outcome";
    public const string ObservationsAttribute = "qi.observations";
    public const string ErrorsAttribute = "qi.errors";
    public const string WarningsAttribute = "qi.warnings";

    /// <summary>The type of the first error (<c>path-error</c>, <c>limit-exceeded</c>, …) of a rejected return.</summary>
    public const string ErrorTypeAttribute = "qi.error.type";
    public const string UploadAttribute = "qi.upload";
    public const string FileSizeAttribute = "qi.file.size";
    public const string VersionAttribute = "qi.version";
    public const string DuplicateAttribute = "qi.duplicate";
    public const string RollupStatusAttribute = "qi.rollup.status";
    public const string RollupResultAttribute = "qi.rollup.result";
    public const string ReportersAttribute = "qi.reporters";

    /// <summary>The span of one ingestion; its children are the stages below.</summary>
    public const string IngestSpan = "ingest";
    public const string DownloadSpan = "download";
    public const string CheckSpan = "check";
    public const string StageSpan = "stage";
    public const string CommitSpan = "commit";
    public const string ReceiptSpan = "receipt";
    public const string RollupSpan = "rollup";
    public const string RollupPeriodSpan = "rollup.period";

    private static readonly string? Version = typeof(QiTelemetry).Assembly.GetName().Version?.ToString();

    public static ActivitySource Source { get; } = new(Name, Version);

    public static Meter Meter { get; } = new(Name, Version);

    private static readonly Counter<long> Returns = Meter.CreateCounter<long>("qi.ingest.returns", "{return}", "Returns ingested (a receipt written), by qi.outcome.");
    private static readonly Counter<long> Observations = Meter.CreateCounter<long>("qi.ingest.observations", "{observation}", "Observations staged in the observations table.");
    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>("qi.ingest.rejections", "{return}", "Rejected returns, by the type of their first error (qi.error.type).");
    private static readonly Histogram<double> IngestDuration = Meter.CreateHistogram<double>("qi.ingest.duration", "s", "How long one ingestion took, from the trigger to the receipt, by qi.outcome.");
    private static readonly Histogram<long> FileSize = Meter.CreateHistogram<long>("qi.ingest.file.size", "By", "The size of each uploaded file.");
    private static readonly Histogram<double> RollupDuration = Meter.CreateHistogram<double>("qi.rollup.duration", "s", "How long one completed rollup run took, changed or not.");
    private static readonly Counter<long> PeriodsPublished = Meter.CreateCounter<long>("qi.rollup.periods.published", "{period}", "Periods whose national reports a rollup (re)wrote.");
    private static readonly Counter<long> Redriven = Meter.CreateCounter<long>("qi.ingest.redriven", "{upload}", "Uploads re-driven after their trigger was lost or poisoned.");
    private static readonly Counter<long> OrphansDeleted = Meter.CreateCounter<long>("qi.staging.orphans.deleted", "{row}", "Staged observation rows of no committed version, deleted by the sweep.");

    /// <summary>Starts the span of one ingestion of the uploaded blob <paramref name="blobName"/>.</summary>
    public static Activity? StartIngest(string blobName)
    {
        var activity = Source.StartActivity(IngestSpan);
        activity?.SetTag(UploadAttribute, blobName);
        return activity;
    }

    /// <summary>
    /// Starts the staging span as a sibling of the check span, without making it current: the observation writes run
    /// while the checker reads, and <see cref="StagedObservationSink"/> puts them under it.
    /// </summary>
    public static Activity? StartStage()
    {
        var current = Activity.Current;
        var stage = Source.StartActivity(StageSpan);
        Activity.Current = current;
        return stage;
    }

    /// <summary>Records the size of a downloaded upload.</summary>
    public static void Downloaded(Activity? activity, long bytes)
    {
        activity?.SetTag(FileSizeAttribute, bytes);
        FileSize.Record(bytes);
    }

    /// <summary>Sets the attributes of the ingestion span and records the metrics of a finished ingestion.</summary>
    /// <param name="activity">The ingestion span, if anyone listens.</param>
    /// <param name="receipt">The receipt written (or, for bytes seen before, returned).</param>
    /// <param name="duration">From the trigger to the receipt.</param>
    public static void Ingested(Activity? activity, Receipt receipt, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var firstError = receipt.Errors.Count > 0 ? receipt.Errors[0].Type : null;
        if (activity is not null)
        {
            activity.SetTag(ReporterAttribute, receipt.Reporter);
            activity.SetTag(PeriodAttribute, receipt.Period);
            activity.SetTag(Sha256Attribute, receipt.Sha256);
            activity.SetTag(OutcomeAttribute, receipt.Outcome);
            activity.SetTag(ObservationsAttribute, receipt.Observations);
            activity.SetTag(ErrorsAttribute, receipt.ErrorCount);
            activity.SetTag(WarningsAttribute, receipt.WarningCount);
            activity.SetTag(ErrorTypeAttribute, firstError);
            activity.SetTag(VersionAttribute, receipt.Version);
        }

        var outcome = new KeyValuePair<string, object?>(OutcomeAttribute, receipt.Outcome);
        Returns.Add(1, outcome);
        IngestDuration.Record(duration.TotalSeconds, outcome);

        if (receipt.Outcome == Outcome.Rejected)
        {
            Rejections.Add(1, new KeyValuePair<string, object?>(ErrorTypeAttribute, firstError));
        }
    }

    /// <summary>
    /// Records <paramref name="count"/> observations written to the staging partitions; the metric counts only those
    /// of a version about to be committed (a rejected return's rows are deleted again).
    /// </summary>
    public static void Staged(Activity? stage, int count, bool committed)
    {
        stage?.SetTag(ObservationsAttribute, count);
        if (committed && count > 0)
        {
            Observations.Add(count);
        }
    }

    /// <summary>Runs <paramref name="action"/> with <paramref name="span"/> current, so that the SDK's spans of it nest under that span.</summary>
    public static async Task<T> InSpanAsync<T>(Activity? span, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);

        // An async method: the change of the current activity does not flow back to the caller.
        Activity.Current = span ?? Activity.Current;
        return await action();
    }

    /// <summary>Starts the span of one period of a rollup run.</summary>
    public static Activity? StartRollupPeriod(string period)
    {
        var activity = Source.StartActivity(RollupPeriodSpan);
        activity?.SetTag(PeriodAttribute, period);
        return activity;
    }

    /// <summary>What the rollup of one period did: <c>published</c>, <c>unchanged</c> or <c>lost-race</c>.</summary>
    public static void RolledUp(Activity? activity, string result, string status, int reporters)
    {
        activity?.SetTag(RollupResultAttribute, result);
        activity?.SetTag(RollupStatusAttribute, status);
        activity?.SetTag(ReportersAttribute, reporters);
        if (result == RollupPublished)
        {
            PeriodsPublished.Add(1);
        }
    }

    /// <summary>The result of a period whose reports were (re)written.</summary>
    public const string RollupPublished = "published";

    /// <summary>The result of a period whose inputs had not changed.</summary>
    public const string RollupUnchanged = "unchanged";

    /// <summary>The result of a period another run committed first.</summary>
    public const string RollupLostRace = "lost-race";

    /// <summary>Records a completed rollup run (the alert on a silent rollup counts these).</summary>
    public static void RollupCompleted(TimeSpan duration) => RollupDuration.Record(duration.TotalSeconds);

    /// <summary>Records uploads re-driven (the reliability work's re-drive).</summary>
    public static void UploadsRedriven(int count)
    {
        if (count > 0)
        {
            Redriven.Add(count);
        }
    }

    /// <summary>Records staged rows of no committed version deleted (the reliability work's sweep).</summary>
    public static void OrphanedRowsDeleted(int count)
    {
        if (count > 0)
        {
            OrphansDeleted.Add(count);
        }
    }

    /// <summary>Marks <paramref name="activity"/> as failed by <paramref name="exception"/> (a storage fault the host retries).</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.AddException(exception);
    }
}
