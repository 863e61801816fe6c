using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace QiIngest.Testing;

/// <summary>
/// Finds Azurite on 127.0.0.1 (as <c>eng/test.sh</c> and <c>.ci/run</c> start it) or starts the project's pinned copy
/// from <c>eng/azurite</c> in memory, once per test process, and stops it when the process ends.
/// </summary>
public static class Azurite
{
    /// <summary>The Azurite connection string with explicit loopback endpoints.</summary>
    public const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private const int DefaultBlobPort = 10000;

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure Azurite answers on its three ports.</summary>
    public static async Task EnsureRunningAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!await ListeningAsync(DefaultBlobPort))
            {
                await StartAsync(DefaultBlobPort);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Starts the pinned Azurite in memory on 127.0.0.1, ports <paramref name="blobPort"/> (blob), +1 (queue) and +2
    /// (table), and waits until all three answer; it is stopped when this process ends, or by the caller.
    /// </summary>
    public static async Task<Process> StartAsync(int blobPort)
    {
        var entry = Path.Combine(RepositoryRoot(), "eng", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"Azurite is not running and not installed at {entry}: run 'npm ci --prefix eng/azurite' or 'bash eng/test.sh'.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { entry, "--silent", "--disableTelemetry", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, port) in new[] { ("--blobPort", blobPort), ("--queuePort", blobPort + 1), ("--tablePort", blobPort + 2) })
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        for (var i = 0; i < 300 && !await ListeningAsync(blobPort); i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(100);
        }

        return process;
    }

    /// <summary>The connection string of an Azurite whose blob service is on <paramref name="blobPort"/> (queue +1, table +2).</summary>
    public static string ConnectionStringFor(int blobPort) => ConnectionString
        .Replace($":{DefaultBlobPort}/", $":{blobPort}/", StringComparison.Ordinal)
        .Replace($":{DefaultBlobPort + 1}/", $":{blobPort + 1}/", StringComparison.Ordinal)
        .Replace($":{DefaultBlobPort + 2}/", $":{blobPort + 2}/", StringComparison.Ordinal);

    /// <summary>Whether all three services answer on 127.0.0.1 from <paramref name="blobPort"/> on.</summary>
    public static async Task<bool> ListeningAsync(int blobPort)
    {
        foreach (var port in new[] { blobPort, blobPort + 1, blobPort + 2 })
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

    /// <summary>Stops an Azurite that <see cref="StartAsync"/> started; nothing when it has already gone.</summary>
    public static void Stop(Process? process)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Settings of the data connection <c>QiStorage</c> on Azurite with containers and tables of their own, named after
    /// <paramref name="id"/>, so that test classes sharing one Azurite never see each other's data.
    /// </summary>
    public static Dictionary<string, string?> IsolatedStorageSettings(string id, string connectionString = ConnectionString) => new()
    {
        ["QiStorage"] = connectionString,
        ["QiIngest:Storage:UploadsContainer"] = $"up-{id}",
        ["QiIngest:Storage:ReceiptsContainer"] = $"rc-{id}",
        ["QiIngest:Storage:ReportsContainer"] = $"rp-{id}",
        ["QiIngest:Storage:SubmissionsTable"] = $"Sub{id}",
        ["QiIngest:Storage:ObservationsTable"] = $"Obs{id}",
        ["QiIngest:Storage:AggregatesTable"] = $"Agg{id}",
        ["QiIngest:Storage:StatusTable"] = $"Sts{id}",
        ["QiIngest:Storage:RetryQueue"] = $"rq-{id}",
    };

    /// <summary>The folder that holds QiIngest.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QiIngest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("QiIngest.sln was not found above the test assembly.");
    }
}
