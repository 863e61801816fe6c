using System.CommandLine;
using QiIngest.Core;
using QiIngest.Core.Catalog;

namespace QiIngest.Cli.Commands;

/// <summary>Options several commands share, and how their values are checked.</summary>
internal static class CommonOptions
{
    public static Option<string> Reporter(bool required) => new("--reporter", "-r")
    {
        Description = "The reporter: a six-digit GB/T 2260 code (110000), 100000 for the national administration, or a province's name (北京, Beijing).",
        Required = required,
    };

    public static Option<string> Period(bool required) => new("--period", "-p")
    {
        Description = "The period: a year YYYY from 2000 to 2100.",
        Required = required,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print JSON on standard output instead of tables.",
    };

    /// <summary>The reporter code, or a usage error that says what to give.</summary>
    public static string ResolveReporter(string text) =>
        ReporterRegistry.Default.TryResolve(text, out var code)
            ? code
            : throw new CliException(ExitCodes.Usage, $"The reporter '{text}' is not one of the 31 provinces or the national administration 100000: use a six-digit GB/T 2260 code such as 110000, or a name such as Beijing.");

    /// <summary>The period, or a usage error.</summary>
    public static Period ParsePeriod(string text) =>
        Core.Period.TryParseStrict(text, out var period)
            ? period
            : throw new CliException(ExitCodes.Usage, $"The period '{text}' is not a year YYYY from {Core.Period.MinYear} to {Core.Period.MaxYear}: give it like --period 2023.");

    /// <summary>An existing file, or a usage error that says whether the path is missing or a folder.</summary>
    public static string ExistingFile(CliContext context, string path)
    {
        var full = context.FullPath(path);
        if (File.Exists(full))
        {
            return full;
        }

        throw new CliException(ExitCodes.Usage, Directory.Exists(full)
            ? $"'{path}' is a folder, not a file: give the path of a return in it (.csv, .xlsx or .json)."
            : $"The file '{path}' does not exist: give the path of a return (.csv, .xlsx or .json).");
    }
}
