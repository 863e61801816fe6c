using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QiIngest.Cli.Storage;
using QiIngest.Storage;

namespace QiIngest.Cli.Tests;

public sealed class CliStorageTests
{
    [Fact]
    public async Task Connect_ClientOptions_OverrideOnlyTheRetriesOfTheHostsNamedClients()
    {
        await using var storage = CliStorage.Connect(StorageConnection.Development, null);
        var hostDefaults = new BlobClientOptions();

        foreach (var options in new Azure.Core.ClientOptions[]
        {
            storage.Services.GetRequiredService<IOptionsMonitor<BlobClientOptions>>().Get(StorageOptions.ConnectionName),
            storage.Services.GetRequiredService<IOptionsMonitor<TableClientOptions>>().Get(StorageOptions.ConnectionName),
            storage.Services.GetRequiredService<IOptionsMonitor<QueueClientOptions>>().Get(StorageOptions.ConnectionName),
        })
        {
            Assert.Equal(2, options.Retry.MaxRetries);
            Assert.Equal(Azure.Core.RetryMode.Fixed, options.Retry.Mode);
            Assert.Equal(TimeSpan.FromMilliseconds(300), options.Retry.Delay);
            Assert.Equal(hostDefaults.Diagnostics.IsDistributedTracingEnabled, options.Diagnostics.IsDistributedTracingEnabled);
        }

        Assert.Equal("devstoreaccount1", storage.Storage.Blobs.AccountName);
    }

    [Fact]
    public void Connect_InvalidSettings_FailsWithEveryProblemAsAUsageError()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiIngest:Limits:MaxJsonDepth"] = "2",
            ["QiIngest:Storage:ObservationPartitions"] = "0",
        }).Build();

        var e = Assert.Throws<CliException>(() => CliStorage.Connect(StorageConnection.Development, null, settings));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Equal("The settings QiIngest__* are not usable: MaxJsonDepth must be at least 3 (a return is nested 3 deep), not 2. QiIngest:Storage:ObservationPartitions must be 1 to 9999, not 0.", e.Message);
    }

    [Fact]
    public async Task Status_StorageThatAcceptsAndNeverAnswers_Exit3WithWhatWhereAndWhatToDo_InSeconds()
    {
        // A listener that accepts every connection and never answers: a hung or wrong endpoint.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var held = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await listener.AcceptSocketAsync(stop.Token));
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var endpoint = $"http://127.0.0.1:{port}/devstoreaccount1";
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint={endpoint};QueueEndpoint={endpoint};TableEndpoint={endpoint};";
        var clock = Stopwatch.StartNew();

        var run = await Qi.RunAsync("status", "--connection", connection);
        var zh = await Qi.RunAsync(new Dictionary<string, string?> { [CliStorage.TimeoutSetting] = "1" }, "status", "--connection", connection, "--lang", "zh");

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
        held.ForEach(s => s.Dispose());
        Assert.True(held.Count > 0);
        Assert.Equal(
            (ExitCodes.Unavailable, $"Storage at {endpoint} accepted the connection but did not answer within 5 s: is it Azurite or a storage account? Start Azurite with `qi demo`, or check the connection string (--connection or QiStorage).\n"),
            (run.ExitCode, run.Err));
        Assert.Equal(
            (ExitCodes.Unavailable, $"{endpoint} 的存储接受了连接，但 1 秒内没有应答：它是 Azurite 或存储账户吗？请用 `qi demo` 启动 Azurite，或检查连接字符串（--connection 或 QiStorage）。\n"),
            (zh.ExitCode, zh.Err));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(28), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Connect_TimeoutSettingThatIsNotSeconds_IsAUsageError()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CliStorage.TimeoutSetting] = "soon" }).Build();

        var e = Assert.Throws<CliException>(() => CliStorage.Connect(StorageConnection.Development, null, settings));

        Assert.Equal((ExitCodes.Usage, "The settings QiIngest__* are not usable: QiIngest:Cli:StorageTimeoutSeconds must be a number of seconds from 0 to 3600, not 'soon'."), (e.ExitCode, e.Message));
    }
}
