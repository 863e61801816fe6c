using System.Text;
using QiIngest.Core;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Testing;

namespace QiIngest.Dashboard.Tests;

/// <summary>The golden 2023 dashboard (with 2022 as history), rendered once and written to a temporary file.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2024, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("qi-dashboard-");

    public string Html { get; private set; } = "";

    public string PagePath => Path.Combine(_folder.FullName, "index.html");

    public string Url => new Uri(PagePath).AbsoluteUri;

    public string Folder => _folder.FullName;

    public async Task InitializeAsync()
    {
        var uploads = Path.Combine(SharedData.Golden, "uploads");
        var previous = await FolderRollup.ComputeAsync(uploads, new Period(2022), ReturnChecker.Default, At.AddYears(-1));
        var current = await FolderRollup.ComputeAsync(uploads, new Period(2023), ReturnChecker.Default, At);
        Html = DashboardPage.Render(current, [previous]);
        await File.WriteAllTextAsync(PagePath, Html, new UTF8Encoding(false));

        // Kept beside the screenshot so that a person can open the page the tests saw.
        var results = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        await File.WriteAllTextAsync(Path.Combine(results.FullName, "dashboard-2023.html"), Html, new UTF8Encoding(false));
    }

    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
