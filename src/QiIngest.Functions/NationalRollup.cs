using Microsoft.Azure.Functions.Worker;
using QiIngest.Storage.Rollup;

namespace QiIngest.Functions;

/// <summary>
/// The rollup timer. The schedule is the app setting <c>RollupSchedule</c>: NCRONTAB in UTC, by default
/// <c>0 0 18 * * *</c>, which is 02:00 China time (UTC+8). Timers are at-least-once; the rollup is idempotent.
/// </summary>
public sealed class NationalRollup(INationalRollup rollup)
{
    /// <summary>The schedule expression: the app setting <c>RollupSchedule</c>.</summary>
    public const string Schedule = "%RollupSchedule%";

    /// <summary>02:00 China time (UTC+8) every day, in UTC.</summary>
    public const string DefaultSchedule = "0 0 18 * * *";

    [Function(nameof(NationalRollup))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await rollup.RunAsync(cancellationToken);
    }
}
