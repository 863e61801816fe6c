using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace QiIngest.Cli.Tests;

/// <summary>Runs <c>qi</c> in-process with captured standard output and error.</summary>
internal static class Qi
{
    public static async Task<QiRun> RunAsync(params string[] args) => await RunAsync(null, args);

    public static Task<QiRun> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args) => RunAsync(settings, null, args);

    /// <summary>Runs <c>qi</c> as on a system whose UI language is <paramref name="uiCulture"/> (invariant, so English, when null).</summary>
    public static async Task<QiRun> RunAsync(IReadOnlyDictionary<string, string?>? settings, CultureInfo? uiCulture, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var exit = await CliApp.RunAsync(args, CliContext.ForWriters(output, error, configuration, uiCulture: uiCulture));
        return new QiRun(exit, output.ToString(), error.ToString());
    }
}

/// <summary>What one run of <c>qi</c> did.</summary>
internal sealed record QiRun(int ExitCode, string Out, string Err)
{
    /// <summary>Standard error as lines.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Err}";
}
