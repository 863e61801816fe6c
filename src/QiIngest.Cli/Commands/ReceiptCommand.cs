using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Cli.Rendering;
using QiIngest.Cli.Storage;
using QiIngest.Core;
using QiIngest.Storage;
using QiIngest.Storage.Reading;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary>
/// <c>qi receipt [FILE] --reporter CODE --period P [--json]</c>: a stored receipt with its totals, changes, errors and
/// warnings. Without FILE, the receipt of the current accepted version, else the latest receipt of that reporter and
/// period (a rejected upload has a receipt but no version).
/// </summary>
internal static class ReceiptCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The uploaded file's name (as in uploads/{reporter}/{period}/{file}); a local path is taken by its name. Default: the current accepted version, else the latest upload.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var reporter = CommonOptions.Reporter(required: true);
        var period = CommonOptions.Period(required: true);
        var json = CommonOptions.Json();
        json.Description = "Print the receipt as it is stored (section 9 of the reporting form).";
        var target = new StorageTargetOptions();
        var command = new Command("receipt", "Show a stored receipt: outcome, totals, changes from the replaced version, and every error and warning with its row and column. Exit 0 accepted, 1 rejected or no receipt.")
        {
            file, reporter, period, json,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = CommonOptions.ResolveReporter(parse.GetRequiredValue(reporter));
            var p = CommonOptions.ParsePeriod(parse.GetRequiredValue(period)).ToString();
            var name = parse.GetValue(file) is { } given ? Path.GetFileName(given) : null;
            if (name is { Length: 0 })
            {
                throw new CliException(ExitCodes.Usage, $"'{parse.GetValue(file)}' names a folder, not a file: give the uploaded file's name, such as {code}.csv.");
            }

            await using var storage = target.Connect(parse, context);
            return await storage.GuardAsync(() => RunAsync(context, storage, code, p, name, parse.GetValue(json), cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CliStorage storage, string reporter, string period, string? file, bool json, CancellationToken cancellationToken)
    {
        var receipts = new StoredReceipts(storage.Storage, storage.Services.GetRequiredService<ReadService>());
        var all = await receipts.ListAsync(reporter, period, cancellationToken);
        var container = storage.Storage.Options.ReceiptsContainer;
        var name = file is not null
            ? BlobLayout.Receipt(reporter, period, file)
            : await receipts.CurrentAsync(reporter, period, cancellationToken) ?? (all.Count > 0 ? all[0] : null);
        if (name is null)
        {
            throw new CliException(ExitCodes.Failed, $"There is no receipt for {reporter} {period} in {container}/{reporter}/{period}/: nothing of theirs has been processed; upload a return with qi upload FILE --reporter {reporter} --period {period}.");
        }

        if (await receipts.ReadAsync(name, cancellationToken) is not var (receipt, bytes))
        {
            throw new CliException(ExitCodes.Failed, $"There is no receipt at {container}/{name}: the pipeline has not processed uploads/{BlobLayout.UploadOf(name)} (yet). {Others(all, file ?? "")}".TrimEnd());
        }

        if (json)
        {
            await context.Out.WriteLineAsync(Encoding.UTF8.GetString(bytes));
        }
        else
        {
            ReceiptView.Render(context.Console, receipt);
            if (Others(all, receipt.File) is { Length: > 0 } others)
            {
                context.Console.MarkupLine(Markup.Escape(others));
            }
        }

        return receipt.Outcome == Outcome.Rejected ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>The other receipts of the folder, so that the next command is easy to type.</summary>
    /// <param name="all">The receipt names of the folder.</param>
    /// <param name="shown">The uploaded file whose receipt was asked for (the ledger may point at its copy under its hash).</param>
    private static string Others(IReadOnlyList<string> all, string shown)
    {
        var others = all.Select(n => Path.GetFileName(BlobLayout.UploadOf(n))).Where(f => f != shown).ToList();
        return others.Count == 0 ? "" : $"Other receipts of this reporter and period (newest first; give one as FILE): {string.Join(", ", others)}.";
    }
}
