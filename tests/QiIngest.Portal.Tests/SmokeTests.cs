using System.Text.Json;

namespace QiIngest.Portal.Tests;

[Collection(PortalCollection.Name)]
public sealed class SmokeTests(PortalFixture fixture)
{
    [Fact]
    public async Task Health_InChromium_IsHealthyWithStorageReachable()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/api/health");
        using var body = JsonDocument.Parse(await page.InnerTextAsync("body"));

        Assert.Equal(200, response!.Status);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("reachable", body.RootElement.GetProperty("storage").GetString());
        await page.Context.CloseAsync();
    }
}
