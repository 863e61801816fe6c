using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using nietras.SeparatedValues;

namespace QiIngest.Bench.Inputs;

/// <summary>
/// Writes the rows of a <see cref="LongReturn"/> CSV as the JSON form of the return (section 5.3): the reporter and
/// period, then one object per row with its indicator, value (a JSON number, exactly as the CSV writes it), unit and
/// region, one observation a line, CJK text as UTF-8 (not <c>\u</c> escapes), as an export would write it. The same
/// CSV always gives the same bytes.
/// </summary>
internal static class LongJson
{
    private static readonly JsonEncodedText Indicator = JsonEncodedText.Encode("indicator");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
    private static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");

    /// <summary>Writes <paramref name="json"/> from <paramref name="csv"/> (columns 地区,指标,数值,单位[,备注]); returns its size in bytes.</summary>
    public static long Write(string csv, string json, string reporter, string period)
    {
        using (var file = new FileStream(json, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var line = new ArrayBufferWriter<byte>(256);
            using var writer = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            file.Write(Encoding.UTF8.GetBytes($"{{\"reporter\":\"{reporter}\",\"period\":\"{period}\",\"observations\":["));
            using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = true }).FromFile(csv);
            var hasNote = reader.Header.ColNames.Count > 4;
            var first = true;
            foreach (var row in reader)
            {
                line.ResetWrittenCount();
                writer.Reset();
                writer.WriteStartObject();
                writer.WriteString(Indicator, row[1].Span);
                writer.WritePropertyName(Value);
                writer.WriteRawValue(row[2].Span, skipInputValidation: true);
                writer.WriteString(Unit, row[3].Span);
                writer.WriteString(Region, row[0].Span);
                if (hasNote)
                {
                    writer.WriteString(Note, row[4].Span);
                }

                writer.WriteEndObject();
                writer.Flush();
                file.Write(first ? "\n"u8 : ",\n"u8);
                file.Write(line.WrittenSpan);
                first = false;
            }

            file.Write("\n]}\n"u8);
        }

        return new FileInfo(json).Length;
    }
}
