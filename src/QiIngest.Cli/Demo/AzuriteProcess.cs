using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace QiIngest.Cli.Demo;

/// <summary>
/// The pinned Azurite of <c>eng/azurite</c>, installed with <c>npm ci</c> when missing and started on 127.0.0.1 with its data
/// under <c>.azurite/</c>, unless something already listens on its ports; stopped again (gracefully) on dispose.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known account, on explicit loopback endpoints.</summary>
    public const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private static readonly int[] Ports = [10000, 10001, 10002];

    /// <summary>setsid(1), which starts a program in a new session (Linux); null where there is none.</summary>
    private static readonly string? OwnSession = OperatingSystem.IsLinux() && File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, StringBuilder output)
    {
        _process = process;
        _output = output;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts Azurite unless it is already running; null when it was (then it is not ours to stop).</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="reset">Delete what an earlier run left in <c>.azurite/</c> first.</param>
    /// <param name="log">Receives one line per step.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<AzuriteProcess?> EnsureRunningAsync(string root, bool reset, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var listening = await ListeningAsync(cancellationToken);
        if (listening > 0 && reset)
        {
            throw new CliException(ExitCodes.Usage, "--reset starts Azurite afresh, but something already listens on 127.0.0.1:10000-10002: stop that Azurite first, or run without --reset.");
        }

        if (listening == Ports.Length)
        {
            log("Azurite is already listening on 127.0.0.1:10000-10002; using it.");
            return null;
        }

        if (listening > 0)
        {
            throw new CliException(ExitCodes.Unavailable, "Something listens on some but not all of 127.0.0.1:10000-10002: stop it, or start Azurite with all three services.");
        }

        var prefix = Path.Combine(root, "eng", "azurite");
        var entry = Path.Combine(prefix, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            log("Installing Azurite (npm ci --prefix eng/azurite) …");
            await InstallAsync(prefix, cancellationToken);
        }

        var data = Path.Combine(root, ".azurite");
        if (reset && Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
            log("Deleted the data of earlier runs (.azurite/).");
        }

        Directory.CreateDirectory(data);
        // In a session of its own, Azurite does not get the terminal's Ctrl+C: qi stops it after the host, so that the
        // host's last calls still find it and it saves its data.
        var start = new ProcessStartInfo(OwnSession is not null ? OwnSession : "node")
        {
            ArgumentList = { entry, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1", "--location", data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (OwnSession is not null)
        {
            start.ArgumentList.Insert(0, "node");
        }

        var output = new StringBuilder();
        var process = Start(start, "Node.js was not found: install Node.js 20 to run Azurite, or start Azurite yourself on 127.0.0.1:10000-10002.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, output);
        for (var i = 0; i < 300; i++)
        {
            if (await ListeningAsync(cancellationToken) == Ports.Length)
            {
                log($"Started Azurite (pid {process.Id}) on 127.0.0.1:10000-10002, data in .azurite/.");
                return azurite;
            }

            if (process.HasExited)
            {
                await azurite.DisposeAsync();
                throw new CliException(ExitCodes.Unavailable, $"Azurite exited at start ({LastLine(output)}): see eng/azurite, or start it yourself.");
            }

            await Task.Delay(100, cancellationToken);
        }

        await azurite.DisposeAsync();
        throw new CliException(ExitCodes.Unavailable, "Azurite did not open 127.0.0.1:10000-10002 within 30 s: is another program using those ports?");
    }

    /// <summary>Stops Azurite with SIGTERM, so that it saves its data, and ends it once it has (or after 10 s).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                if (!OperatingSystem.IsWindows())
                {
                    using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", "TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                    await (kill?.WaitForExitAsync() ?? Task.CompletedTask);
                }

                // Azurite saves its data when it closes its three services, then lingers on its own timers for
                // seconds: once all three say they are closed, there is nothing left to wait for.
                for (var i = 0; i < 200 && !_process.HasExited && CountLines("successfully closed") < 3; i++)
                {
                    await Task.Delay(50);
                }

                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (Win32Exception)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task InstallAsync(string prefix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            ArgumentList = { "ci", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Start(start, "npm was not found: install Node.js 20 (it brings npm), or run 'npm ci --prefix eng/azurite' yourself.");
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        var text = await stderr + await stdout;
        if (npm.ExitCode != 0)
        {
            throw new CliException(ExitCodes.Unavailable, $"npm ci --prefix eng/azurite failed ({LastLine(new StringBuilder(text))}): check Node.js and access to the npm registry.");
        }
    }

    private static Process Start(ProcessStartInfo start, string notFound)
    {
        try
        {
            return Process.Start(start) ?? throw new CliException(ExitCodes.Unavailable, notFound);
        }
        catch (Win32Exception)
        {
            throw new CliException(ExitCodes.Unavailable, notFound);
        }
    }

    private static async Task<int> ListeningAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var port in Ports)
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
                count++;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening.
            }
        }

        return count;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 16_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private int CountLines(string text)
    {
        lock (_output)
        {
            return _output.ToString().Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    private static string LastLine(StringBuilder output)
    {
        lock (output)
        {
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? "no output" : lines[^1];
        }
    }

    /// <summary>What Azurite printed, for diagnostics.</summary>
    public override string ToString()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
