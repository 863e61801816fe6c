using Microsoft.Azure.WebJobs;
using QiIngest.Storage.Rollup;

namespace QiIngest.LocalHost;

/// <summary>
/// The rollup timer of the local host: the Functions app's <c>NationalRollup</c> on the setting <c>RollupSchedule</c>
/// (NCRONTAB with seconds, UTC; <c>0 0 18 * * *</c> by default). Timers are at-least-once; the rollup is idempotent, so
/// <c>qi rollup --storage</c> and <c>qi demo</c> may also call <see cref="INationalRollup"/> directly.
/// </summary>
public sealed class NationalRollup(INationalRollup rollup)
{
    /// <summary>The schedule expression: the setting <c>RollupSchedule</c>.</summary>
    public const string Schedule = "%" + LocalHostSettings.RollupSchedule + "%";

    [FunctionName(nameof(NationalRollup))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await rollup.RunAsync(cancellationToken);
    }
}
