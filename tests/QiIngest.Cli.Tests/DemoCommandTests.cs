using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

/// <summary><c>qi demo</c> on the Azurite the tests run: it uses it, does not stop it, and ends with the national tables.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_WithAzuriteAlreadyRunning_UsesItAndShowsTheBriefingFiguresAndTheDashboard()
    {
        await Azurite.EnsureRunningAsync();
        var dashboard = Path.Combine(Azurite.RepositoryRoot(), "out", "dashboard-2023.html");

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
