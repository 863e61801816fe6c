using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace QiIngest.Storage;

/// <summary>
/// How to reach the data account: a connection string (Azurite, tests) or service URIs with an Azure credential (in
/// Azure, a user-assigned managed identity: no secrets). The same setting shapes as the Functions host's identity-based
/// connections, so one app setting serves the trigger and the services.
/// </summary>
public sealed class StorageConnection
{
    private StorageConnection(string? connectionString, Uri? blob, Uri? table, Uri? queue, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        TableServiceUri = table;
        QueueServiceUri = queue;
        Credential = credential;
    }

    private string _name = StorageOptions.ConnectionName;

    /// <summary>The Azurite development storage connection string.</summary>
    public const string Development = "UseDevelopmentStorage=true";

    public string? ConnectionString { get; }

    public Uri? BlobServiceUri { get; }

    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    public TokenCredential? Credential { get; }

    /// <summary>Extra pipeline policies (for example a transaction counter); applied to every client made after they are added.</summary>
    public IList<Azure.Core.Pipeline.HttpPipelinePolicy> Policies { get; } = [];

    /// <summary>A connection by connection string.</summary>
    public static StorageConnection FromConnectionString(string connectionString) => new(connectionString, null, null, null, null);

    /// <summary>A connection by service URIs and a credential.</summary>
    public static StorageConnection FromServiceUris(Uri blob, Uri table, Uri queue, TokenCredential credential) => new(null, blob, table, queue, credential);

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
        TokenCredential credential = section["credential"] == "managedidentity"
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return FromServiceUris(account, new Uri(table), new Uri(queue), credential);
    }

    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = new BlobClientOptions();
        AddPolicies(options);
        return Guard(() => ConnectionString is not null ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(BlobServiceUri, Credential, options));
    }

    public TableServiceClient CreateTableServiceClient()
    {
        var options = new TableClientOptions();
        AddPolicies(options);
        return Guard(() => ConnectionString is not null ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(TableServiceUri, Credential, options));
    }

    public QueueServiceClient CreateQueueServiceClient()
    {
        // Base64, as the Functions host's queue triggers read and write messages.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        AddPolicies(options);
        return Guard(() => ConnectionString is not null ? new QueueServiceClient(ConnectionString, options) : new QueueServiceClient(QueueServiceUri, Credential, options));
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

    private void AddPolicies(ClientOptions options)
    {
        foreach (var policy in Policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }
    }
}
