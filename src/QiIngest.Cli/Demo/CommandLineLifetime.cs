using Microsoft.Extensions.Hosting;

namespace QiIngest.Cli.Demo;

/// <summary>
/// The lifetime of a host that <c>qi</c> runs in-process: no console handlers of its own, so that Ctrl+C reaches qi
/// only, which cancels its command and stops the host once (the default lifetime would start stopping it as well).
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
