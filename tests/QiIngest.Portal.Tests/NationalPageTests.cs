using static Microsoft.Playwright.Assertions;

namespace QiIngest.Portal.Tests;

/// <summary>The national page in Chromium: the coverage board follows the uploads.</summary>
[Collection(PortalCollection.Name)]
public sealed class NationalPageTests(PortalFixture fixture)
{
    [Fact]
    public async Task Coverage_AfterAReportersUpload_ItsRowGoesFromMissingToAccepted()
    {
        // Every golden 2023 return but Inner Mongolia's (150000), through the real blob trigger, and the rollup.
        var others = Testing.SharedData.GoldenFiles().Where(g => g.BlobName.Contains("/2023/", StringComparison.Ordinal) && !g.BlobName.StartsWith("150000/", StringComparison.Ordinal))
            .Select(g => (g.Path, g.BlobName)).ToList();
        await Golden.SeedAsync(fixture, others, TimeSpan.FromSeconds(120));
        await LocalHost.LocalHostExtensions.TriggerRollupAsync(fixture.Host);

        var national = await fixture.SignInAsync("National", "#/national/2023");
        var row = national.GetByTestId("coverage-row").And(national.Locator("[data-reporter='150000']"));
        await Expect(national.GetByTestId("coverage-row")).ToHaveCountAsync(32);
        await Expect(row).ToHaveAttributeAsync("data-state", "missing");
        await Expect(national.GetByTestId("coverage-counts")).ToHaveAttributeAsync("data-accepted", "31");
        await Expect(national.GetByTestId("coverage-counts")).ToHaveAttributeAsync("data-missing", "1");

        var reporter = await fixture.SignInAsync("Reporter.150000", "#/reporter/150000/2023");
        await reporter.GetByTestId("file-input").SetInputFilesAsync(Golden.Return("150000"));
        await reporter.GetByTestId("confirm-upload").ClickAsync();
        await Expect(reporter.GetByTestId("receipt")).ToHaveAttributeAsync("data-status", "accepted", new() { Timeout = 90_000 });
        await reporter.Context.CloseAsync();

        await national.ReloadAsync();

        await Expect(row).ToHaveAttributeAsync("data-state", "accepted");
        await Expect(national.GetByTestId("coverage-counts")).ToHaveAttributeAsync("data-accepted", "32");
        await Expect(national.GetByTestId("coverage-counts")).ToHaveAttributeAsync("data-missing", "0");
        await Expect(national.GetByTestId("report-link").First).ToBeVisibleAsync();
        await national.GetByTestId("city-reporter").SelectOptionAsync("440000");
        await national.GetByTestId("indicator").SelectOptionAsync("STD_SOCIAL_ORG");
        await Expect(national.GetByTestId("region-row")).ToHaveCountAsync(21);
        await PortalFixture.ScreenshotAsync(national, "portal-national.png");
        await national.Context.CloseAsync();
    }
}
