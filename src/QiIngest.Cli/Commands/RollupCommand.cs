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
        var text = context.Text;
        var directory = new Argument<string>("DIR") { Description = text.RollupDir, Arity = ArgumentArity.ZeroOrOne };
        var period = CommonOptions.Period(text, required: true);
        var json = CommonOptions.Json(text);
        json.Description = text.RollupJson;
        var onStorage = new Option<bool>("--storage") { Description = text.RollupStorage };
        var target = new StorageTargetOptions(text);
        var command = new Command("rollup", text.RollupDescription)
        {
            directory, period, json, onStorage,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var p = CommonOptions.ParsePeriod(text, parse.GetRequiredValue(period));
            var dir = parse.GetValue(directory);
            if (parse.GetValue(onStorage))
            {
                if (dir is not null)
                {
                    throw new CliException(ExitCodes.Usage, text.RollupDirAndStorage);
                }

                await using var storage = target.Connect(parse, context);
                return await storage.GuardAsync(() => RunOnStorageAsync(context, storage, p, parse.GetValue(json), cancellationToken));
            }

            return dir is null
                ? throw new CliException(ExitCodes.Usage, text.RollupNeedsDir)
                : await RunOfflineAsync(context, dir, p, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunOfflineAsync(CliContext context, string directory, Period period, bool json, CancellationToken cancellationToken)
    {
        if (File.Exists(context.FullPath(directory)))
        {
            throw new CliException(ExitCodes.Usage, context.Text.RollupDirIsAFile(directory, period.ToString()));
        }

        NationalRollup rollup;
        try
        {
            rollup = await FolderRollup.ComputeAsync(context.FullPath(directory), period, OfflineChecker.Create(context.Settings, context.Text), context.Clock.GetUtcNow(), cancellationToken);
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
            context.Console.MarkupLine(Markup.Escape(context.Text.RollupSummary(run.Published, run.Unchanged)));
        }

        var reports = new PublishedReports(storage.Services.GetRequiredService<QiIngest.Storage.Reading.ReadService>());
        var bytes = await reports.ReadNationalJsonAsync(period.ToString(), cancellationToken) ?? throw new CliException(ExitCodes.Failed, context.Text.NoReport(period.ToString()));
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
    public static string RollupSummary(RollupRun run) => Texts.CliTexts.English.RollupSummary(run.Published, run.Unchanged);
}
