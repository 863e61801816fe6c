using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using QiIngest.Testing;

namespace QiIngest.Bench.Storage;

/// <summary>
/// Which Azurite the bench talks to: by default the one on 127.0.0.1:10000-10002, found or started as the tests do
/// (<see cref="Azurite.EnsureRunningAsync"/>); with <c>--azurite-ports N</c>, a private in-memory Azurite on ports N,
/// N+1, N+2 that this process starts and stops, so that a long run does not depend on an Azurite that test runs
/// start and stop.
/// </summary>
internal static class AzuriteEndpoints
{
    private static Process? _private;

    public static int BlobPort { get; private set; } = 10000;

    public static int TablePort { get; private set; } = 10002;

    public static string ConnectionString { get; private set; } = Azurite.ConnectionString;

    /// <summary>The first of the three ports, to hand to a child process.</summary>
    public static int? PrivateBase { get; private set; }

    /// <summary>Talks to Azurite on <paramref name="portBase"/>.. (null: the default ports); starts it when <paramref name="start"/>.</summary>
    public static async Task UseAsync(int? portBase, bool start)
    {
        if (portBase is not { } first)
        {
            await Azurite.EnsureRunningAsync();
            return;
        }

        (PrivateBase, BlobPort, TablePort) = (first, first, first + 2);
        ConnectionString = Azurite.ConnectionString
            .Replace(":10000/", $":{first}/", StringComparison.Ordinal)
            .Replace(":10001/", $":{first + 1}/", StringComparison.Ordinal)
            .Replace(":10002/", $":{first + 2}/", StringComparison.Ordinal);
        if (!start || await ListeningAsync(first))
        {
            return;
        }

        var entry = Path.Combine(Azurite.RepositoryRoot(), "eng", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        var info = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { entry, "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, port) in new[] { ("--blobPort", first), ("--queuePort", first + 1), ("--tablePort", first + 2) })
        {
            info.ArgumentList.Add(name);
            info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        _private = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for a private Azurite.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        for (var i = 0; i < 300 && !await ListeningAsync(first); i++)
        {
            if (_private.HasExited)
            {
                throw new InvalidOperationException($"The private Azurite exited at start: {await _private.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(100);
        }
    }

    public static void Stop()
    {
        try
        {
            _private?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<bool> ListeningAsync(int first)
    {
        foreach (var port in new[] { first, first + 1, first + 2 })
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
