using System.Text.Json.Nodes;
using ExcelDataReader;
using MiniExcelLibs;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Measuring;
using QiIngest.Bench.Reporting;
using QiIngest.Core;

namespace QiIngest.Bench.Figures;

/// <summary>
/// <c>xlsx_vs_library</c>: rows/s of <see cref="ReturnChecker.CheckAsync"/> (no sink) on a long XLSX with shared strings,
/// over rows/s of the faster of MiniExcel and ExcelDataReader reading the same file and touching every cell.
/// </summary>
internal static class XlsxVsLibrary
{
    private const double WarmupSeconds = 3;

    public static async Task<Figure> RunAsync(BenchMode mode, TextWriter log)
    {
        // ExcelDataReader asks for code page 1252 even for XLSX.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var csv = Path.Combine(Returns.Scratch, "xlsx-source.csv");
        var file = Path.Combine(Returns.Scratch, "parse.xlsx");
        var (rows, _) = LongReturn.Write(csv, mode.ParseRows);
        var bytes = LongXlsx.Write(csv, file);
        var path = Returns.Path(Returns.Province, "parse.xlsx");
        log.WriteLine($"  xlsx_vs_library: {rows:N0} rows, {bytes / 1048576.0:0.0} MiB");

        long miniCells = 0;
        var mini = await Sample.TakeAsync(3, mode.ParseRuns, _ =>
        {
            miniCells = MiniExcelRead(file);
            return Task.CompletedTask;
        }, WarmupSeconds);

        long edrCells = 0;
        var edr = await Sample.TakeAsync(3, mode.ParseRuns, _ =>
        {
            edrCells = ExcelDataReaderRead(file);
            return Task.CompletedTask;
        }, WarmupSeconds);

        CheckResult? last = null;
        var checker = ReturnChecker.Default;
        var ours = await Sample.TakeAsync(3, mode.ParseRuns, async _ =>
        {
            await using var stream = File.OpenRead(file);
            last = await checker.CheckAsync(stream, path);
        }, WarmupSeconds);
        if (last is not { IsAccepted: true } || last.ObservationCount != rows)
        {
            throw new InvalidOperationException($"The generated XLSX was not accepted whole: {last?.Outcome}, {last?.ObservationCount} of {rows}; {string.Join("; ", last?.Errors.Take(3).Select(e => e.Message) ?? [])}");
        }

        var miniRate = rows / mini.Median;
        var edrRate = rows / edr.Median;
        var ourRate = rows / ours.Median;
        return new Figure("xlsx_vs_library", ourRate / Math.Max(miniRate, edrRate), AtMost: false, 1.0, new JsonObject
        {
            ["rows"] = rows,
            ["fileBytes"] = bytes,
            ["runs"] = mode.ParseRuns,
            ["baseline"] = miniRate >= edrRate ? "MiniExcel 1.46.0" : "ExcelDataReader 3.6.0",
            ["miniExcelRowsPerSecond"] = Math.Round(miniRate),
            ["miniExcelCellsTouched"] = miniCells,
            ["excelDataReaderRowsPerSecond"] = Math.Round(edrRate),
            ["excelDataReaderCellsTouched"] = edrCells,
            ["checkerSecondsMedian"] = ours.Median,
            ["checkerRowsPerSecond"] = Math.Round(ourRate),
            ["checkerAllocatedBytesPerRow"] = ours.MedianAllocated / rows,
            ["miniExcelAllocatedBytesPerRow"] = mini.MedianAllocated / rows,
            ["excelDataReaderAllocatedBytesPerRow"] = edr.MedianAllocated / rows,
        });
    }

    /// <summary>MiniExcel's streaming query (rows as dictionaries), every cell's value touched.</summary>
    private static long MiniExcelRead(string file)
    {
        long cells = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(file))
        {
            foreach (var value in row.Values)
            {
                cells += value is null ? 0 : 1;
            }
        }

        return cells;
    }

    /// <summary>ExcelDataReader's forward-only reader, every cell's value read.</summary>
    private static long ExcelDataReaderRead(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        long cells = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells += reader.GetValue(i) is null ? 0 : 1;
            }
        }

        return cells;
    }
}
