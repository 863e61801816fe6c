using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QiIngest.Api;
using QiIngest.Api.Portal;

namespace QiIngest.LocalHost;

/// <summary>
/// The HTTP API on Kestrel inside the local host, beside the triggers and on the same services, when the setting
/// <see cref="Urls"/> names where to listen (for example <c>http://127.0.0.1:7071</c>; port 0 picks a free one). Without
/// it the local host serves no HTTP, so that hosts started side by side (tests, <c>qi demo</c>) never race for a port.
/// With <see cref="DevelopmentSignIn.Setting"/> it also issues development tokens for the portal.
/// </summary>
public static class LocalApi
{
    /// <summary>Where Kestrel listens: one or more URLs separated by ';'.</summary>
    public const string Urls = ApiOptions.Section + ":Urls";

    /// <summary>Adds Kestrel and the API's routes when <see cref="Urls"/> is set in <paramref name="overrides"/> or the environment.</summary>
    internal static void AddTo(IHostBuilder builder, IConfiguration? overrides)
    {
        var urls = overrides?[Urls] ?? Environment.GetEnvironmentVariable(Urls.Replace(":", "__", StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(urls))
        {
            return;
        }

        // The portal offers development sign-in exactly when this host issues its tokens: a value of the option from
        // elsewhere (the environment) is overridden.
        var signIn = DevelopmentSignIn.IsOn(overrides?[DevelopmentSignIn.Setting] ?? Environment.GetEnvironmentVariable(DevelopmentSignIn.Setting.Replace(":", "__", StringComparison.Ordinal)));
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DevelopmentSignIn.PortalOption] = signIn ? "true" : "false",
        }));
        builder.ConfigureWebHost(web => web
            .UseKestrel()
            .UseUrls(urls)
            .ConfigureServices((context, services) =>
            {
                services.AddRouting().AddQiIngestApi(context.Configuration);
                services.AddHostedService<PortalUploadCors>();
                if (signIn)
                {
                    services.AddDevelopmentSignIn();
                }
            })
            .Configure(app => app.UseRouting().UseEndpoints(endpoints =>
            {
                endpoints.MapQiIngestApi().MapQiIngestPortal();
                if (signIn)
                {
                    endpoints.MapDevelopmentSignIn();
                }
            })));
    }

    /// <summary>The addresses Kestrel listens on (with the port it picked for port 0); empty when the host serves no HTTP.</summary>
    public static IReadOnlyList<Uri> Addresses(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var server = host.Services.GetService<IServer>();
        return [.. server?.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)) ?? []];
    }
}
