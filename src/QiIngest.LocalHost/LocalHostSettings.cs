using QiIngest.Storage;

namespace QiIngest.LocalHost;

/// <summary>The settings the local host reads, and their defaults (Azurite on this machine).</summary>
public static class LocalHostSettings
{
    /// <summary>The WebJobs host's own storage: blob receipts, locks, the blob trigger's queue and the poison queue.</summary>
    public const string HostStorage = "AzureWebJobsStorage";

    /// <summary>
    /// The host id. Hosts that share it share the blob trigger's queue and receipts, so that between them every upload
    /// is processed once; hosts with different ids each process every upload.
    /// </summary>
    public const string HostId = "AzureWebJobs:HostId";

    /// <summary>The default host id (at most 32 lower-case letters, digits and hyphens).</summary>
    public const string DefaultHostId = "qiingest-local";

    /// <summary>The container the blob trigger watches: the same setting the storage services read.</summary>
    public const string UploadsContainer = StorageOptions.UploadsContainerSetting;

    /// <summary>The rollup timer's NCRONTAB schedule.</summary>
    public const string RollupSchedule = "RollupSchedule";

    /// <summary>02:00 China time (UTC+8) every day, in UTC: the Functions app's default.</summary>
    public const string DefaultRollupSchedule = "0 0 18 * * *";

    /// <summary>How many times a blob is tried before its message goes to <c>webjobs-blobtrigger-poison</c> (default: host.json's <c>poisonBlobThreshold</c>).</summary>
    public const string PoisonBlobThreshold = "AzureWebJobs:Extensions:Blobs:PoisonBlobThreshold";

    /// <summary>How many blobs one host ingests at once (default: host.json's <c>maxDegreeOfParallelism</c>).</summary>
    public const string MaxDegreeOfParallelism = "AzureWebJobs:Extensions:Blobs:MaxDegreeOfParallelism";

    /// <summary>
    /// The longest the queue triggers (the poison redrive, the retries) wait between polls of an empty queue: the SDK's
    /// default, a minute, unless set. Tests that wait for the redrive set it shorter.
    /// </summary>
    public const string QueueMaxPollingInterval = "AzureWebJobs:Extensions:Queues:MaxPollingInterval";

    /// <summary>Seconds between the <see cref="DevelopmentStorageRescanner"/>'s sweeps for uploads the blob trigger's scan missed; 0 turns them off.</summary>
    public const string RescanSeconds = "LocalHost:RescanSeconds";

    /// <summary>
    /// The default of <see cref="RescanSeconds"/>: a missed upload waits for the rescanner's grace, up to one interval and
    /// the trigger's next scan, so with 5 s a burst of uploads waited up to 12 s for the ones missed (bench/README.md,
    /// <c>burst_vs_serial</c>). A sweep is two listings on development storage only.
    /// </summary>
    public const int DefaultRescanSeconds = 1;

    /// <summary>
    /// The defaults: Azurite for both accounts, the Functions app's schedule and container, and the blob trigger's settings
    /// of the Functions app's host.json (its concurrency and tries are written there only).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>(FunctionsHostJson.ExtensionSettings, StringComparer.OrdinalIgnoreCase)
    {
        [HostStorage] = StorageConnection.Development,
        [StorageOptions.ConnectionName] = StorageConnection.Development,
        [HostId] = DefaultHostId,
        [UploadsContainer] = "uploads",
        [StorageOptions.RetryQueueSetting] = "qiingest-retry",
        [RollupSchedule] = DefaultRollupSchedule,
        [RescanSeconds] = DefaultRescanSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
