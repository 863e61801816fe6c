using Microsoft.Azure.WebJobs;
using QiIngest.Storage.Ingestion;

namespace QiIngest.LocalHost;

/// <summary>The reconciliation sweep's timer (<see cref="ReconciliationService.Schedule"/>, every five minutes).</summary>
public sealed class Reconcile(ReconciliationService sweep)
{
    [FunctionName(nameof(Reconcile))]
    public async Task RunAsync([TimerTrigger(ReconciliationService.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await sweep.RunAsync(cancellationToken);
    }
}
