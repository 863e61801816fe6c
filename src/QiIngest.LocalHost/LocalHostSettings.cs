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

    /// <summary>How many times a blob is tried before its message goes to <c>webjobs-blobtrigger-poison</c>.</summary>
    public const string PoisonBlobThreshold = "AzureWebJobs:Extensions:Blobs:PoisonBlobThreshold";

    /// <summary>How many blobs one host ingests at once.</summary>
    public const string MaxDegreeOfParallelism = "AzureWebJobs:Extensions:Blobs:MaxDegreeOfParallelism";

    /// <summary>The defaults: Azurite for both accounts, the Functions app's schedule, container and retry count.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [HostStorage] = StorageConnection.Development,
        [StorageOptions.ConnectionName] = StorageConnection.Development,
        [HostId] = DefaultHostId,
        [UploadsContainer] = "uploads",
        [StorageOptions.RetryQueueSetting] = "qiingest-retry",
        [RollupSchedule] = DefaultRollupSchedule,
        [PoisonBlobThreshold] = "5",
        [MaxDegreeOfParallelism] = "4",
    };
}
