using System.IO.Compression;
using System.Xml;
using QiIngest.Core.Reading.Xlsx;

namespace QiIngest.Core.Reading;

/// <summary>
/// Reads the return's worksheet of an XLSX workbook (section 5.5 of the reporting form) as raw rows, within
/// the limits of section 7. Built on <see cref="ZipArchive"/> and <see cref="XmlReader"/> rather than a
/// spreadsheet package so that every decompressed byte is counted and no XML part can bring a DTD.
/// </summary>
/// <remarks>
/// The parts live in <c>Reading/Xlsx</c>: <see cref="XlsxPackage"/> (the zip archive and its byte budget),
/// <see cref="SheetRowReader"/> (the worksheet's rows and merges), <see cref="SharedStringReader"/> (the shared strings,
/// read in step with the rows) and <see cref="CellValues"/> (what a cell holds).
/// </remarks>
internal static class XlsxGridReader
{
    /// <summary>Streams the rows of the return's worksheet: the sheet named <c>data</c> or <c>数据</c>, else the first worksheet.</summary>
    /// <param name="content">The workbook. It must be seekable; it is left open.</param>
    /// <param name="limits">The zip entry, decompressed size and row limits to enforce.</param>
    /// <returns>
    /// The rows that have a non-empty cell, in sheet order, numbered by sheet row. Numbers are plain decimal text
    /// rounded to Excel's 15 significant digits, in a percent format 100 times that with <c>%</c>, in a date format
    /// flagged (<see cref="GridRow.IsDateFormatted"/>); formulas give their cached value; merged cells carry the merge's value.
    /// </returns>
    /// <exception cref="ReturnReadException">On enumeration, when the workbook is malformed or past a limit.</exception>
    public static IEnumerable<GridRow> Read(Stream content, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The XLSX content must be a seekable stream.", nameof(content));
        }

        return ReadRows(content, limits);
    }

    private static IEnumerable<GridRow> ReadRows(Stream content, IngestLimits limits)
    {
        using var package = XlsxPackage.Open(content, limits);
        var sheet = package.FindReturnSheet();
        var styles = package.ReadStyles();
        var uses = package.NewSharedStringUses();
        var merges = package.ReadMerges(sheet, uses, out var sheetBytes);
        using var sharedStrings = package.OpenSharedStrings(uses);
        using var rows = new SheetRowReader(package, sheet, sharedStrings, styles, merges, sheetBytes, limits);
        while (rows.MoveNext())
        {
            yield return rows.Current;
        }
    }
}
