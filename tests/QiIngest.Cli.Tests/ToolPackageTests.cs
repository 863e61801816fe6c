using System.Diagnostics;
using System.IO.Compression;
using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

/// <summary>qi as a .NET tool: the package that <c>dotnet tool install</c> takes (README, "Getting qi").</summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task Pack_TheCliProject_IsADotnetToolThatInstallsAsQi()
    {
        var output = Directory.CreateTempSubdirectory("qi-tool-");
        try
        {
            // Packs what this test run already built (--no-build): seconds, not a second build.
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var project = Path.Combine(Azurite.RepositoryRoot(), "src", "QiIngest.Cli", "QiIngest.Cli.csproj");
            var (exit, log) = await RunAsync("dotnet", "pack", project, "--no-build", "-c", configuration, "-o", output.FullName, "-nologo", "-v", "q");

            Assert.True(exit == 0, log);
            var package = Assert.Single(Directory.GetFiles(output.FullName, "QiIngest.Cli.*.nupkg"));
            using var zip = ZipFile.OpenRead(package);
            var settings = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml");
            Assert.NotNull(settings);
            using var reader = new StreamReader(settings.Open());
            Assert.Contains("<Command Name=\"qi\" EntryPoint=\"qi.dll\" Runner=\"dotnet\" />", await reader.ReadToEndAsync(), StringComparison.Ordinal);
            Assert.NotNull(zip.GetEntry("tools/net10.0/any/qi.dll"));
            Assert.NotNull(zip.GetEntry("tools/net10.0/any/QiIngest.Core.dll"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
