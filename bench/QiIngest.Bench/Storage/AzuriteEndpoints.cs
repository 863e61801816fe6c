using System.Diagnostics;
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
        ConnectionString = Azurite.ConnectionStringFor(first);
        if (start && !await Azurite.ListeningAsync(first))
        {
            _private = await Azurite.StartAsync(first);
        }
    }

    /// <summary>The private Azurite's process, when this process started one (to read its CPU time).</summary>
    public static Process? PrivateProcess => _private;

    public static void Stop() => Azurite.Stop(_private);
}
