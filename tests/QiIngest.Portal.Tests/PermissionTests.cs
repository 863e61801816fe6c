using static Microsoft.Playwright.Assertions;

namespace QiIngest.Portal.Tests;

/// <summary>What a signed-in user may see in the browser, enforced by the API behind the pages.</summary>
[Collection(PortalCollection.Name)]
public sealed class PermissionTests(PortalFixture fixture)
{
    [Fact]
    public async Task ReporterPage_OfAnotherProvince_Shows403AndNoneOfItsData()
    {
        await Golden.SeedAsync(fixture, [(Golden.Return("220000"), "220000/2034/220000.csv")], TimeSpan.FromSeconds(90));

        // Its own staff see the return …
        var own = await fixture.SignInAsync("Reporter.220000", "#/reporter/220000/2034");
        await Expect(own.GetByTestId("version-row")).ToHaveAttributeAsync("data-version", "1");
        await own.Context.CloseAsync();

        // … another province's do not.
        var other = await fixture.SignInAsync("Reporter.230000", "#/reporter/220000/2034");
        var banner = other.GetByTestId("error-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveAttributeAsync("data-status", "403");
        await Expect(other.GetByTestId("version-row")).ToHaveCountAsync(0);
        await Expect(other.GetByTestId("drop-zone")).ToHaveCountAsync(0);
        await Expect(other.GetByTestId("receipt")).ToHaveCountAsync(0);
        Assert.DoesNotContain("220000.csv", await other.ContentAsync(), StringComparison.Ordinal);
        await other.Context.CloseAsync();
    }
}
