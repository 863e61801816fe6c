using Azure;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QiIngest.Storage;

namespace QiIngest.Cli.Storage;

/// <summary>
/// The storage services of the commands that use storage, registered by the same <c>AddQiIngestStorage</c> as the hosts.
/// Only the clients' retry options differ: few and short retries, so that an unreachable account fails in about a
/// second instead of half a minute (the hosts keep the SDK defaults).
/// </summary>
internal sealed class CliStorage : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliStorage(ServiceProvider services)
    {
        _services = services;
        Storage = services.GetRequiredService<QiStorage>();
    }

    /// <summary>The containers and tables.</summary>
    public QiStorage Storage { get; }

    /// <summary>The registered services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The blob endpoint, for messages.</summary>
    public string Endpoint => Storage.Blobs.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>Connects with a connection string (Azurite when null) or, when <paramref name="accountUrl"/> is given, with <see cref="DefaultAzureCredential"/>.</summary>
    /// <param name="connectionString">The connection string; Azurite when null.</param>
    /// <param name="accountUrl">The blob service URL, instead of a connection string.</param>
    /// <param name="settings">Further settings, such as <c>QiIngest:Storage:*</c> container and table names.</param>
    public static CliStorage Connect(string? connectionString, Uri? accountUrl, IConfiguration? settings = null)
    {
        var values = new Dictionary<string, string?>();
        if (accountUrl is not null)
        {
            values[StorageOptions.ConnectionName + ":blobServiceUri"] = accountUrl.ToString();
        }
        else
        {
            values[StorageOptions.ConnectionName] = connectionString ?? StorageConnection.Development;
        }

        var builder = new ConfigurationBuilder();
        if (settings is not null)
        {
            builder.AddConfiguration(settings);
        }

        var configuration = builder.AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQiIngestStorage(configuration);
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => Fast(options.Retry)));
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new CliStorage(provider);
        }
        catch (Exception e) when (ValidationFailures(e) is { } failures)
        {
            provider.Dispose();
            throw new CliException(ExitCodes.Usage, $"The settings QiIngest__* are not usable: {string.Join(" ", failures)}");
        }
        catch (InvalidOperationException e) when (e.InnerException is FormatException or ArgumentException)
        {
            provider.Dispose();
            throw new CliException(ExitCodes.Usage, $"The storage connection string is not valid ({e.InnerException.Message.TrimEnd('.')}): pass one like 'UseDevelopmentStorage=true' or 'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…'.");
        }
    }

    /// <summary>Runs <paramref name="action"/> and turns an unreachable account or a refused sign-in into one line and exit code 3.</summary>
    public async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            throw new CliException(ExitCodes.Unavailable, message);
        }
    }

    /// <summary>The one-line message for a storage failure that is not the user's data, or null for anything else.</summary>
    public string? Describe(Exception e) => e switch
    {
        AuthenticationFailedException or CredentialUnavailableException =>
            $"Cannot sign in to storage at {Endpoint} ({FirstLine(e.Message)}): run 'az login', or pass --connection.",
        RequestFailedException { Status: 401 or 403 } r =>
            $"Storage at {Endpoint} refused access ({r.Status} {r.ErrorCode}): check your role on the account, or pass --connection.",
        _ when IsUnreachable(e) => $"Cannot reach storage at {Endpoint}: start Azurite with `qi demo` or pass --connection.",
        _ => null,
    };

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static bool IsUnreachable(Exception e) => e switch
    {
        RequestFailedException { Status: 0 } => true,
        HttpRequestException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnreachable),
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <summary>Every failure of start-up validation: one options type fails alone, several together.</summary>
    private static IEnumerable<string>? ValidationFailures(Exception e) => e switch
    {
        OptionsValidationException v => v.Failures,
        AggregateException a when a.InnerExceptions.All(i => i is OptionsValidationException) => a.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures),
        _ => null,
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static void Fast(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Mode = RetryMode.Fixed;
        retry.Delay = TimeSpan.FromMilliseconds(300);
        retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }
}
