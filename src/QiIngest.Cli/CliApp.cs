using System.CommandLine;
using System.CommandLine.Help;
using QiIngest.Cli.Commands;

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

    /// <summary>Runs <c>qi</c> with <paramref name="context"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = ReferenceEquals(parse.CommandResult.Command, root) ? "qi" : "qi " + parse.CommandResult.Command.Name;
            // An unknown word explains more than the "required command" that follows from it.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            var message = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await context.Error.WriteLineAsync($"{message} Run '{command} --help' for usage.");
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
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last resort: one line instead of a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync($"qi failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The command tree.</summary>
    public static Command CreateRoot(CliContext context)
    {
        // A plain command named qi rather than RootCommand, whose name is the process's (testhost under a test runner).
        var root = new Command(
            "qi",
            "qi: check quality-infrastructure returns offline, upload them and read their receipts, see what has been reported, "
            + "read the national report, start from a template, and run the whole pipeline locally (qi demo).\n"
            + ExitCodes.Summary)
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
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        return root;
    }
}
