using System.Diagnostics;
using System.Reflection;

namespace QiIngest.Infra.Tests;

/// <summary>The Bicep CLI restored from NuGet (see the csproj) and the repository it works on.</summary>
internal static class BicepCli
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Path { get; } = Metadata("BicepPath");

    public static string InRepository(string relativePath) =>
        System.IO.Path.Combine(RepositoryRoot, relativePath);

    /// <summary>Runs the CLI in the repository root; returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        EnsureExecutable();
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Compiles one template of the repository to ARM JSON in a temporary folder, failing with the CLI's output.</summary>
    public static async Task<string> BuildAsync(string template, CancellationToken cancellationToken = default)
    {
        var outDir = Directory.CreateTempSubdirectory("qiingest-bicep-");
        try
        {
            var (exitCode, output) = await RunAsync(["build", InRepository(template), "--outdir", outDir.FullName], cancellationToken);
            if (exitCode != 0 || output.Length != 0)
            {
                throw new InvalidOperationException($"bicep build {template} exited {exitCode}:\n{output}");
            }

            var json = System.IO.Path.Combine(outDir.FullName, System.IO.Path.ChangeExtension(System.IO.Path.GetFileName(template), ".json"));
            return await File.ReadAllTextAsync(json, cancellationToken);
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    // NuGet does not always keep the execute bit of the packaged binary.
    private static void EnsureExecutable()
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at {Path}; restore tests/QiIngest.Infra.Tests.", Path);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(Path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(Path, mode | UnixFileMode.UserExecute);
        }
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} has no value.");
}
