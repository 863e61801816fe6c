namespace QiIngest.Core;

/// <summary>Receives the observations of a return while it is read, so that large returns stream to storage.</summary>
/// <remarks>A sink must not make anything visible to readers of accepted data: the caller commits only when the return is accepted.</remarks>
public interface IObservationSink
{
    /// <summary>Takes one observation.</summary>
    ValueTask AddAsync(Observation observation, CancellationToken cancellationToken = default);

    /// <summary>Called once after the last observation.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
