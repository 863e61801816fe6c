using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace QiIngest.Portal.Tests;

/// <summary>The reporter's page in Chromium: the upload through the page to Azurite, the receipt the real pipeline writes, the versions.</summary>
[Collection(PortalCollection.Name)]
public sealed class ReporterPageTests(PortalFixture fixture)
{
    /// <summary>Receipts come from the blob trigger's scan: seconds, but the machine may be busy.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions ReceiptWait = new() { Timeout = 90_000 };

    [Fact]
    public async Task Upload_GoldenReturnThroughTheFileInput_ItsReceiptAppearsAccepted()
    {
        var page = await fixture.SignInAsync("Reporter.140000", "#/reporter/140000/2031");

        await page.GetByTestId("file-input").SetInputFilesAsync(Golden.Return("140000"));
        await Expect(page.GetByTestId("pending-upload")).ToContainTextAsync("To upload: 140000.csv");
        await Expect(page.GetByTestId("replace-notice")).ToHaveCountAsync(0);
        await page.GetByTestId("confirm-upload").ClickAsync();

        var receipt = page.GetByTestId("receipt");
        await Expect(receipt).ToHaveAttributeAsync("data-status", "accepted", ReceiptWait);
        await Expect(receipt).ToHaveAttributeAsync("data-file", "140000.csv");
        await Expect(page.GetByTestId("upload-progress")).ToHaveJSPropertyAsync("value", 100);
        await Expect(page.GetByTestId("issue-row")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("version-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("version-row")).ToHaveAttributeAsync("data-version", "1");
        await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        await PortalFixture.ScreenshotAsync(page, "portal-reporter.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upload_GoldenReturnDroppedOnTheDropZone_ItsReceiptAppearsAccepted()
    {
        var page = await fixture.SignInAsync("Reporter.210000", "#/reporter/210000/2032");
        await Expect(page.GetByTestId("drop-zone")).ToBeVisibleAsync();

        // What the browser gives a drop of a file from the desktop: a drop event whose DataTransfer holds the File.
        var bytes = Convert.ToBase64String(await File.ReadAllBytesAsync(Golden.Return("210000")));
        var dataTransfer = await page.EvaluateHandleAsync(
            """
            ([name, base64]) => {
              const data = new DataTransfer();
              data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'text/csv' }));
              return data;
            }
            """,
            new object[] { "210000.csv", bytes });
        await page.GetByTestId("drop-zone").DispatchEventAsync("dragover", new { dataTransfer });
        await page.GetByTestId("drop-zone").DispatchEventAsync("drop", new { dataTransfer });
        await Expect(page.GetByTestId("pending-upload")).ToContainTextAsync("To upload: 210000.csv");
        await page.GetByTestId("confirm-upload").ClickAsync();

        var receipt = page.GetByTestId("receipt");
        await Expect(receipt).ToHaveAttributeAsync("data-status", "accepted", ReceiptWait);
        await Expect(receipt).ToHaveAttributeAsync("data-file", "210000.csv");
        await Expect(page.GetByTestId("version-row")).ToHaveAttributeAsync("data-version", "1");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upload_BadReturn_ItsErrorIsAtItsRowAndColumnWithWhatToDo()
    {
        // golden-bad/private-gt-total.csv: line 3 says 2000 private institutions of 1892 in all.
        var page = await fixture.SignInAsync("Reporter.110000", "#/reporter/110000/2033");

        await page.GetByTestId("file-input").SetInputFilesAsync(Golden.Bad("private-gt-total.csv"));
        await page.GetByTestId("confirm-upload").ClickAsync();

        await Expect(page.GetByTestId("receipt")).ToHaveAttributeAsync("data-status", "rejected", ReceiptWait);
        var row = page.GetByTestId("issues-table").GetByTestId("issue-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-col=severity]")).ToHaveAttributeAsync("data-severity", "error");
        await Expect(row.Locator("[data-col=row]")).ToHaveTextAsync("3");
        await Expect(row.Locator("[data-col=column]")).ToHaveTextAsync("value");
        await Expect(row.Locator("[data-col=code]")).ToHaveTextAsync("row-constraint");
        await Expect(row.Locator("[data-col=message]")).ToHaveTextAsync(
            "IT_INSTITUTIONS_PRIVATE (2000) is more than IT_INSTITUTIONS (1892) for 110000: private institutions are a part of all institutions.");
        await Expect(row.Locator("[data-col=hint]")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("rejected-row")).ToHaveAttributeAsync("data-file", "private-gt-total.csv");
        await Expect(page.GetByTestId("version-row")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upload_ReturnWithWarnings_EachWarningAtItsRowOrNone()
    {
        // golden-bad/missing-values.csv: line 3 has "—" for a value; five indicators a province reports are absent.
        var page = await fixture.SignInAsync("Reporter.320000", "#/reporter/320000/2036");

        await page.GetByTestId("file-input").SetInputFilesAsync(Golden.Bad("missing-values.csv"));
        await page.GetByTestId("confirm-upload").ClickAsync();

        await Expect(page.GetByTestId("receipt")).ToHaveAttributeAsync("data-status", "accepted-with-warnings", ReceiptWait);
        var rows = page.GetByTestId("issue-row");
        await Expect(rows).ToHaveCountAsync(6);
        await Expect(rows.Locator("[data-col=code]")).ToHaveTextAsync(["missing-cell", "missing-indicator", "missing-indicator", "missing-indicator", "missing-indicator", "missing-indicator"]);
        await Expect(rows.Locator("[data-col=row]")).ToHaveTextAsync(["3", "", "", "", "", ""]);
        await Expect(rows.Locator("[data-col=column]")).ToHaveTextAsync(["value", "", "", "", "", ""]);
        await Expect(rows.Locator("[data-col=severity][data-severity=warning]")).ToHaveCountAsync(6);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SecondUpload_ReplaceNoticeNamesTheCurrentVersion_LanguageToggleSwitchesTheTexts_NewVersionListsItsChange()
    {
        var page = await fixture.SignInAsync("Reporter.230000", "#/reporter/230000/2035");
        var file = Golden.Return("230000");
        await page.GetByTestId("file-input").SetInputFilesAsync(file);
        await page.GetByTestId("confirm-upload").ClickAsync();
        await Expect(page.GetByTestId("receipt")).ToHaveAttributeAsync("data-status", "accepted", ReceiptWait);
        await Expect(page.GetByTestId("version-row")).ToHaveCountAsync(1);

        // The corrected return, under the same name: 913 group standards become 920.
        var folder = Directory.CreateTempSubdirectory("qi-portal-");
        var corrected = Path.Combine(folder.FullName, Path.GetFileName(file));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("STD_SOCIAL_ORG,913,", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(corrected, text.Replace("STD_SOCIAL_ORG,913,", "STD_SOCIAL_ORG,920,", StringComparison.Ordinal));
        await page.GetByTestId("file-input").SetInputFilesAsync(corrected);

        var notice = page.GetByTestId("replace-notice");
        await Expect(notice).ToContainTextAsync("This upload will replace version 1, accepted at ");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("confirm-upload")).ToHaveTextAsync("Confirm upload");

        await page.GetByTestId("lang-toggle").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(notice).ToContainTextAsync("上传后将替换当前第 1 版");
        await Expect(page.GetByTestId("confirm-upload")).ToHaveTextAsync("确认上传");
        await Expect(page.GetByTestId("lang-toggle")).ToHaveTextAsync("English");

        await page.GetByTestId("lang-toggle").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("confirm-upload")).ToHaveTextAsync("Confirm upload");

        await page.GetByTestId("confirm-upload").ClickAsync();

        // The receipt of the second upload, then the history: version 2 first, with its one change.
        await Expect(page.GetByTestId("version-row")).ToHaveCountAsync(2, new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("receipt")).ToHaveAttributeAsync("data-status", "accepted");
        var newest = page.GetByTestId("version-row").First;
        await Expect(newest).ToHaveAttributeAsync("data-version", "2");
        await Expect(newest.Locator("[data-col=changes]")).ToContainTextAsync("913");
        await Expect(newest.Locator("[data-col=changes]")).ToContainTextAsync("920");
        await page.Context.CloseAsync();
        folder.Delete(recursive: true);
    }
}
