using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using QiIngest.Cli.Commands;
using QiIngest.Cli.Texts;

namespace QiIngest.Cli;

/// <summary>
/// The entry point of <c>qi</c>: parses the command line, runs the command, and turns every expected failure into one
/// line on standard error and an exit code (see <see cref="ExitCodes"/>), never a stack trace.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs <c>qi</c> in-process on the given writers (tests).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, CliContext.ForWriters(output, error), cancellationToken);

    /// <summary>Runs <c>qi</c> with <paramref name="context"/>, in the language of <c>--lang</c>, else of <see cref="CliContext.UiCulture"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        context = context with { Text = CliTexts.For(args, context.UiCulture) };

        // System.CommandLine's own words (Usage:, Options:, its parse errors) follow the UI culture; set for this run only
        // (the culture flows with the async call, so a caller's own is back when it returns).
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = context.Text.Culture;
        try
        {
            return await RunInLanguageAsync(args, context, cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>The command tree.</summary>
    public static Command CreateRoot(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A plain command named qi rather than RootCommand, whose name is the process's (testhost under a test runner).
        var root = new Command("qi", context.Text.RootDescription)
        {
            CheckCommand.Create(context),
            RollupCommand.Create(context),
            UploadCommand.Create(context),
            StatusCommand.Create(context),
            ReceiptCommand.Create(context),
            ReportCommand.Create(context),
            TemplateCommand.Create(context),
            DemoCommand.Create(context),
        };
        root.Options.Add(new HelpOption { Description = context.Text.HelpDescription });
        root.Options.Add(new VersionOption { Description = context.Text.VersionDescription });
        var language = new Option<string>(CliTexts.LangOption) { Description = context.Text.LangDescription, Recursive = true, HelpName = "zh|en" };
        language.AcceptOnlyFromAmong(CliTexts.Chinese.Code, CliTexts.English.Code);
        root.Options.Add(language);
        return root;
    }

    private static async Task<int> RunInLanguageAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var root = CreateRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = ReferenceEquals(parse.CommandResult.Command, root) ? "qi" : "qi " + parse.CommandResult.Command.Name;
            // An unknown word explains more than the "required command" that follows from it.
            var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
            var message = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await context.Error.WriteLineAsync($"{message} {context.Text.UsageHint(command)}");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the command; whatever has not stopped by then is left behind and qi exits 130.
            ProcessTerminationTimeout = ReferenceEquals(context.Out, Console.Out) ? TimeSpan.FromSeconds(10) : null,
        };
        try
        {
            if (parse.Action is HelpAction)
            {
                // Written whole, so that the headings System.CommandLine leaves in English are in the chosen language.
                using var help = new StringWriter(CultureInfo.InvariantCulture);
                var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = help, Error = context.Error }, cancellationToken);
                await context.Out.WriteAsync(context.Text.LocaliseHelp(help.ToString()));
                return exit;
            }

            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync(context.Text.Cancelled);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last resort: one line instead of a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync(context.Text.Failed(e.GetType().Name, e.Message));
            return ExitCodes.Failed;
        }
    }
}
