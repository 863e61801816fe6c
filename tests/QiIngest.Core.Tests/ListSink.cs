namespace QiIngest.Core.Tests;

/// <summary>Keeps the observations a check streams out, to compare them.</summary>
internal sealed class ListSink : IObservationSink
{
    public List<Observation> Observations { get; } = [];

    public ValueTask AddAsync(Observation observation, CancellationToken cancellationToken = default)
    {
        Observations.Add(observation);
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
