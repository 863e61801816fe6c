using Microsoft.Extensions.DependencyInjection;
using QiIngest.Storage.Reading;
using QiIngest.Testing;

namespace QiIngest.Portal.Tests;

/// <summary>The shared test data the browser tests upload, and seeding of returns straight into the uploads container.</summary>
internal static class Golden
{
    /// <summary>The golden 2023 return of <paramref name="reporter"/> (one file per reporter and period).</summary>
    public static string Return(string reporter) =>
        SharedData.GoldenFiles().Single(g => g.BlobName.StartsWith($"{reporter}/2023/", StringComparison.Ordinal)).Path;

    /// <summary>A return of <c>golden-bad/</c>.</summary>
    public static string Bad(string file) => Path.Combine(SharedData.GoldenBad, file);

    /// <summary>
    /// Puts <paramref name="files"/> (local path → blob name) into the uploads container, as a reporter's upload lands
    /// there, and waits until the real blob trigger has made each the current version of its return.
    /// </summary>
    public static async Task SeedAsync(PortalFixture fixture, IReadOnlyList<(string Path, string BlobName)> files, TimeSpan timeout)
    {
        await Task.WhenAll(files.Select(async f =>
            await fixture.Storage.Uploads.GetBlobClient(f.BlobName).UploadAsync(new BinaryData(await File.ReadAllBytesAsync(f.Path)), overwrite: true)));
        var reader = fixture.Host.Services.GetRequiredService<ReadService>();
        var wanted = files.Select(f => f.BlobName.Split('/')).Select(p => (Reporter: p[0], Period: p[1])).ToHashSet();
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        foreach (var period in wanted.Select(w => w.Period).Distinct())
        {
            while (true)
            {
                var current = (await reader.ListCurrentAsync(period)).Select(v => (v.Reporter, v.Period)).ToHashSet();
                if (wanted.Where(w => w.Period == period).All(current.Contains))
                {
                    break;
                }

                Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"The blob trigger did not accept the {wanted.Count} seeded returns within {timeout}.");
                await Task.Delay(250);
            }
        }
    }
}
