using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QiIngest.Core.Catalog;

namespace QiIngest.Core;

/// <summary>Registers the core: catalog, reporters, limits and the checker.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Adds the core services; <paramref name="configureLimits"/> may change the limits of section 7.</summary>
    public static IServiceCollection AddQiIngestCore(this IServiceCollection services, Action<IngestLimitsOptions>? configureLimits = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<IngestLimitsOptions>();
        if (configureLimits is not null)
        {
            builder.Configure(configureLimits);
        }

        services.TryAddSingleton<IValidateOptions<IngestLimitsOptions>, IngestLimitsValidation>();
        services.TryAddSingleton<IOptions<IngestLimits>>(sp => Options.Create(sp.GetRequiredService<IOptions<IngestLimitsOptions>>().Value.ToLimits()));
        services.TryAddSingleton(IndicatorCatalog.Default);
        services.TryAddSingleton(ReporterRegistry.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ReturnChecker(sp.GetRequiredService<IndicatorCatalog>(), sp.GetRequiredService<ReporterRegistry>(), sp.GetRequiredService<IOptions<IngestLimits>>().Value));
        return services;
    }

    private sealed class IngestLimitsValidation : IValidateOptions<IngestLimitsOptions>
    {
        public ValidateOptionsResult Validate(string? name, IngestLimitsOptions options)
        {
            var errors = options.ToLimits().Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
