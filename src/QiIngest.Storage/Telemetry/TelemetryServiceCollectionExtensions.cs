using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace QiIngest.Storage.Telemetry;

/// <summary>
/// Exports the pipeline's traces, metrics and logs with OpenTelemetry, the same way in every host: to Application
/// Insights where <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (Entra ID through the managed identity named by
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>), over OTLP where <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and
/// traces and metrics to the console where <c>QiIngest:Telemetry:Console</c> is true.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Application Insights connection string (no key: ingestion is authenticated with Entra ID).</summary>
    public const string AppInsightsConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD;ClientId={user-assigned identity}</c>: how to sign in to Application Insights.</summary>
    public const string AppInsightsAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The OTLP endpoint, as the OpenTelemetry specification names it.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>True to write spans and metrics to standard output.</summary>
    public const string ConsoleSetting = "QiIngest:Telemetry:Console";

    /// <summary>The Azure SDK's <c>ActivitySource</c> support is opt-in (still experimental in Azure.Core).</summary>
    private const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>
    /// Adds OpenTelemetry with the pipeline's and the Azure SDK's sources and the pipeline's meter, and the exporters the
    /// settings ask for. Without any exporter setting and without <paramref name="configure"/>, adds nothing: a host
    /// that exports nowhere pays for no spans.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's settings.</param>
    /// <param name="serviceName">The resource's <c>service.name</c>; null to leave it to the host's resource detector (Functions).</param>
    /// <param name="configure">Host-specific additions (the Functions worker's defaults, a test's in-memory exporter).</param>
    public static IServiceCollection AddQiIngestTelemetry(this IServiceCollection services, IConfiguration configuration, string? serviceName, Action<IOpenTelemetryBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var appInsights = configuration[AppInsightsConnectionSetting];
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var console = configuration.GetValue<bool>(ConsoleSetting);
        if (string.IsNullOrWhiteSpace(appInsights) && !otlp && !console && configure is null)
        {
            return services;
        }

        // Before any client sends a request: Azure.Core reads the switch once.
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        var builder = services.AddOpenTelemetry();
        if (serviceName is not null)
        {
            builder.ConfigureResource(resource => resource.AddService(serviceName));
        }

        builder.WithTracing(tracing =>
        {
            tracing.AddSource(QiTelemetry.Name, QiTelemetry.AzureSdkSources);
            if (otlp)
            {
                tracing.AddOtlpExporter();
            }

            if (console)
            {
                tracing.AddConsoleExporter();
            }
        });
        builder.WithMetrics(metrics =>
        {
            metrics.AddMeter(QiTelemetry.Name);
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }

            if (console)
            {
                metrics.AddConsoleExporter();
            }
        });
        if (otlp)
        {
            builder.WithLogging(logging => logging.AddOtlpExporter());
        }

        if (!string.IsNullOrWhiteSpace(appInsights))
        {
            var credential = EntraCredential(configuration[AppInsightsAuthenticationSetting]);
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = appInsights;
                options.Credential = credential;
            });
        }

        configure?.Invoke(builder);
        return services;
    }

    /// <summary>
    /// The credential <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names, the setting the Functions host reads for
    /// its own telemetry: <c>Authorization=AAD</c> with a user-assigned identity's <c>ClientId</c>, or without one the
    /// system-assigned identity. Null without <c>Authorization=AAD</c>.
    /// </summary>
    internal static TokenCredential? EntraCredential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
