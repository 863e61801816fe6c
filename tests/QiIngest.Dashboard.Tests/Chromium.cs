using System.Diagnostics;

namespace QiIngest.Dashboard.Tests;

/// <summary>Runs the real headless Chromium of the Debian package (installed by <c>eng/install-chromium.sh</c>).</summary>
internal static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The hosts of Chromium's own background services (component updater, account check), which it calls even with
    /// <c>--disable-background-networking</c>. They are browser traffic, never the page's.
    /// </summary>
    public static readonly IReadOnlySet<string> BrowserServiceHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "update.googleapis.com", "accounts.google.com", "clients2.google.com", "redirector.gvt1.com",
    };

    /// <summary>
    /// Runs Chromium headless on <paramref name="url"/> with a fresh profile and the given extra switches. All its
    /// traffic goes to <paramref name="proxy"/> on the loopback (a private one when null), so nothing leaves the machine.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string url, RecordingProxy? proxy, params string[] switches)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: run eng/install-chromium.sh (as root) first.");
        await using var ownProxy = proxy is null ? RecordingProxy.Start() : null;
        var port = (proxy ?? ownProxy!).Port;
        var profile = Directory.CreateTempSubdirectory("qi-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", $"--user-data-dir={profile.FullName}",
                $"--proxy-server=http://127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>",
                .. switches, url])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish {url} within {Timeout}: {await stderr}");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A helper process may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
