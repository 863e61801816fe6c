using System.CommandLine;

namespace QiIngest.Cli.Storage;

/// <summary>The options that say which storage account a command talks to: <c>--connection</c> or <c>--account-url</c>.</summary>
internal sealed class StorageTargetOptions
{
    /// <summary>The environment variable read when neither option is given (the Functions app's setting name).</summary>
    public const string EnvironmentVariable = "QiStorage";

    public Option<string> Connection { get; } = new("--connection", "-c")
    {
        Description = $"A storage connection string. Without it and without --account-url: the {EnvironmentVariable} environment variable, else Azurite on this machine (UseDevelopmentStorage=true).",
    };

    public Option<string> AccountUrl { get; } = new("--account-url")
    {
        Description = "The blob service URL of a storage account, such as https://NAME.blob.core.windows.net, signed in with DefaultAzureCredential (az login, a managed identity, …).",
    };

    public void AddTo(Command command)
    {
        command.Add(Connection);
        command.Add(AccountUrl);
    }

    /// <summary>Connects as the options say.</summary>
    public CliStorage Connect(ParseResult parse, CliContext context)
    {
        var connection = parse.GetValue(Connection);
        var url = parse.GetValue(AccountUrl);
        if (connection is not null && url is not null)
        {
            throw new CliException(ExitCodes.Usage, "Give either --connection or --account-url, not both.");
        }

        Uri? accountUrl = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out accountUrl) || accountUrl.Scheme is not ("https" or "http")))
        {
            throw new CliException(ExitCodes.Usage, $"--account-url '{url}' is not a URL: give it like https://NAME.blob.core.windows.net.");
        }

        return CliStorage.Connect(connection ?? (accountUrl is null ? context.Settings[EnvironmentVariable] : null), accountUrl, context.Settings);
    }
}
