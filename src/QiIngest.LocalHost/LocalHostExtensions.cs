using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace QiIngest.LocalHost;

/// <summary>What a running local host can be asked to do on demand.</summary>
public static class LocalHostExtensions
{
    /// <summary>Runs the rollup timer's function now, through the trigger engine, as if its schedule had fired.</summary>
    public static Task TriggerRollupAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var jobHost = host.Services.GetRequiredService<IJobHost>();
        var arguments = new Dictionary<string, object?> { ["timer"] = new TimerInfo(null, null) };
        return jobHost.CallAsync(nameof(NationalRollup), arguments, cancellationToken);
    }
}
