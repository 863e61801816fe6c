using System.CommandLine;
using QiIngest.Cli.Texts;
using QiIngest.Core;
using QiIngest.Core.Catalog;

namespace QiIngest.Cli.Commands;

/// <summary>Options several commands share, and how their values are checked.</summary>
internal static class CommonOptions
{
    public static Option<string> Reporter(CliTexts text, bool required) => new("--reporter", "-r")
    {
        Description = text.ReporterOption,
        Required = required,
    };

    public static Option<string> Period(CliTexts text, bool required) => new("--period", "-p")
    {
        Description = text.PeriodOption,
        Required = required,
    };

    public static Option<bool> Json(CliTexts text) => new("--json")
    {
        Description = text.JsonOption,
    };

    /// <summary>The reporter code, or a usage error that says what to give.</summary>
    public static string ResolveReporter(CliTexts text, string reporter) =>
        ReporterRegistry.Default.TryResolve(reporter, out var code)
            ? code
            : throw new CliException(ExitCodes.Usage, text.UnknownReporter(reporter));

    /// <summary>The period, or a usage error.</summary>
    public static Period ParsePeriod(CliTexts text, string period) =>
        Core.Period.TryParseStrict(period, out var parsed)
            ? parsed
            : throw new CliException(ExitCodes.Usage, text.BadPeriod(period, Core.Period.MinYear, Core.Period.MaxYear));

    /// <summary>An existing file, or a usage error that says whether the path is missing or a folder.</summary>
    public static string ExistingFile(CliContext context, string path)
    {
        var full = context.FullPath(path);
        if (File.Exists(full))
        {
            return full;
        }

        throw new CliException(ExitCodes.Usage, Directory.Exists(full) ? context.Text.IsAFolder(path) : context.Text.NoSuchFile(path));
    }
}
