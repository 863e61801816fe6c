using System.CommandLine;
using QiIngest.Cli.Texts;

namespace QiIngest.Cli.Storage;

/// <summary>The options that say which storage account a command talks to: <c>--connection</c> or <c>--account-url</c>.</summary>
internal sealed class StorageTargetOptions(CliTexts text)
{
    /// <summary>The environment variable read when neither option is given (the Functions app's setting name).</summary>
    public const string EnvironmentVariable = "QiStorage";

    public Option<string> Connection { get; } = new("--connection", "-c")
    {
        Description = text.ConnectionOption(EnvironmentVariable),
    };

    public Option<string> AccountUrl { get; } = new("--account-url")
    {
        Description = text.AccountUrlOption,
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
            throw new CliException(ExitCodes.Usage, text.BothTargets);
        }

        Uri? accountUrl = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out accountUrl) || accountUrl.Scheme is not ("https" or "http")))
        {
            throw new CliException(ExitCodes.Usage, text.BadAccountUrl(url));
        }

        return CliStorage.Connect(connection ?? (accountUrl is null ? context.Settings[EnvironmentVariable] : null), accountUrl, context.Settings, context.Text);
    }
}
