using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QiIngest.Api.Auth;

namespace QiIngest.Api;

/// <summary>Registers the API's and the portal's handlers and the validation of Entra ID bearer tokens; both hosts call it after <c>AddQiIngestStorage</c>.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ApiHandlers"/>, the options <c>QiIngest:Api</c> and the JwtBearer scheme configured from
    /// <c>AzureAd</c> (<see cref="EntraOptions"/>): signature by the tenant's published keys, issuer, audience and
    /// lifetime are validated; roles come from the <c>roles</c> claim, unmapped.
    /// </summary>
    public static IServiceCollection AddQiIngestApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Configure(o => configuration.GetSection(ApiOptions.Section).Bind(o));
        services.TryAddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>();
        var entra = new EntraOptions();
        configuration.GetSection(EntraOptions.Section).Bind(entra);
        services.AddAuthentication().AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Authority = entra.Authority;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.ValidAudiences = entra.Audiences;
            o.TokenValidationParameters.ValidateAudience = true;
            o.TokenValidationParameters.RoleClaimType = ApiRoles.Claim;
            o.TokenValidationParameters.NameClaimType = "name";
        });
        services.AddOptions<Portal.PortalOptions>().Configure(o => configuration.GetSection(Portal.PortalOptions.Section).Bind(o));
        services.TryAddSingleton(entra);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CallerAuthentication>();
        services.TryAddSingleton<UploadGrants>();
        services.TryAddSingleton(sp => new ApiHandlers(
            sp.GetRequiredService<Storage.Reading.ReadService>(),
            sp.GetRequiredService<CallerAuthentication>(),
            sp.GetRequiredService<UploadGrants>(),
            sp.GetRequiredService<Core.Catalog.IndicatorCatalog>(),
            sp.GetRequiredService<Core.Catalog.ReporterRegistry>(),
            sp.GetRequiredService<IOptions<ApiOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ApiHandlers>>()));
        services.TryAddSingleton(sp => new Portal.PortalHandlers(
            sp.GetRequiredService<IOptions<Portal.PortalOptions>>(),
            sp.GetRequiredService<EntraOptions>(),
            sp.GetRequiredService<Storage.QiStorage>(),
            sp.GetRequiredService<Core.Catalog.ReporterRegistry>()));
        return services;
    }

    private sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
    {
        public ValidateOptionsResult Validate(string? name, ApiOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
