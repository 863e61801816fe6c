using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QiIngest.LocalHost;
using QiIngest.Storage;
using QiIngest.Storage.Reading;
using QiIngest.Testing;
using Xunit.Abstractions;

namespace QiIngest.Api.Tests;

/// <summary>
/// A real SDMX client, R's rsdmx (Debian's r-cran-rsdmx; <c>eng/install-r.sh</c>), reads the local host's SDMX REST
/// answers on Kestrel after the golden returns went through the blob trigger and the rollup timer; every figure it
/// read must be the golden national figure.
/// </summary>
public sealed class RsdmxClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IHost _host = null!;
    private QiStorage _storage = null!;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var settings = Azurite.IsolatedStorageSettings(id);
        settings[LocalHostSettings.HostStorage] = Azurite.ConnectionString;
        settings[LocalHostSettings.HostId] = $"qi-rsdmx-{id}";
        settings[LocalApi.Urls] = "http://127.0.0.1:0";
        settings["Logging:LogLevel:Default"] = "Warning";
        _host = LocalHostBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        _storage = _host.Services.GetRequiredService<QiStorage>();
        await _storage.EnsureCreatedAsync();
        await _host.StartAsync();
    }

    [Fact]
    public async Task Rsdmx_LocalHostAfterGoldenReturns_ReadsStructuresAndEveryNationalFigure()
    {
        var rscript = FindRscript() ?? throw new InvalidOperationException("Rscript is not installed: run 'bash eng/install-r.sh' (Debian's r-cran-rsdmx).");
        foreach (var (blobName, path) in SharedData.GoldenFiles())
        {
            await _storage.Uploads.GetBlobClient(blobName).UploadAsync(new BinaryData(await File.ReadAllBytesAsync(path)), overwrite: true);
        }

        var reader = _host.Services.GetRequiredService<ReadService>();
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(4);
        while ((await reader.ListCurrentAsync()).Count < SharedData.GoldenFiles().Count())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The blob trigger did not accept every golden return within four minutes.");
            await Task.Delay(500);
        }

        await _host.TriggerRollupAsync();
        var address = Assert.Single(_host.Addresses());

        var (exitCode, stdout, stderr) = await RunAsync(rscript, Path.Combine(AppContext.BaseDirectory, "rsdmx-check.R"), address.ToString().TrimEnd('/'));
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        Assert.True(exitCode == 0, $"rsdmx failed ({exitCode}): {stderr}");
        Assert.Contains("dataflow: CN_SAMR QI_NATIONAL 1.0 | National quality infrastructure statistics | 全国质量基础设施统计", stdout, StringComparison.Ordinal);
        Assert.Contains("datastructure: CN_SAMR DSD_QI_NATIONAL 1.0", stdout, StringComparison.Ordinal);
        Assert.Contains("codelist: CL_AREA 32 codes", stdout, StringComparison.Ordinal);
        Assert.Contains("codelist: CL_UNIT_MEASURE 3 codes", stdout, StringComparison.Ordinal);
        Assert.Contains("codelist: CL_OBS_STATUS 2 codes", stdout, StringComparison.Ordinal);
        var rows = stdout[(stdout.IndexOf("--- data\n", StringComparison.Ordinal) + "--- data\n".Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => (Period: f[0], Indicator: f[1]), f => (Unit: f[2], Value: decimal.Parse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture), Status: f[4]));
        var checkedFigures = 0;
        foreach (var period in new[] { "2022", "2023" })
        {
            using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SharedData.Golden, "expected", $"national-{period}.json")));
            foreach (var figure in expected.RootElement.EnumerateObject())
            {
                var read = rows[(period, figure.Name)];
                AssertClose(figure.Value.GetProperty("value").GetDecimal(), read.Value);
                Assert.Equal("A", read.Status);
                checkedFigures++;
                if (figure.Value.TryGetProperty("yoyPercent", out var yoy) && yoy.ValueKind == JsonValueKind.Number)
                {
                    var growth = rows[(period, figure.Name + "_YOY")];
                    AssertClose(yoy.GetDecimal(), growth.Value);
                    Assert.Equal("PC", growth.Unit);
                    checkedFigures++;
                }
            }
        }

        Assert.Equal(checkedFigures, rows.Count);
        Assert.Equal("NUMBER", rows[("2023", "STD_SOCIAL_ORG")].Unit);
        Assert.Equal("CNY", rows[("2023", "IT_REVENUE")].Unit);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        foreach (var container in new[] { _storage.Uploads, _storage.Receipts, _storage.Reports })
        {
            await container.DeleteIfExistsAsync();
        }

        foreach (var table in new[] { _storage.Submissions, _storage.Observations, _storage.Aggregates })
        {
            await table.DeleteAsync();
        }
    }

    /// <summary>R prints 15 significant digits; the API sends the exact decimal.</summary>
    private static void AssertClose(decimal expected, decimal actual) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Abs(expected) * 1e-12m, $"Expected {expected}, rsdmx read {actual}.");

    private static string? FindRscript() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "Rscript")).FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
