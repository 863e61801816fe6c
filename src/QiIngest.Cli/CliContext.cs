using System.Globalization;
using Microsoft.Extensions.Configuration;
using QiIngest.Cli.Texts;
using Spectre.Console;

namespace QiIngest.Cli;

/// <summary>Where a command writes and what it depends on, so that tests run commands in-process with captured output.</summary>
/// <param name="Out">Standard output for machine-readable text (JSON).</param>
/// <param name="Error">Standard error: one-line messages.</param>
/// <param name="Console">Standard output for tables and progress.</param>
/// <param name="Clock">The clock.</param>
/// <param name="WorkingDirectory">Relative paths are resolved against this folder.</param>
/// <param name="Settings">
/// The settings the Functions app also reads, from environment variables: <c>QiStorage</c> (the connection when no option
/// gives one), <c>QiIngest__Storage__*</c> (container and table names) and <c>QiIngest__Limits__*</c>.
/// </param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IAnsiConsole Console, TimeProvider Clock, string WorkingDirectory, IConfiguration Settings)
{
    /// <summary>The system's UI language, which picks the texts when no <c>--lang</c> is given.</summary>
    public CultureInfo UiCulture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>The help texts, hints and messages in the chosen language (<see cref="CliApp"/> sets it from <c>--lang</c> or <see cref="UiCulture"/>).</summary>
    public CliTexts Text { get; init; } = CliTexts.English;

    /// <summary>Whether progress bars and live displays make sense (a terminal, not a pipe or a test).</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive;

    /// <summary>The process's own console.</summary>
    public static CliContext ForProcess()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // A pipe has no width; wide enough that the national table does not wrap.
            console.Profile.Width = 240;
        }

        var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return new CliContext(System.Console.Out, System.Console.Error, console, TimeProvider.System, Environment.CurrentDirectory, settings) { UiCulture = CultureInfo.CurrentUICulture };
    }

    /// <summary>
    /// Plain text on the given writers: no colours, no live displays, no wrapping (1000 columns); no environment variables
    /// unless <paramref name="settings"/> has them; English unless <paramref name="uiCulture"/> is Chinese or <c>--lang</c> says otherwise.
    /// </summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error, IConfiguration? settings = null, string? workingDirectory = null, CultureInfo? uiCulture = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 1000;
        return new CliContext(output, error, console, TimeProvider.System, workingDirectory ?? Environment.CurrentDirectory, settings ?? new ConfigurationBuilder().Build())
        {
            UiCulture = uiCulture ?? CultureInfo.InvariantCulture,
        };
    }

    /// <summary>A path as the user gave it, made absolute against <see cref="WorkingDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
