using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QiIngest.LocalHost;

/// <summary>
/// What the local host does when a listener fails outside any function (storage went away, say): log it and stop the
/// host, as the Functions host restarts its script host, instead of the WebJobs SDK's default of rethrowing on a new
/// thread, which ends the whole process (and with it <c>qi demo</c> or a test run).
/// </summary>
internal sealed class StoppingExceptionHandler(IHostApplicationLifetime lifetime, ILogger<StoppingExceptionHandler> logger) : IWebJobsExceptionHandler, IWebJobsExceptionHandlerFactory
{
    public IWebJobsExceptionHandler Create(IHost jobHost) => this;

    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod) => StopAsync(exceptionInfo);

    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo) => StopAsync(exceptionInfo);

    private Task StopAsync(ExceptionDispatchInfo exceptionInfo)
    {
        ArgumentNullException.ThrowIfNull(exceptionInfo);
        Log.Stopping(logger, exceptionInfo.SourceException.GetType().Name, exceptionInfo.SourceException.Message, exceptionInfo.SourceException);
        lifetime.StopApplication();
        return Task.CompletedTask;
    }
}
