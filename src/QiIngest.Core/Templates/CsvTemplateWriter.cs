using System.Text;

namespace QiIngest.Core.Templates;

/// <summary>Writes a template as CSV: UTF-8 with a BOM (so that Excel shows the Chinese), RFC 4180 quoting, CRLF lines.</summary>
public static class CsvTemplateWriter
{
    /// <summary>The template's bytes as CSV.</summary>
    public static byte[] Write(ReturnTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = new StringBuilder();
        foreach (var row in template.Rows)
        {
            text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Cell(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
