using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QiIngest.Core.Catalog;

namespace QiIngest.Core;

/// <summary>Registers the core: catalog, reporters, limits and the checker.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core services. <paramref name="configureLimits"/> may change the limits of section 7 (bind them from
    /// <see cref="IngestLimits.Section"/>); they are validated when the host starts, every problem reported at once.
    /// </summary>
    public static IServiceCollection AddQiIngestCore(this IServiceCollection services, Action<OptionsBuilder<IngestLimits>>? configureLimits = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<IngestLimits>();
        configureLimits?.Invoke(builder);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestLimits>, IngestLimitsValidation>());
        services.TryAddSingleton(IndicatorCatalog.Default);
        services.TryAddSingleton(ReporterRegistry.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ReturnChecker(sp.GetRequiredService<IndicatorCatalog>(), sp.GetRequiredService<ReporterRegistry>(), sp.GetRequiredService<IOptions<IngestLimits>>().Value));
        return services;
    }

    private sealed class IngestLimitsValidation : IValidateOptions<IngestLimits>
    {
        public ValidateOptionsResult Validate(string? name, IngestLimits options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
