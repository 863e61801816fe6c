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

        builder.ConfigureWebHost(web => web
            .UseKestrel()
            .UseUrls(urls)
            .ConfigureServices((context, services) => services.AddRouting().AddQiIngestApi(context.Configuration))
            .Configure(app => app.UseRouting().UseEndpoints(endpoints => endpoints.MapQiIngestApi().MapQiIngestPortal())));
    }

    /// <summary>The addresses Kestrel listens on (with the port it picked for port 0); empty when the host serves no HTTP.</summary>
    public static IReadOnlyList<Uri> Addresses(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var server = host.Services.GetService<IServer>();
        return [.. server?.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)) ?? []];
    }
}
