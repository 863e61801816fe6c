using System.Diagnostics;
using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

/// <summary><c>qi demo</c> on the Azurite the tests run: it uses it, does not stop it, and ends with the national tables.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_WithAzuriteAlreadyRunning_UsesItShowsTheFiguresNamesTheWarningsAndSavesEveryReport()
    {
        await Azurite.EnsureRunningAsync();
        var dashboard = Path.Combine(Azurite.RepositoryRoot(), "out", "dashboard-2023.html");
        var reports = Path.Combine(Azurite.RepositoryRoot(), "out", "reports");

        var run = await Qi.RunAsync("demo", "--timeout", "120");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Azurite is already listening on 127.0.0.1:10000-10002; using it.", run.Out, StringComparison.Ordinal);
        Assert.Contains("All 64 receipts are in.", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Rollup: (published 2022, 2023|nothing changed since the last run \(2022, 2023 unchanged\); nothing was rewritten)\.", run.Out);
        Assert.Matches(@"│ STD_SOCIAL_ORG +│ .+│ +74,240 │ 项 +│ \+45\.3% │ +31 │", run.Out);
        Assert.Matches(@"│ IT_PRIVATE_SHARE +│ .+│ +63\.47% │ % +│ +│ +31 │", run.Out);
        Assert.Contains($"Dashboard: {dashboard} ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Stopped Azurite.", run.Out, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(dashboard), StringComparison.Ordinal);
        Assert.Matches(@"\nAccepted with warnings \([1-9]\d*\):\n  \d{6}/20\d\d/[^ ]+ \(.+\): [1-9]\d* warnings?\n    [a-z-]+( \(.+\))?: .+\n", run.Out);
        Assert.Matches(@"One receipt in full: qi receipt .+ --reporter \d{6} --period 20\d\d \(with --keep-running\)\.\n", run.Out);
        foreach (var period in new[] { "2022", "2023" })
        {
            foreach (var (file, what) in new[] { ("national.json", "national figures, exact values (JSON)"), ("national.csv", "national figures (CSV)"), ("national.sdmx.csv", "national figures (SDMX-CSV 2.0)"), ("index.html", "dashboard (HTML)") })
            {
                var path = Path.Combine(reports, period, file);
                Assert.True(File.Exists(path), path);
                Assert.Matches($@"│ {period} +│ {System.Text.RegularExpressions.Regex.Escape(what)} +│ {System.Text.RegularExpressions.Regex.Escape(path)} +│", run.Out);
            }
        }

        Assert.StartsWith("STRUCTURE,", await File.ReadAllTextAsync(Path.Combine(reports, "2023", "national.sdmx.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_KeepRunning_CtrlC_StopsTheHostAndExits130WithinSeconds()
    {
        await Azurite.EnsureRunningAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        string Output()
        {
            // TextWriter.Synchronized locks on the wrapper: take the same lock to read what was written so far.
            lock (synchronizedOutput)
            {
                return output.ToString();
            }
        }

        using var ctrlC = new CancellationTokenSource();
        var run = CliApp.RunAsync(["demo", "--keep-running", "--timeout", "120"], synchronizedOutput, TextWriter.Synchronized(error), ctrlC.Token);
        var waited = Stopwatch.StartNew();
        while (!run.IsCompleted && !Output().Contains("Stop with Ctrl+C.", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromMinutes(4))
        {
            await Task.Delay(200);
        }

        Assert.False(run.IsCompleted, $"qi demo ended before Ctrl+C (exit {(run.IsCompleted ? await run : 0)}):\n{Output()}\n{error}");
        var stopping = Stopwatch.StartNew();
        await ctrlC.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exit == 130, $"exit {exit}\n{Output()}\n{error}");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"took {stopping.Elapsed}");
        Assert.Equal("", error.ToString());
        Assert.Matches(@"s Stopped the local host\.\n +[\d.]+ s Stopped by Ctrl\+C\.\n$", Output());
    }

    [Fact]
    public async Task Demo_ResetWhileAzuriteRuns_Exit2WithoutTouchingIt()
    {
        await Azurite.EnsureRunningAsync();

        var run = await Qi.RunAsync("demo", "--reset");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--reset starts Azurite afresh, but something already listens on 127.0.0.1:10000-10002: stop that Azurite first, or run without --reset.\n", run.Err);
    }
}
