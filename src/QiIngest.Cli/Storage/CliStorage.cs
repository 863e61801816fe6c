using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QiIngest.Cli.Texts;
using QiIngest.Storage;

namespace QiIngest.Cli.Storage;

/// <summary>
/// The storage services of the commands that use storage, registered by the same <c>AddQiIngestStorage</c> as the hosts.
/// Only the clients' retry options differ: few and short retries, so that an unreachable account fails in about a
/// second instead of half a minute, and a short wait for each answer (<see cref="AnswerTimeoutPolicy"/>), so that an
/// endpoint that never answers fails in about 15 s instead of 5 minutes (the hosts keep the SDK defaults).
/// </summary>
internal sealed class CliStorage : IAsyncDisposable
{
    /// <summary>The setting (environment variable <c>QiIngest__Cli__StorageTimeoutSeconds</c>) for how long one try waits for storage to answer.</summary>
    public const string TimeoutSetting = "QiIngest:Cli:StorageTimeoutSeconds";

    /// <summary>How long one try waits for an answer by default: three tries then take about 15 s.</summary>
    public static readonly TimeSpan DefaultAnswerTimeout = TimeSpan.FromSeconds(5);

    private const int MaxRetries = 2;

    private readonly ServiceProvider _services;
    private readonly CliTexts _text;
    private readonly TimeSpan _answerTimeout;

    private CliStorage(ServiceProvider services, CliTexts text, TimeSpan answerTimeout)
    {
        _services = services;
        _text = text;
        _answerTimeout = answerTimeout;
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
    /// <param name="settings">Further settings, such as <c>QiIngest:Storage:*</c> container and table names, and <see cref="TimeoutSetting"/>.</param>
    /// <param name="text">The language of the messages; English when null.</param>
    public static CliStorage Connect(string? connectionString, Uri? accountUrl, IConfiguration? settings = null, CliTexts? text = null)
    {
        text ??= CliTexts.English;
        var answerTimeout = AnswerTimeout(settings, text);
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
        services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
        {
            Fast(options.Retry);
            options.AddPolicy(new AnswerTimeoutPolicy(answerTimeout), HttpPipelinePosition.PerRetry);
        }));
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new CliStorage(provider, text, answerTimeout);
        }
        catch (Exception e) when (ValidationFailures(e) is { } failures)
        {
            provider.Dispose();
            throw new CliException(ExitCodes.Usage, text.SettingsUnusable(string.Join(" ", failures)));
        }
        catch (InvalidOperationException e) when (e.InnerException is FormatException or ArgumentException)
        {
            provider.Dispose();
            throw new CliException(ExitCodes.Usage, text.BadConnectionString(e.InnerException.Message.TrimEnd('.')));
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
        AuthenticationFailedException or CredentialUnavailableException => _text.CannotSignIn(Endpoint, FirstLine(e.Message)),
        RequestFailedException { Status: 401 or 403 } r => _text.AccessRefused(Endpoint, r.Status, r.ErrorCode),
        _ when IsTimeout(e) => _text.NoAnswer(Endpoint, _answerTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
        _ when IsUnreachable(e) => _text.Unreachable(Endpoint),
        _ => null,
    };

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static bool IsUnreachable(Exception e) => e switch
    {
        RequestFailedException { Status: 0 } => true,
        HttpRequestException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnreachable),
        _ => IsTimeout(e),
    };

    /// <summary>Whether every try ended without an answer in time (<see cref="AnswerTimeoutPolicy"/>, or an HTTP client's own timeout).</summary>
    private static bool IsTimeout(Exception e) => e switch
    {
        TimeoutException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        RequestFailedException { Status: 0, InnerException: { } inner } => IsTimeout(inner),
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsTimeout),
        _ => false,
    };

    /// <summary>The wait for each answer: <see cref="TimeoutSetting"/> when it is a positive number of seconds, else the default.</summary>
    private static TimeSpan AnswerTimeout(IConfiguration? settings, CliTexts text)
    {
        if (settings?[TimeoutSetting] is not { } value)
        {
            return DefaultAnswerTimeout;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliException(ExitCodes.Usage, text.SettingsUnusable($"{TimeoutSetting} must be a number of seconds from 0 to 3600, not '{value}'."));
    }

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
        retry.MaxRetries = MaxRetries;
        retry.Mode = RetryMode.Fixed;
        retry.Delay = TimeSpan.FromMilliseconds(300);
    }
}
