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
        var text = context.Text;
        var file = new Argument<string>("FILE")
        {
            Description = text.ReceiptFile,
            Arity = ArgumentArity.ZeroOrOne,
        };
        var reporter = CommonOptions.Reporter(text, required: true);
        var period = CommonOptions.Period(text, required: true);
        var json = CommonOptions.Json(text);
        json.Description = text.ReceiptJson;
        var target = new StorageTargetOptions(text);
        var command = new Command("receipt", text.ReceiptDescription)
        {
            file, reporter, period, json,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = CommonOptions.ResolveReporter(text, parse.GetRequiredValue(reporter));
            var p = CommonOptions.ParsePeriod(text, parse.GetRequiredValue(period)).ToString();
            var name = parse.GetValue(file) is { } given ? Path.GetFileName(given) : null;
            if (name is { Length: 0 })
            {
                throw new CliException(ExitCodes.Usage, text.ReceiptNamesAFolder(parse.GetValue(file)!, code));
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
            throw new CliException(ExitCodes.Failed, context.Text.NoReceipts(container, reporter, period));
        }

        if (await receipts.ReadAsync(name, cancellationToken) is not var (receipt, bytes))
        {
            throw new CliException(ExitCodes.Failed, $"{context.Text.NoReceiptAt(container, name, BlobLayout.UploadOf(name))} {Others(context, all, file ?? "")}".TrimEnd());
        }

        if (json)
        {
            await context.Out.WriteLineAsync(Encoding.UTF8.GetString(bytes));
        }
        else
        {
            ReceiptView.Render(context.Console, context.Text, receipt);
            if (Others(context, all, receipt.File) is { Length: > 0 } others)
            {
                context.Console.MarkupLine(Markup.Escape(others));
            }
        }

        return receipt.Outcome == Outcome.Rejected ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>The other receipts of the folder, so that the next command is easy to type.</summary>
    /// <param name="context">Gives the language.</param>
    /// <param name="all">The receipt names of the folder.</param>
    /// <param name="shown">The uploaded file whose receipt was asked for (the ledger may point at its copy under its hash).</param>
    private static string Others(CliContext context, IReadOnlyList<string> all, string shown)
    {
        var others = all.Select(n => Path.GetFileName(BlobLayout.UploadOf(n))).Where(f => f != shown).ToList();
        return others.Count == 0 ? "" : context.Text.OtherReceipts(string.Join(", ", others));
    }
}
