namespace QiIngest.Core;

/// <summary>The file formats a return may come in.</summary>
public enum ReturnFormat
{
    /// <summary>Comma-separated values.</summary>
    Csv,

    /// <summary>An Excel workbook.</summary>
    Xlsx,

    /// <summary>A JSON document of section 5.3.</summary>
    Json,
}
