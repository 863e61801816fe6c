using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Reports;

/// <summary>
/// <c>reports/{period}/national.json</c> (section 10): the rollup with exact decimal numbers, read back by the
/// dashboard's history and by tests.
/// </summary>
/// <remarks>
/// Besides the fields of section 10, each entry of <c>inputs</c> carries the reporter's <c>totals</c> (so a past
/// period can still be charted by province), each indicator its <c>aggregation</c> and <c>kind</c>, and the rollup its input
/// <c>fingerprint</c> (so an unchanged rollup can be recognised without recomputing it). Numbers are written exactly,
/// without exponent or trailing zeros; Chinese stays readable, HTML-sensitive characters are escaped.
/// </remarks>
public static class NationalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The rollup as UTF-8 JSON.</summary>
    public static byte[] Write(NationalRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("period", rollup.Period.ToString());
            w.WriteString("status", rollup.Status);
            w.WriteStartObject("coverage");
            w.WriteNumber("reported", rollup.Coverage.Reported);
            w.WriteNumber("expected", rollup.Coverage.Expected);
            w.WriteStartArray("missing");
            foreach (var code in rollup.Coverage.Missing)
            {
                w.WriteStringValue(code);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("inputs");
            foreach (var input in rollup.Inputs)
            {
                w.WriteStartObject(input.Reporter);
                w.WriteNumber("version", input.Version);
                w.WriteString("file", input.File);
                w.WriteString("sha256", input.Sha256);
                w.WriteStartObject("totals");
                foreach (var (code, value) in input.Totals.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(code);
                    WriteNumber(w, value);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteString("fingerprint", rollup.Fingerprint);
            w.WriteString("computedAt", rollup.ComputedAt);
            w.WriteStartArray("indicators");
            foreach (var f in rollup.Figures)
            {
                w.WriteStartObject();
                w.WriteString("code", f.Code);
                w.WriteString("nameZh", f.NameZh);
                w.WriteString("nameEn", f.NameEn);
                w.WriteString("aggregation", f.Aggregation);
                w.WriteString("kind", KindName(f.Kind));
                w.WritePropertyName("value");
                WriteNumber(w, f.Value);
                w.WritePropertyName("rounded");
                WriteNumber(w, f.Rounded);
                w.WriteString("unit", f.Unit);
                w.WritePropertyName("yoyPercent");
                WriteNumber(w, f.YoyPercent);
                w.WritePropertyName("yoyRounded");
                WriteNumber(w, f.YoyRounded);
                w.WriteNumber("reporters", f.Reporters);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a rollup written by <see cref="Write"/>.</summary>
    /// <exception cref="JsonException">The bytes are not a national rollup.</exception>
    public static NationalRollup Read(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        try
        {
            var coverage = root.GetProperty("coverage");
            return new NationalRollup
            {
                Period = Period.Parse(root.GetProperty("period").GetString()!),
                Status = root.GetProperty("status").GetString()!,
                Coverage = new RollupCoverage(
                    coverage.GetProperty("reported").GetInt32(),
                    coverage.GetProperty("expected").GetInt32(),
                    [.. coverage.GetProperty("missing").EnumerateArray().Select(e => e.GetString()!)]),
                Inputs = [.. root.GetProperty("inputs").EnumerateObject().Select(ReadInput)],
                Fingerprint = root.TryGetProperty("fingerprint", out var fingerprint) ? fingerprint.GetString() ?? "" : "",
                ComputedAt = root.GetProperty("computedAt").GetDateTimeOffset(),
                Figures = [.. root.GetProperty("indicators").EnumerateArray().Select(ReadFigure)],
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"The JSON is not a national rollup of section 10: {e.Message}", e);
        }
    }

    private static ReporterInput ReadInput(JsonProperty p)
    {
        var totals = p.Value.TryGetProperty("totals", out var t)
            ? t.EnumerateObject().ToDictionary(x => x.Name, x => ReadNumber(x.Value), StringComparer.Ordinal)
            : new Dictionary<string, decimal?>(StringComparer.Ordinal);
        return new ReporterInput(p.Name, p.Value.GetProperty("version").GetInt32(), p.Value.GetProperty("file").GetString()!, p.Value.GetProperty("sha256").GetString(), totals);
    }

    private static NationalFigure ReadFigure(JsonElement e) => new()
    {
        Code = e.GetProperty("code").GetString()!,
        NameZh = e.GetProperty("nameZh").GetString()!,
        NameEn = e.GetProperty("nameEn").GetString()!,
        Aggregation = e.TryGetProperty("aggregation", out var aggregation) ? aggregation.GetString()! : FigureAggregation.Sum,
        Kind = e.TryGetProperty("kind", out var kind) ? ParseKind(kind.GetString()) : KindOfUnit(e.GetProperty("unit").GetString()),
        Unit = e.GetProperty("unit").GetString()!,
        Value = ReadNumber(e.GetProperty("value")),
        Rounded = ReadNumber(e.GetProperty("rounded")),
        YoyPercent = ReadNumber(e.GetProperty("yoyPercent")),
        YoyRounded = ReadNumber(e.GetProperty("yoyRounded")),
        Reporters = e.GetProperty("reporters").GetInt32(),
    };

    private static void WriteNumber(Utf8JsonWriter w, decimal? value)
    {
        if (value is decimal v)
        {
            w.WriteRawValue(Text.Format(v), skipInputValidation: true);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static decimal? ReadNumber(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    internal static string KindName(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Count => "count",
        IndicatorKind.Money => "money",
        _ => "rate",
    };

    private static IndicatorKind ParseKind(string? name) => name switch
    {
        "count" => IndicatorKind.Count,
        "money" => IndicatorKind.Money,
        "rate" => IndicatorKind.Rate,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{name}' is not an indicator kind (count, money, rate).")),
    };

    private static IndicatorKind KindOfUnit(string? unit) => unit switch
    {
        "元" => IndicatorKind.Money,
        "%" => IndicatorKind.Rate,
        _ => IndicatorKind.Count,
    };
}
