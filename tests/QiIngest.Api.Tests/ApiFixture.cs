using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using QiIngest.Api.Portal;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Rollup;
using QiIngest.Testing;

namespace QiIngest.Api.Tests;

/// <summary>
/// The API mapped by <see cref="ApiEndpointRouteBuilderExtensions.MapQiIngestApi"/> and the portal by
/// <see cref="PortalEndpointRouteBuilderExtensions.MapQiIngestPortal"/> on a test server, over its own
/// containers and tables on Azurite holding every golden return (both periods, rolled up), plus, for Beijing 2023, a
/// rejected file and an upload not processed yet. Tokens are validated by the real JwtBearer handler against
/// <see cref="TestTokens.SigningKey"/>, in place of the tenant's published keys.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The API's clock: now, to the second, so that tokens minted against it are valid for the real JwtBearer handler too.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));

    /// <summary>2024's deadline in the test settings (nobody reports 2024): ten days and an hour before <see cref="Clock"/>'s start.</summary>
    public DateTimeOffset Deadline2024 => new DateTimeOffset(Clock.Start.UtcDateTime, TimeSpan.Zero) - TimeSpan.FromDays(10) - TimeSpan.FromHours(1);

    public TestTokens Tokens { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public QiStorage Storage => App.Services.GetRequiredService<QiStorage>();

    public async Task InitializeAsync()
    {
        Tokens = new TestTokens(Clock);
        await Azurite.EnsureRunningAsync();
        var settings = Azurite.IsolatedStorageSettings(Guid.NewGuid().ToString("N")[..10]);
        settings["AzureAd:TenantId"] = TestTokens.TenantId;
        settings["AzureAd:ClientId"] = TestTokens.ClientId;
        settings["QiIngest:Api:Deadlines:2024"] = Deadline2024.ToString("O");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddRouting();
        builder.Services.AddQiIngestStorage(builder.Configuration).AddQiIngestApi(builder.Configuration);

        // The tenant's metadata, as the handler would read it from the authority: its issuer and signing key.
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Configuration = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer };
            o.Configuration.SigningKeys.Add(Tokens.SigningKey);
        });
        App = builder.Build();
        App.UseRouting();
        App.MapQiIngestApi().MapQiIngestPortal();
        await App.StartAsync();

        await Storage.EnsureCreatedAsync();
        var ingestion = App.Services.GetRequiredService<IngestionService>();
        foreach (var (blobName, path) in SharedData.GoldenFiles())
        {
            await Storage.Uploads.GetBlobClient(blobName).UploadAsync(new BinaryData(await File.ReadAllBytesAsync(path)), overwrite: true);
            await ingestion.IngestAsync(blobName);
        }

        await Storage.Uploads.GetBlobClient(RejectedBlob).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes("indicator,value,unit\nNOT_AN_INDICATOR,1,项\n")), overwrite: true);
        await ingestion.IngestAsync(RejectedBlob);
        await App.Services.GetRequiredService<RollupService>().RunAsync();
        await Storage.Uploads.GetBlobClient(PendingBlob).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes("indicator,value,unit\n")), overwrite: true);
    }

    public const string RejectedBlob = "110000/2023/bad.csv";

    public const string PendingBlob = "110000/2023/later.csv";

    /// <summary>A client of the test server, with a bearer token when one is given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = App.GetTestClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var container in new[] { Storage.Uploads, Storage.Receipts, Storage.Reports })
        {
            await container.DeleteIfExistsAsync();
        }

        foreach (var table in new[] { Storage.Submissions, Storage.Observations, Storage.Aggregates })
        {
            await table.DeleteAsync();
        }

        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
