using QiIngest.Core;
using QiIngest.Storage.Tables;

namespace QiIngest.Bench.Figures;

/// <summary>Collects the observations of a return and the very entities the ingestion would write for them, so that the ceiling writes the same sizes.</summary>
internal sealed class EntityCollector(string partition, string reporter, string period) : IObservationSink
{
    public List<Observation> Observations { get; } = [];

    public List<ObservationEntity> Entities { get; } = [];

    public ValueTask AddAsync(Observation observation, CancellationToken cancellationToken = default)
    {
        Observations.Add(observation);
        Entities.Add(ObservationEntity.From(observation, partition, reporter, period));
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
