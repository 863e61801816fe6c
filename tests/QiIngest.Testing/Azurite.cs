using System.Diagnostics;
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

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Process? _process;

    /// <summary>Makes sure Azurite answers on its three ports.</summary>
    public static async Task EnsureRunningAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (await AllListeningAsync())
            {
                return;
            }

            var root = RepositoryRoot();
            var entry = Path.Combine(root, "eng", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
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
            _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            for (var i = 0; i < 300 && !await AllListeningAsync(); i++)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited at start: {await _process.StandardError.ReadToEndAsync()}");
                }

                await Task.Delay(100);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Settings of the data connection <c>QiStorage</c> on Azurite with containers and tables of their own, named after
    /// <paramref name="id"/>, so that test classes sharing one Azurite never see each other's data.
    /// </summary>
    public static Dictionary<string, string?> IsolatedStorageSettings(string id) => new()
    {
        ["QiStorage"] = ConnectionString,
        ["QiIngest:Storage:UploadsContainer"] = $"up-{id}",
        ["QiIngest:Storage:ReceiptsContainer"] = $"rc-{id}",
        ["QiIngest:Storage:ReportsContainer"] = $"rp-{id}",
        ["QiIngest:Storage:SubmissionsTable"] = $"Sub{id}",
        ["QiIngest:Storage:ObservationsTable"] = $"Obs{id}",
        ["QiIngest:Storage:AggregatesTable"] = $"Agg{id}",
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

    private static void Stop()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<bool> AllListeningAsync()
    {
        foreach (var port in new[] { 10000, 10001, 10002 })
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
