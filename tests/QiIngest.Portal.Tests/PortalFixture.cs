using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using QiIngest.LocalHost;
using QiIngest.Storage;
using QiIngest.Testing;

namespace QiIngest.Portal.Tests;

/// <summary>
/// One real local host for every browser test (the WebJobs blob trigger, the rescanner and the rollup timer, the API and
/// the portal on Kestrel at a free port, development sign-in) on Azurite storage of its own, and one headless Chromium
/// (Debian's, driven by Playwright's bundled node driver: nothing is downloaded). Each test opens its own browser context
/// (fresh session and local storage) and works on a reporter and period of its own.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium, installed by <c>eng/install-chromium.sh</c>.</summary>
    public const string ChromiumExecutable = "/usr/bin/chromium";

    /// <summary>When set (for example to <c>docs</c>), the tests write the pages' screenshots into that folder of the repository.</summary>
    public const string ScreenshotsVariable = "QI_PORTAL_SCREENSHOTS";

    private readonly string _id = Guid.NewGuid().ToString("N")[..10];
    private IPlaywright _playwright = null!;

    public IHost Host { get; private set; } = null!;

    public QiStorage Storage { get; private set; } = null!;

    /// <summary>The portal's address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumExecutable), $"{ChromiumExecutable} is missing: run eng/install-chromium.sh (as root) first.");
        await Azurite.EnsureRunningAsync();
        var settings = Azurite.IsolatedStorageSettings(_id);
        settings[LocalHostSettings.HostStorage] = Azurite.ConnectionString;
        settings[LocalHostSettings.HostId] = $"qi-portal-{_id}";
        settings[LocalApi.Urls] = "http://127.0.0.1:0";
        settings[DevelopmentSignIn.Setting] = "true";
        settings["LocalHost:RescanSeconds"] = "2";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:QiIngest"] = "Warning";
        settings["Logging:LogLevel:Function"] = "Warning";
        Host = LocalHostBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        Storage = Host.Services.GetRequiredService<QiStorage>();
        await Storage.EnsureCreatedAsync();
        await Host.StartAsync();
        Address = Host.Addresses().Single();

        // Two cores shared with other work: give the page's own steps more than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumExecutable,
            Headless = true,
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context on the portal, in English unless <paramref name="locale"/> says otherwise.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the portal, signs in through the sign-in page as <paramref name="role"/> and goes to <paramref name="hash"/>.</summary>
    public async Task<IPage> SignInAsync(string role, string hash, string locale = "en-US")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/");
        await page.GetByTestId("dev-role").SelectOptionAsync(role);
        await page.GetByTestId("sign-in").ClickAsync();
        var user = role.StartsWith("Reporter.", StringComparison.Ordinal) ? $"reporter-{role["Reporter.".Length..]}@localhost" : "national@localhost";
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(user);

        // Signed in, the portal goes to the user's default page. The page asked for is then opened afresh (the token
        // stays in the tab's session storage), so that nothing of the default page's start can overtake it.
        await page.WaitForURLAsync(new Regex("#/(reporter|national)/"));
        await page.GotoAsync("about:blank");
        await page.GotoAsync("/" + hash);
        return page;
    }

    /// <summary>Writes a screenshot of <paramref name="page"/> to <c>{repository}/{QI_PORTAL_SCREENSHOTS}/{name}</c> when the variable is set.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable(ScreenshotsVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        var path = Path.Combine(Azurite.RepositoryRoot(), folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.StopAsync();
            Host.Dispose();
            foreach (var container in new[] { Storage.Uploads, Storage.Receipts, Storage.Reports })
            {
                await container.DeleteIfExistsAsync();
            }

            foreach (var table in new[] { Storage.Submissions, Storage.Observations, Storage.Aggregates, Storage.Status })
            {
                await table.DeleteAsync();
            }

            await Storage.RetryQueue.DeleteIfExistsAsync();
            await Storage.Queues.GetQueueClient($"azure-webjobs-blobtrigger-qi-portal-{_id}").DeleteIfExistsAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
