using System.CommandLine;
using QiIngest.Core.Templates;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary><c>qi template --reporter CODE --period P --format csv|xlsx [--output PATH]</c>: an empty return to fill in.</summary>
internal static class TemplateCommand
{
    public static Command Create(CliContext context)
    {
        var text = context.Text;
        var reporter = CommonOptions.Reporter(text, required: true);
        var period = CommonOptions.Period(text, required: true);
        var format = new Option<string>("--format", "-f")
        {
            Description = text.TemplateFormat,
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<string>("--output", "-o") { Description = text.TemplateOutput };
        var command = new Command("template", text.TemplateDescription)
        {
            reporter, period, format, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = CommonOptions.ResolveReporter(text, parse.GetRequiredValue(reporter));
            var p = CommonOptions.ParsePeriod(text, parse.GetRequiredValue(period));
            var extension = parse.GetRequiredValue(format);
            var template = ReturnTemplate.For(code, p);
            var path = context.FullPath(parse.GetValue(output) ?? template.FileName(extension));
            var bytes = extension == "xlsx" ? XlsxTemplateWriter.Write(template) : CsvTemplateWriter.Write(template);
            if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            var check = $"{QiCommand.Name(context.WorkingDirectory)} check {Path.GetFileName(path)} --reporter {code} --period {p}";
            context.Console.MarkupLine(Markup.Escape(text.TemplateWritten(path, template.Rows.Count - ReturnTemplate.TitleRows - 1, code, p.ToString(), check)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
