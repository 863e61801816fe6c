using System.CommandLine;
using System.Text;
using QiIngest.Cli.Rendering;
using QiIngest.Core;
using QiIngest.Core.Receipts;

namespace QiIngest.Cli.Commands;

/// <summary><c>qi check FILE --reporter CODE --period P [--json]</c>: the receipt a return would get, offline (section 11).</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var text = context.Text;
        var file = new Argument<string>("FILE") { Description = text.CheckFile };
        var reporter = CommonOptions.Reporter(text, required: true);
        var period = CommonOptions.Period(text, required: true);
        var json = CommonOptions.Json(text);
        json.Description = text.CheckJson;
        var command = new Command("check", text.CheckDescription)
        {
            file, reporter, period, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context, parse.GetRequiredValue(file), parse.GetRequiredValue(reporter), parse.GetRequiredValue(period), parse.GetValue(json), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string file, string reporter, string period, bool json, CancellationToken cancellationToken)
    {
        var path = CommonOptions.ExistingFile(context, file);
        var receipt = await CheckAsync(path, reporter, period, OfflineChecker.Create(context.Settings, context.Text), cancellationToken);
        if (json)
        {
            await context.Out.WriteLineAsync(Encoding.UTF8.GetString(ReceiptJson.Serialize(receipt)));
        }
        else
        {
            ReceiptView.Render(context.Console, context.Text, receipt);
        }

        return receipt.Outcome == Outcome.Rejected ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>The receipt of the file at <paramref name="path"/>; reporter, period and file ending are checked as a path (<c>path-error</c>).</summary>
    public static async Task<Receipt> CheckAsync(string path, string reporter, string period, ReturnChecker checker, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(path);
        var parsed = UploadPath.Parse(reporter, period, fileName, checker.Reporters);
        if (parsed.Path is not { } uploadPath)
        {
            return Receipt.From(CheckResult.Rejected(reporter, period, fileName, parsed.Errors), sha256: null);
        }

        await using var returnFile = await ReturnFile.OpenAsync(path, checker.Limits, cancellationToken);
        if (returnFile.SizeIssue is { } tooLarge)
        {
            return Receipt.From(CheckResult.Rejected(uploadPath.Reporter, uploadPath.Period.ToString(), fileName, [tooLarge]), sha256: null);
        }

        var result = await checker.CheckAsync(returnFile.Content, uploadPath, cancellationToken: cancellationToken);
        return Receipt.From(result, returnFile.Sha256);
    }
}
