namespace QiIngest.Reliability.Tests.Harness;

/// <summary>The host process died at a request. Neither an <see cref="IOException"/> nor a storage error: the SDK does not retry it.</summary>
internal sealed class SimulatedCrashException(string message) : Exception(message);
