using System.CommandLine;
using System.Globalization;
using QiIngest.Cli.Rendering;
using QiIngest.Cli.Storage;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary>
/// <c>qi upload FILE... --reporter CODE --period P</c>: uploads returns to <c>uploads/{reporter}/{period}/{file}</c>, waits
/// for their receipts and prints them. Exit 0 all accepted, 1 one rejected, 3 storage unreachable or no receipt in time.
/// </summary>
internal static class UploadCommand
{
    /// <summary>Files at least this large get a progress bar on a terminal.</summary>
    private const long ProgressThreshold = 4L * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var text = context.Text;
        var files = new Argument<string[]>("FILE") { Description = text.UploadFiles, Arity = ArgumentArity.OneOrMore };
        var reporter = CommonOptions.Reporter(text, required: true);
        var period = CommonOptions.Period(text, required: true);
        var noWait = new Option<bool>("--no-wait") { Description = text.UploadNoWait };
        var timeout = new Option<int>("--timeout")
        {
            Description = text.UploadTimeout,
            DefaultValueFactory = _ => 120,
        };
        var target = new StorageTargetOptions(text);
        var command = new Command("upload", text.UploadDescription)
        {
            files, reporter, period, noWait, timeout,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0)
            {
                throw new CliException(ExitCodes.Usage, text.TimeoutNotPositive(seconds));
            }

            var paths = Resolve(context, parse.GetRequiredValue(files), parse.GetRequiredValue(reporter), parse.GetRequiredValue(period));
            await using var storage = target.Connect(parse, context);
            return await storage.GuardAsync(() => RunAsync(context, storage, paths, !parse.GetValue(noWait), TimeSpan.FromSeconds(seconds), cancellationToken));
        });
        return command;
    }

    /// <summary>Each file with the upload path it goes to; a file that does not exist or a bad reporter, period or ending is a usage error.</summary>
    public static IReadOnlyList<(string LocalPath, UploadPath Path)> Resolve(CliContext context, IEnumerable<string> files, string reporter, string period)
    {
        var result = new List<(string, UploadPath)>();
        foreach (var file in files)
        {
            var local = CommonOptions.ExistingFile(context, file);
            var parsed = UploadPath.Parse(reporter, period, Path.GetFileName(local), ReporterRegistry.Default);
            if (parsed.Path is null)
            {
                throw new CliException(ExitCodes.Usage, context.Text.Message(parsed.Errors[0]));
            }

            result.Add((local, parsed.Path));
        }

        return result;
    }

    private static async Task<int> RunAsync(CliContext context, CliStorage storage, IReadOnlyList<(string LocalPath, UploadPath Path)> files, bool wait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var uploader = new ReturnUploader(storage.Storage, context.Clock);
        var uploads = new List<UploadedReturn>();
        foreach (var (local, path) in files)
        {
            var uploaded = await UploadOneAsync(context, uploader, local, path, cancellationToken);
            context.Console.MarkupLine(Markup.Escape(context.Text.Uploaded(Path.GetFileName(local), $"{storage.Storage.Options.UploadsContainer}/{uploaded.BlobName}", DisplayValue.Count(uploaded.Length))));
            uploads.Add(uploaded);
        }

        if (!wait)
        {
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine(Markup.Escape(context.Text.WaitingForReceipts(uploads.Count, timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture))));
        var earlier = await Task.WhenAll(uploads.Select(u => uploader.FindEarlierDeliveryAsync(u, cancellationToken)));

        // Bytes the pipeline already has make no new version; it writes their receipt at this name again all the same.
        var receipts = await Task.WhenAll(uploads.Select(u => uploader.WaitForReceiptAsync(u, timeout, cancellationToken)));
        var exit = ExitCodes.Ok;
        for (var i = 0; i < uploads.Count; i++)
        {
            if (earlier[i] is { } row)
            {
                context.Console.MarkupLine(Markup.Escape(context.Text.AlreadyHad(uploads[i].BlobName, row.Reporter, row.Period, row.Outcome, row.Version)));
            }

            if (receipts[i] is not { } receipt)
            {
                continue;
            }

            ReceiptView.Render(context.Console, context.Text, receipt);
            if (receipt.Outcome == Outcome.Rejected)
            {
                exit = ExitCodes.Failed;
            }
        }

        var missing = uploads.Where((_, i) => receipts[i] is null).Select(u => u.BlobName).ToList();
        if (missing.Count > 0)
        {
            throw new CliException(ExitCodes.Unavailable, context.Text.NoReceiptInTime(string.Join(", ", missing), timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        return exit;
    }

    private static async Task<UploadedReturn> UploadOneAsync(CliContext context, ReturnUploader uploader, string local, UploadPath path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(local).Length;
        if (!context.Interactive || length < ProgressThreshold)
        {
            return await uploader.UploadAsync(local, path, null, cancellationToken);
        }

        UploadedReturn? result = null;
        await context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(Path.GetFileName(local)), maxValue: length);
                result = await uploader.UploadAsync(local, path, new Progress<long>(sent => task.Value = sent), cancellationToken);
                task.Value = length;
            });
        return result!;
    }
}
