using System.Diagnostics;
using QiIngest.Core;

namespace QiIngest.Storage.Telemetry;

/// <summary>
/// Hands the checker's observations to the staging sink with the staging span current, so that the table
/// transactions the sink starts (and the Azure SDK's spans of them) nest under <c>stage</c>, not <c>check</c>; and
/// counts them.
/// </summary>
internal sealed class StagedObservationSink(IObservationSink inner, Activity? stage) : IObservationSink
{
    public int Count { get; private set; }

    public ValueTask AddAsync(Observation observation, CancellationToken cancellationToken = default)
    {
        Count++;
        if (stage is null)
        {
            return inner.AddAsync(observation, cancellationToken);
        }

        var previous = Activity.Current;
        Activity.Current = stage;
        try
        {
            return inner.AddAsync(observation, cancellationToken);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => UnderStageAsync(() => inner.CompleteAsync(cancellationToken));

    /// <summary>Runs <paramref name="action"/> (the discard of a rejected return's rows) under the staging span.</summary>
    public async ValueTask UnderStageAsync(Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);

        // An async method: the change of the current activity does not flow back to the caller.
        Activity.Current = stage ?? Activity.Current;
        await action();
    }
}
