using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace QiIngest.Storage;

/// <summary>
/// How to reach the data account: a connection string (Azurite, tests) or service URIs (in Azure, with a user-assigned
/// managed identity: no secrets). The same setting shapes as the Functions host's identity-based connections, so one app
/// setting serves the trigger and the services. The credential is not read here: the Azure SDK's client registration
/// builds it from the same section (<c>credential</c>, <c>clientId</c>).
/// </summary>
public sealed class StorageConnection
{
    private StorageConnection(string? connectionString, Uri? blob, Uri? table, Uri? queue)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        TableServiceUri = table;
        QueueServiceUri = queue;
    }

    private string _name = StorageOptions.ConnectionName;

    /// <summary>The Azurite development storage connection string.</summary>
    public const string Development = "UseDevelopmentStorage=true";

    public string? ConnectionString { get; }

    public Uri? BlobServiceUri { get; }

    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    /// <summary>Whether the clients sign in with a token credential (service URIs) rather than the connection string's key.</summary>
    public bool UsesCredential => ConnectionString is null;

    /// <summary>
    /// Extra pipeline policies (a transaction counter, fault injection); every client created after they are added has
    /// them. The clients are created on first use, so policies added right after the service provider is built apply.
    /// </summary>
    public IList<HttpPipelinePolicy> Policies { get; } = [];

    /// <summary>A connection by connection string.</summary>
    public static StorageConnection FromConnectionString(string connectionString) => new(connectionString, null, null, null);

    /// <summary>A connection by service URIs.</summary>
    public static StorageConnection FromServiceUris(Uri blob, Uri table, Uri queue) => new(null, blob, table, queue);

    /// <summary>Reads the connection named <paramref name="name"/>: a string value, or a section of service URIs; Azurite when absent.</summary>
    public static StorageConnection From(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[name];
        if (!string.IsNullOrWhiteSpace(value))
        {
            var connection = FromConnectionString(value);
            connection._name = name;
            return connection;
        }

        var section = configuration.GetSection(name);
        var blob = section["blobServiceUri"] ?? section["serviceUri"];
        if (blob is null)
        {
            return FromConnectionString(configuration["AzureWebJobsStorage"] ?? Development);
        }

        var account = new Uri(blob);
        var table = section["tableServiceUri"] ?? account.ToString().Replace(".blob.", ".table.", StringComparison.Ordinal);
        var queue = section["queueServiceUri"] ?? account.ToString().Replace(".blob.", ".queue.", StringComparison.Ordinal);
        return FromServiceUris(account, new Uri(table), new Uri(queue));
    }

    internal BlobServiceClient CreateBlobServiceClient(BlobClientOptions options, TokenCredential credential) =>
        Guard(() => ConnectionString is not null ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(BlobServiceUri, credential, options));

    internal TableServiceClient CreateTableServiceClient(TableClientOptions options, TokenCredential credential) =>
        Guard(() => ConnectionString is not null ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(TableServiceUri, credential, options));

    internal QueueServiceClient CreateQueueServiceClient(QueueClientOptions options, TokenCredential credential)
    {
        // Base64, as the Functions host's queue triggers read and write messages.
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return Guard(() => ConnectionString is not null ? new QueueServiceClient(ConnectionString, options) : new QueueServiceClient(QueueServiceUri, credential, options));
    }

    /// <summary>A connection string the SDK cannot read fails at start-up naming the setting, not deep in a trigger.</summary>
    private T Guard<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"The setting {_name} is not a usable storage connection ({e.Message.TrimEnd('.')}): give a connection string such as '{Development}', or {_name}__blobServiceUri, __tableServiceUri and __queueServiceUri.", e);
        }
    }

    internal void AddPoliciesTo(ClientOptions options)
    {
        foreach (var policy in Policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }
    }
}
