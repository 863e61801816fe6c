using System.CommandLine;
using QiIngest.Core.Templates;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary><c>qi template --reporter CODE --period P --format csv|xlsx [--output PATH]</c>: an empty return to fill in.</summary>
internal static class TemplateCommand
{
    public static Command Create(CliContext context)
    {
        var reporter = CommonOptions.Reporter(required: true);
        var period = CommonOptions.Period(required: true);
        var format = new Option<string>("--format", "-f")
        {
            Description = "csv or xlsx (default csv).",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<string>("--output", "-o") { Description = "Where to write it (default {reporter}-{period}-template.{format} in the current folder)." };
        var command = new Command("template", "Write an empty return for a reporter and period, with the indicators it reports, in Chinese and English, ready to fill in and upload.")
        {
            reporter, period, format, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = CommonOptions.ResolveReporter(parse.GetRequiredValue(reporter));
            var p = CommonOptions.ParsePeriod(parse.GetRequiredValue(period));
            var extension = parse.GetRequiredValue(format);
            var template = ReturnTemplate.For(code, p);
            var path = context.FullPath(parse.GetValue(output) ?? template.FileName(extension));
            var bytes = extension == "xlsx" ? XlsxTemplateWriter.Write(template) : CsvTemplateWriter.Write(template);
            if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            context.Console.MarkupLine(Markup.Escape($"Wrote {path}: {template.Rows.Count - ReturnTemplate.TitleRows - 1} indicators for {code}, {p}. Fill in the value column, then: {QiCommand.Name(context.WorkingDirectory)} check {Path.GetFileName(path)} --reporter {code} --period {p}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
