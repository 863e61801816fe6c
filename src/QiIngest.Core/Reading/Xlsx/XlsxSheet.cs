namespace QiIngest.Core.Reading.Xlsx;

/// <summary>A worksheet of the workbook: its name and the part that holds its cells.</summary>
internal sealed record XlsxSheet(string Name, string Part);
