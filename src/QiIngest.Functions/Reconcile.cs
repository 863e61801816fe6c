using Microsoft.Azure.Functions.Worker;
using QiIngest.Storage.Ingestion;

namespace QiIngest.Functions;

/// <summary>The reconciliation sweep's timer (<see cref="ReconciliationService.Schedule"/>, every five minutes).</summary>
public sealed class Reconcile(ReconciliationService sweep)
{
    [Function(nameof(Reconcile))]
    public async Task RunAsync([TimerTrigger(ReconciliationService.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await sweep.RunAsync(cancellationToken);
    }
}
