namespace QiIngest.Storage.Ingestion;

/// <summary>
/// When an upload that failed is tried again. The blob trigger itself tries <see cref="HostTries"/> times back to back
/// (host.json <c>poisonBlobThreshold</c>); after that each delayed retry waits twice as long as the one before, from
/// <see cref="StorageOptions.RetryBaseDelay"/> up to <see cref="StorageOptions.RetryMaxDelay"/>, for as long as it fails.
/// </summary>
public static class RetrySchedule
{
    /// <summary>The tries the blob trigger makes before it poisons (host.json and the local host's default).</summary>
    public const int HostTries = 5;

    /// <summary>How long to wait after <paramref name="attempt"/> failed attempts.</summary>
    public static TimeSpan Delay(int attempt, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (attempt < HostTries)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(attempt - HostTries, 30);
        var delay = options.RetryBaseDelay * Math.Pow(2, doublings);
        return delay < options.RetryMaxDelay ? delay : options.RetryMaxDelay;
    }
}
