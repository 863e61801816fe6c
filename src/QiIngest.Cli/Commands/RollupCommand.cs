using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Cli.Rendering;
using QiIngest.Cli.Storage;
using QiIngest.Core;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Storage.Rollup;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary>
/// <c>qi rollup DIR --period P [--json]</c>: the national rollup of a folder laid out like the uploads container, offline
/// (section 11). With <c>--storage</c> instead of a folder: runs the pipeline's rollup on storage now, as the timer would.
/// </summary>
internal static class RollupCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "A folder laid out like the uploads container: DIR/{reporter}/{period}/{file}.", Arity = ArgumentArity.ZeroOrOne };
        var period = CommonOptions.Period(required: true);
        var json = CommonOptions.Json();
        json.Description = "Print the rollup (section 10 of the reporting form) as JSON on standard output.";
        var onStorage = new Option<bool>("--storage") { Description = "Instead of a folder, run the pipeline's rollup on storage now (as the timer would) and print the published figures of --period." };
        var target = new StorageTargetOptions();
        var command = new Command("rollup", "Roll up the national figures of a period from a folder of returns, offline; or, with --storage, run the rollup on storage.")
        {
            directory, period, json, onStorage,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var p = CommonOptions.ParsePeriod(parse.GetRequiredValue(period));
            var dir = parse.GetValue(directory);
            if (parse.GetValue(onStorage))
            {
                if (dir is not null)
                {
                    throw new CliException(ExitCodes.Usage, "Give either a folder DIR or --storage, not both.");
                }

                await using var storage = target.Connect(parse, context);
                return await storage.GuardAsync(() => RunOnStorageAsync(context, storage, p, parse.GetValue(json), cancellationToken));
            }

            return dir is null
                ? throw new CliException(ExitCodes.Usage, "Give the folder to roll up (qi rollup DIR --period P), or --storage to roll up what storage holds.")
                : await RunOfflineAsync(context, dir, p, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunOfflineAsync(CliContext context, string directory, Period period, bool json, CancellationToken cancellationToken)
    {
        if (File.Exists(context.FullPath(directory)))
        {
            throw new CliException(ExitCodes.Usage, $"'{directory}' is a file, not a folder: give a folder laid out as {{reporter}}/{{period}}/{{file}}, or check one file with qi check FILE --reporter CODE --period {period}.");
        }

        NationalRollup rollup;
        try
        {
            rollup = await FolderRollup.ComputeAsync(context.FullPath(directory), period, OfflineChecker.Create(context.Settings), context.Clock.GetUtcNow(), cancellationToken);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }

        if (json)
        {
            await context.Out.WriteLineAsync(Encoding.UTF8.GetString(NationalJson.Write(rollup)));
        }
        else
        {
            NationalTableView.Render(context.Console, rollup);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> RunOnStorageAsync(CliContext context, CliStorage storage, Period period, bool json, CancellationToken cancellationToken)
    {
        var run = await storage.Services.GetRequiredService<INationalRollup>().RunAsync(cancellationToken);
        if (!json)
        {
            context.Console.MarkupLine(Markup.Escape(RollupSummary(run)));
        }

        var reports = new PublishedReports(storage.Services.GetRequiredService<QiIngest.Storage.Reading.ReadService>());
        var bytes = await reports.ReadNationalJsonAsync(period.ToString(), cancellationToken) ?? throw new CliException(ExitCodes.Failed, PublishedReports.NoReport(period.ToString()));
        if (json)
        {
            await context.Out.WriteLineAsync(Encoding.UTF8.GetString(bytes));
        }
        else
        {
            NationalTableView.Render(context.Console, NationalJson.Read(bytes));
        }

        return ExitCodes.Ok;
    }

    /// <summary>What a rollup run did, in one line.</summary>
    public static string RollupSummary(RollupRun run) => (run.Published.Count, run.Unchanged.Count) switch
    {
        (0, 0) => "Rollup: no period has an accepted return yet.",
        (0, _) => $"Rollup: nothing changed since the last run ({string.Join(", ", run.Unchanged)} unchanged); nothing was rewritten.",
        (_, 0) => $"Rollup: published {string.Join(", ", run.Published)}.",
        _ => $"Rollup: published {string.Join(", ", run.Published)}; {string.Join(", ", run.Unchanged)} unchanged.",
    };
}
